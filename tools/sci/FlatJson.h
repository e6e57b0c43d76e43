//===- FlatJson.h - Fast JSON for sample records ----------------*- C++ -*-===//
//
// Nearly all of a ledger is sample records, one JSON object a line, and
// nlohmann's DOM is too slow for a million of them. FlatJson reads the common
// shape of such a line into one flat array; FlatView gives it the interface
// of the reader's view of nlohmann values, so that one template
// (LedgerRecords.cpp) reads a record from either.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_FLATJSON_H
#define GREENLINT_TOOLS_FLATJSON_H

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace greenlint {

/// A JSON document parsed into one flat array, for the sample records that
/// make up nearly all of a ledger: nlohmann's DOM allocates per value and
/// parses at a few tens of MB/s, too slow for a million records. It accepts
/// a strict subset of JSON (ASCII strings without escapes, nesting up to
/// MaxDepth) on which it yields exactly what nlohmann yields; a line outside
/// the subset, valid or not, goes to nlohmann.
class FlatJson {
public:
  enum Kind : uint8_t { Null, Bool, Number, String, Array, Object };
  struct Value {
    Kind K = Null;
    bool B = false;
    double Num = 0;
    std::string_view Str, Key;    // Key: the member name inside an object
    uint32_t First = 0, Next = 0; // first child, next sibling; 0: none
  };

  /// Parses \p Text, which must outlive the values; false when it is not
  /// JSON or lies outside the subset.
  bool parse(std::string_view Text);
  const Value &at(uint32_t I) const { return Values[I]; }

private:
  std::vector<Value> Values;
};

/// NlohmannView's interface over a FlatJson document. A repeated key reads
/// as its last occurrence, as in nlohmann's DOM.
class FlatView {
public:
  FlatView() = default;
  FlatView(const FlatJson *D, uint32_t I) : D(D), I(I) {}
  explicit operator bool() const { return D; }
  bool isObject() const { return D && v().K == FlatJson::Object; }
  bool isArray() const { return D && v().K == FlatJson::Array; }
  bool isNumber() const { return D && v().K == FlatJson::Number; }
  bool isString() const { return D && v().K == FlatJson::String; }
  bool isBool() const { return D && v().K == FlatJson::Bool; }
  double number() const { return v().Num; }
  bool boolean() const { return v().B; }
  std::string string() const { return std::string(v().Str); }
  std::string_view stringView() const { return v().Str; }
  FlatView find(const char *Key) const {
    FlatView Found;
    if (!isObject())
      return Found;
    size_t Size = std::strlen(Key);
    for (uint32_t C = v().First; C; C = D->at(C).Next) {
      std::string_view K = D->at(C).Key;
      // Most keys differ in length or first letter: skip memcmp for those.
      if (K.size() == Size && (Size == 0 || K[0] == Key[0]) &&
          std::memcmp(K.data(), Key, Size) == 0)
        Found = FlatView(D, C);
    }
    return Found;
  }
  template <typename Fn> void forEachElement(Fn F) const {
    for (uint32_t C = v().First; C; C = D->at(C).Next)
      F(FlatView(D, C));
  }
  /// Members in document order, repeats included (nlohmann keeps the last).
  template <typename Fn> void forEachMember(Fn F) const {
    for (uint32_t C = v().First; C; C = D->at(C).Next)
      F(std::string(D->at(C).Key), FlatView(D, C));
  }

private:
  const FlatJson::Value &v() const { return D->at(I); }
  const FlatJson *D = nullptr;
  uint32_t I = 0;
};

} // namespace greenlint

#endif
