//===- CompileDatabaseCheck.cpp -------------------------------------------===//
#include "CompileDatabaseCheck.h"
#include "OutputEscaping.h"

#include <nlohmann/json.hpp>
#include <vector>

namespace greenlint {

namespace {

/// 1-based line and column (in code points) of a byte offset.
std::pair<size_t, size_t> lineColumn(std::string_view Text, size_t Offset) {
  Offset = std::min(Offset, Text.size());
  size_t Line = 1, LineStart = 0;
  for (size_t I = 0; I < Offset; ++I)
    if (Text[I] == '\n')
      ++Line, LineStart = I + 1;
  return {Line, codePointCount(Text.substr(LineStart, Offset - LineStart)) + 1};
}

/// The byte offsets of the entries of a top-level array (the '{' or other
/// first character of each), read from text already known to be valid JSON.
std::vector<size_t> entryOffsets(std::string_view Text) {
  std::vector<size_t> Offsets;
  int Depth = 0;
  bool InString = false, ExpectEntry = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
      continue;
    }
    if (C == ' ' || C == '\t' || C == '\n' || C == '\r')
      continue;
    // The first character after the array's '[' or a ',' in it.
    if (ExpectEntry && C != ']')
      Offsets.push_back(I);
    ExpectEntry = false;
    if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      ExpectEntry = ++Depth == 1 && C == '[';
    } else if (C == ']' || C == '}') {
      --Depth;
    } else if (C == ',' && Depth == 1) {
      ExpectEntry = true;
    }
  }
  return Offsets;
}

const char *const Regenerate =
    "regenerate it with the build system (CMake: "
    "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON; others: bear)";

} // namespace

bool checkCompileDatabase(std::string_view Path, std::string_view Text,
                          std::string &Error) {
  auto at = [&](size_t Offset) {
    auto [Line, Column] = lineColumn(Text, Offset);
    return terminalText(Path) + ":" + std::to_string(Line) + ":" +
           std::to_string(Column) + ": ";
  };
  nlohmann::json DB;
  try {
    DB = nlohmann::json::parse(Text);
  } catch (const nlohmann::json::parse_error &E) {
    // E.byte is 1-based: the byte at which the parser gave up.
    std::string What = E.what();
    size_t Colon = What.find(": ", What.find("column"));
    std::string Why =
        Colon == std::string::npos ? What : What.substr(Colon + 2);
    Error = at(E.byte ? E.byte - 1 : 0) + "not valid JSON (" +
            terminalText(Why) + "); " + Regenerate;
    return false;
  }
  if (!DB.is_array()) {
    Error = at(0) + "expected a JSON array of compile commands; " + Regenerate;
    return false;
  }
  std::vector<size_t> Offsets = entryOffsets(Text);
  for (size_t I = 0; I < DB.size(); ++I) {
    const nlohmann::json &Entry = DB[I];
    std::string Where = at(I < Offsets.size() ? Offsets[I] : 0) + "entry " +
                        std::to_string(I + 1);
    if (!Entry.is_object()) {
      Error = Where + " is not an object; " + Regenerate;
      return false;
    }
    for (const char *Key : {"directory", "file"}) {
      auto It = Entry.find(Key);
      if (It == Entry.end() || !It->is_string()) {
        Error = Where + " has no \"" + Key + "\" string; " + Regenerate;
        return false;
      }
    }
    auto Command = Entry.find("command");
    auto Arguments = Entry.find("arguments");
    bool HasCommand = Command != Entry.end() && Command->is_string();
    bool HasArguments = Arguments != Entry.end() && Arguments->is_array() &&
                        !Arguments->empty();
    if (HasArguments)
      for (const nlohmann::json &A : *Arguments)
        HasArguments = HasArguments && A.is_string();
    if (!HasCommand && !HasArguments) {
      Error = Where +
              " has neither a \"command\" string nor an \"arguments\" list "
              "of strings; " +
              Regenerate;
      return false;
    }
    const std::string &Directory =
        Entry["directory"].get_ref<const std::string &>();
    if (Directory.empty() || Directory.front() != '/') {
      Error = Where + ": \"directory\" is '" + terminalText(Directory) +
              "', a relative path, but it must be the absolute folder the "
              "compiler ran in: the format has no base to resolve it "
              "against, and greenlint would resolve it against its own "
              "working directory; " +
              Regenerate + ", or write the absolute path into the entry";
      return false;
    }
  }
  return true;
}

} // namespace greenlint
