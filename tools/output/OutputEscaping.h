//===- OutputEscaping.h - One escaping point per output format --*- C++ -*-===//
//
// Names in greenlint's output (regions, units, tests, models, files, rule
// texts) come from programs, ledgers, facts and sources nobody vetted: a
// crafted name must not add a Markdown table row, move a terminal's cursor,
// end a YAML scalar or make a JSON writer throw. Every writer passes such text
// through the function of its format below; nothing is dropped, what cannot be
// shown is shown escaped. docs/security.md lists which writer uses which.
//
// The shared visible escapes: invalid UTF-8 bytes read \xNN, control
// characters \n, \r, \t or \xNN (C1 controls and bidirectional overrides
// \u{NNNN}). A backslash in a name is kept as it is.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_OUTPUTESCAPING_H
#define GREENLINT_TOOLS_OUTPUTESCAPING_H

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace greenlint {

/// The length of the well-formed UTF-8 sequence at S[I] (1 to 4) with its
/// code point in CodePoint, or 0 when the byte there starts none (overlong
/// forms, surrogates and values above U+10FFFF are not well formed).
size_t decodeUtf8(std::string_view S, size_t I, uint32_t &CodePoint);

/// Code points in S, an invalid byte counting as one: SARIF's
/// unicodeCodePoints columns and the width of a terminal table cell.
size_t codePointCount(std::string_view S);

/// S as valid UTF-8: every byte that starts no well-formed sequence becomes
/// the four characters \xNN. Everything else is kept.
std::string validUtf8(std::string_view S);

/// Terminal and log text: valid UTF-8 with every control character, C1
/// control and bidirectional override shown as a visible escape.
std::string terminalText(std::string_view S);

/// Markdown inline text, for a table cell or a list line: terminalText, then
/// a backslash before each character Markdown or GitHub would read as markup
/// (\ ` * _ [ ] < > | ~ & and a leading # + - = !), so `<script>` and `|`
/// show as themselves.
std::string markdownText(std::string_view S);

/// A Markdown code span showing S literally: terminalText inside a fence of
/// more backticks than S holds in a row. InTableCell escapes `|`, which GFM
/// tables split cells on even inside a code span.
std::string markdownCode(std::string_view S, bool InTableCell);

/// A YAML double-quoted scalar (with its quotes) holding S: validUtf8, then
/// YAML escapes for `"`, `\`, and every character YAML may not hold
/// unescaped (controls, DEL, C1, U+FEFF, U+FFFE, U+FFFF).
std::string yamlQuoted(std::string_view S);

/// A YAML block-mapping key for S followed by ":". An implicit key may not be
/// longer than 1,024 characters, so a longer one is written as an explicit
/// `? KEY` line followed by `:` on the next line at \p Indent spaces.
std::string yamlMappingKey(std::string_view S, size_t Indent);

/// J with every string and object key passed through validUtf8, so that
/// dumping it can never throw on a name that is not UTF-8.
nlohmann::json validUtf8Json(const nlohmann::json &J);

/// The one JSON writer of the CLI: validUtf8Json(J).dump(Indent).
std::string dumpJson(const nlohmann::json &J, int Indent);

} // namespace greenlint

#endif
