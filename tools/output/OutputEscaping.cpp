//===- OutputEscaping.cpp -------------------------------------------------===//
#include "OutputEscaping.h"

#include <algorithm>
#include <cstdio>

namespace greenlint {

namespace {

std::string hexByte(const char *Prefix, unsigned char B) {
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "%s%02X", Prefix, B);
  return Buf;
}

/// Characters a terminal acts on instead of showing: C0 controls and DEL
/// (ESC starts cursor and colour sequences), C1 controls (U+009B is a CSI on
/// xterm), and the bidirectional overrides and isolates that reorder what a
/// reader sees ("Trojan Source").
bool actsOnTerminal(uint32_t C) {
  return C < 0x20 || C == 0x7F || (C >= 0x80 && C <= 0x9F) ||
         (C >= 0x202A && C <= 0x202E) || (C >= 0x2066 && C <= 0x2069) ||
         C == 0x200E || C == 0x200F || C == 0x061C;
}

std::string visibleEscape(uint32_t C) {
  switch (C) {
  case '\n':
    return "\\n";
  case '\r':
    return "\\r";
  case '\t':
    return "\\t";
  }
  if (C < 0x80)
    return hexByte("\\x", static_cast<unsigned char>(C));
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "\\u{%04X}", static_cast<unsigned>(C));
  return Buf;
}

/// Calls Valid(CodePoint, Bytes) for each well-formed sequence and
/// Invalid(Byte) for each byte that starts none.
template <typename ValidFn, typename InvalidFn>
void forEachCodePoint(std::string_view S, ValidFn Valid, InvalidFn Invalid) {
  for (size_t I = 0; I < S.size();) {
    uint32_t C;
    size_t N = decodeUtf8(S, I, C);
    if (N == 0) {
      Invalid(static_cast<unsigned char>(S[I]));
      ++I;
      continue;
    }
    Valid(C, S.substr(I, N));
    I += N;
  }
}

} // namespace

size_t decodeUtf8(std::string_view S, size_t I, uint32_t &CodePoint) {
  auto Byte = [&](size_t K) { return static_cast<unsigned char>(S[K]); };
  unsigned char B0 = Byte(I);
  if (B0 < 0x80) {
    CodePoint = B0;
    return 1;
  }
  size_t Length;
  uint32_t C, Min;
  if ((B0 & 0xE0) == 0xC0) {
    Length = 2, C = B0 & 0x1F, Min = 0x80;
  } else if ((B0 & 0xF0) == 0xE0) {
    Length = 3, C = B0 & 0x0F, Min = 0x800;
  } else if ((B0 & 0xF8) == 0xF0) {
    Length = 4, C = B0 & 0x07, Min = 0x10000;
  } else {
    return 0;
  }
  if (I + Length > S.size())
    return 0;
  for (size_t K = 1; K < Length; ++K) {
    unsigned char B = Byte(I + K);
    if ((B & 0xC0) != 0x80)
      return 0;
    C = (C << 6) | (B & 0x3F);
  }
  if (C < Min || C > 0x10FFFF || (C >= 0xD800 && C <= 0xDFFF))
    return 0;
  CodePoint = C;
  return Length;
}

size_t codePointCount(std::string_view S) {
  size_t Count = 0;
  forEachCodePoint(
      S, [&](uint32_t, std::string_view) { ++Count; },
      [&](unsigned char) { ++Count; });
  return Count;
}

std::string validUtf8(std::string_view S) {
  std::string Out;
  Out.reserve(S.size());
  forEachCodePoint(
      S, [&](uint32_t, std::string_view Bytes) { Out += Bytes; },
      [&](unsigned char B) { Out += hexByte("\\x", B); });
  return Out;
}

std::string terminalText(std::string_view S) {
  std::string Out;
  Out.reserve(S.size());
  forEachCodePoint(
      S,
      [&](uint32_t C, std::string_view Bytes) {
        if (actsOnTerminal(C))
          Out += visibleEscape(C);
        else
          Out += Bytes;
      },
      [&](unsigned char B) { Out += hexByte("\\x", B); });
  return Out;
}

