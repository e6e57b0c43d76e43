//===- FlatJson.cpp - Fast JSON for sample records ------------------------===//
#include "FlatJson.h"

#include <charconv>
#include <cstdlib>
#include <string>

namespace greenlint {

namespace {

/// One parse of one document into \p Values. In this file, with internal
/// linkage, so that the compiler inlines its steps as one function.
class Scanner {
public:
  using Value = FlatJson::Value;

  Scanner(std::vector<Value> &Values, std::string_view Text)
      : Values(Values), P(Text.data()), End(Text.data() + Text.size()) {}

  bool parseDocument() {
    skipSpace();
    if (!parseValue(0))
      return false;
    skipSpace();
    return P == End;
  }

private:
  static constexpr int MaxDepth = 32;

  void skipSpace() {
    while (P != End && (*P == ' ' || *P == '\t' || *P == '\n' || *P == '\r'))
      ++P;
  }
  bool literal(std::string_view Word) {
    if (static_cast<size_t>(End - P) < Word.size() ||
        std::string_view(P, Word.size()) != Word)
      return false;
    P += Word.size();
    return true;
  }
  bool parseString(std::string_view &Out) {
    const char *Start = ++P; // past the opening quote
    while (P != End) {
      unsigned char C = static_cast<unsigned char>(*P);
      if (C == '"') {
        Out = std::string_view(Start, P - Start);
        ++P;
        return true;
      }
      // Escapes, control characters and non-ASCII (whose UTF-8 nlohmann
      // checks) are outside the subset.
      if (C == '\\' || C < 0x20 || C >= 0x80)
        return false;
      ++P;
    }
    return false;
  }
  static bool isDigit(const char *Q, const char *End) {
    return Q != End && *Q >= '0' && *Q <= '9';
  }
  bool parseNumber(double &Out) {
    const char *Start = P;
    bool Integer = true;
    if (*P == '-')
      ++P;
    if (!isDigit(P, End))
      return false;
    if (*P == '0')
      ++P;
    else
      while (isDigit(P, End))
        ++P;
    if (P != End && *P == '.') {
      Integer = false;
      ++P;
      if (!isDigit(P, End))
        return false;
      while (isDigit(P, End))
        ++P;
    }
    if (P != End && (*P == 'e' || *P == 'E')) {
      Integer = false;
      ++P;
      if (P != End && (*P == '+' || *P == '-'))
        ++P;
      if (!isDigit(P, End))
        return false;
      while (isDigit(P, End))
        ++P;
    }
    // Both are correctly rounded; strtod also covers over- and underflow,
    // which from_chars reports as errors.
    auto [Ptr, Ec] = std::from_chars(Start, P, Out);
    if (Ec != std::errc() || Ptr != P)
      Out = std::strtod(std::string(Start, P).c_str(), nullptr);
    // nlohmann reads "-0" as the integer 0.
    if (Integer && Out == 0)
      Out = 0;
    return true;
  }
  bool parseValue(int Depth) {
    if (P == End || Depth > MaxDepth)
      return false;
    uint32_t Index = static_cast<uint32_t>(Values.size());
    Values.emplace_back();
    switch (*P) {
    case '{':
    case '[': {
      bool IsObject = *P == '{';
      char Close = IsObject ? '}' : ']';
      Values[Index].K = IsObject ? FlatJson::Object : FlatJson::Array;
      ++P;
      skipSpace();
      if (P != End && *P == Close) {
        ++P;
        return true;
      }
      uint32_t Last = 0;
      while (true) {
        std::string_view Key;
        if (IsObject) {
          if (P == End || *P != '"' || !parseString(Key))
            return false;
          skipSpace();
          if (P == End || *P != ':')
            return false;
          ++P;
          skipSpace();
        }
        uint32_t Child = static_cast<uint32_t>(Values.size());
        if (!parseValue(Depth + 1))
          return false;
        Values[Child].Key = Key;
        if (Last)
          Values[Last].Next = Child;
        else
          Values[Index].First = Child;
        Last = Child;
        skipSpace();
        if (P == End)
          return false;
        if (*P == ',') {
          ++P;
          skipSpace();
          continue;
        }
        if (*P != Close)
          return false;
        ++P;
        return true;
      }
    }
    case '"': {
      std::string_view S;
      if (!parseString(S))
        return false;
      Values[Index].K = FlatJson::String;
      Values[Index].Str = S;
      return true;
    }
    case 't':
    case 'f':
      Values[Index].K = FlatJson::Bool;
      Values[Index].B = *P == 't';
      return literal(*P == 't' ? "true" : "false");
    case 'n':
      return literal("null");
    default: {
      double N;
      if (!parseNumber(N))
        return false;
      Values[Index].K = FlatJson::Number;
      Values[Index].Num = N;
      return true;
    }
    }
  }

  std::vector<Value> &Values;
  const char *P, *End;
};

} // namespace

bool FlatJson::parse(std::string_view Text) {
  Values.clear();
  return Scanner(Values, Text).parseDocument();
}

} // namespace greenlint