std::string markdownText(std::string_view S) {
  std::string Shown = terminalText(S);
  std::string Out;
  Out.reserve(Shown.size() + 8);
  static constexpr std::string_view Markup = "\\`*_[]<>|~&";
  // A number followed by "." or ")" at the start would begin a list.
  size_t Digits = 0;
  while (Digits < Shown.size() && Shown[Digits] >= '0' && Shown[Digits] <= '9')
    ++Digits;
  for (size_t I = 0; I < Shown.size(); ++I) {
    char C = Shown[I];
    bool Leading =
        I == 0 && std::string_view("#+-=!").find(C) != std::string_view::npos;
    bool ListNumber = I == Digits && Digits > 0 && (C == '.' || C == ')');
    if (Leading || ListNumber || Markup.find(C) != std::string_view::npos)
      Out += '\\';
    Out += C;
  }
  return Out;
}

std::string markdownCode(std::string_view S, bool InTableCell) {
  std::string Shown = terminalText(S);
  if (InTableCell) {
    std::string Piped;
    for (char C : Shown) {
      if (C == '|')
        Piped += '\\';
      Piped += C;
    }
    Shown = std::move(Piped);
  }
  size_t Longest = 0, Run = 0;
  for (char C : Shown) {
    Run = C == '`' ? Run + 1 : 0;
    Longest = std::max(Longest, Run);
  }
  std::string Fence(Longest + 1, '`');
  // CommonMark strips one space on each side when both are there, so a span
  // that starts or ends with a backtick or a space keeps its own.
  bool Pad = !Shown.empty() && (Shown.front() == '`' || Shown.back() == '`' ||
                                Shown.front() == ' ' || Shown.back() == ' ');
  std::string Space = Pad ? " " : "";
  return Fence + Space + Shown + Space + Fence;
}

std::string yamlQuoted(std::string_view S) {
  std::string Out = "\"";
  forEachCodePoint(
      validUtf8(S),
      [&](uint32_t C, std::string_view Bytes) {
        if (C == '"' || C == '\\') {
          Out += '\\';
          Out += static_cast<char>(C);
        } else if (C == '\n') {
          Out += "\\n";
        } else if (C == '\t') {
          Out += "\\t";
        } else if (C < 0x20 || (C >= 0x7F && C <= 0x9F)) {
          // \xNN in YAML is the code point U+00NN.
          Out += hexByte("\\x", static_cast<unsigned char>(C));
        } else if (C == 0xFEFF || C == 0xFFFE || C == 0xFFFF) {
          char Buf[16];
          std::snprintf(Buf, sizeof Buf, "\\u%04X", static_cast<unsigned>(C));
          Out += Buf;
        } else {
          Out += Bytes;
        }
      },
      [&](unsigned char) {}); // validUtf8 left none
  return Out + "\"";
}

std::string yamlMappingKey(std::string_view S, size_t Indent) {
  std::string Key = yamlQuoted(S);
  // YAML 1.2 counts the key and its ":" in characters; stay well below.
  if (codePointCount(Key) < 1000)
    return Key + ":";
  return "? " + Key + "\n" + std::string(Indent, ' ') + ":";
}

nlohmann::json validUtf8Json(const nlohmann::json &J) {
  if (J.is_string())
    return validUtf8(J.get_ref<const std::string &>());
  if (J.is_array()) {
    nlohmann::json Out = nlohmann::json::array();
    for (const nlohmann::json &E : J)
      Out.push_back(validUtf8Json(E));
    return Out;
  }
  if (J.is_object()) {
    nlohmann::json Out = nlohmann::json::object();
    for (auto It = J.begin(); It != J.end(); ++It)
      Out[validUtf8(It.key())] = validUtf8Json(It.value());
    return Out;
  }
  return J;
}

std::string dumpJson(const nlohmann::json &J, int Indent) {
  return validUtf8Json(J).dump(Indent);
}

} // namespace greenlint
