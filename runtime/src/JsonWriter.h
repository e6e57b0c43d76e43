//===- JsonWriter.h - minimal JSON emitter for ledger records ---*- C++ -*-===//
//
// The runtime must not pull in LLVM and writes only flat, known records, so a
// few append helpers are enough; the caller keeps the nesting right.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RUNTIME_JSONWRITER_H
#define GREENLINT_RUNTIME_JSONWRITER_H

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

namespace greenlint {
namespace rt {

class JsonWriter {
public:
  explicit JsonWriter(std::string &Out) : Out(Out) {}

  JsonWriter &open() { return sep(), Out += '{', First = true, *this; }
  JsonWriter &close() { return Out += '}', First = false, *this; }
  JsonWriter &openArray() { return sep(), Out += '[', First = true, *this; }
  JsonWriter &closeArray() { return Out += ']', First = false, *this; }
  // Starts a member; the value follows with one of the value calls.
  JsonWriter &key(const char *K) {
    sep();
    string(K);
    Out += ':';
    First = true; // the value needs no separator
    return *this;
  }
  JsonWriter &value(const std::string &S) { return value(S.c_str()); }
  JsonWriter &value(const char *S) {
    sep();
    string(S);
    return *this;
  }
  JsonWriter &value(bool B) {
    sep();
    Out += B ? "true" : "false";
    return *this;
  }
  JsonWriter &value(int64_t V) {
    sep();
    Out += std::to_string(V);
    return *this;
  }
  JsonWriter &value(uint64_t V) {
    sep();
    Out += std::to_string(V);
    return *this;
  }
  JsonWriter &value(int V) { return value(static_cast<int64_t>(V)); }
  // Ten significant digits keep microjoules over hour-long runs.
  JsonWriter &value(double D, const char *Fmt = "%.10g") {
    sep();
    if (!std::isfinite(D)) {
      Out += "null";
      return *this;
    }
    char Buf[40];
    std::snprintf(Buf, sizeof(Buf), Fmt, D);
    Out += Buf;
    return *this;
  }
  template <typename T> JsonWriter &member(const char *K, const T &V) {
    key(K);
    return value(V);
  }
  // A string member. One that is not UTF-8 (a region name built from raw
  // bytes) is written with U+FFFD for each bad byte, so the line stays JSON,
  // plus "<K>_hex" with its bytes, which readers prefer: nothing is lost.
  JsonWriter &member(const char *K, const std::string &V) {
    return member(K, V.c_str());
  }
  JsonWriter &member(const char *K, const char *V) {
    key(K);
    value(V);
    if (V && !isUtf8(V)) {
      std::string HexKey = std::string(K) + "_hex";
      key(HexKey.c_str());
      value(hex(V));
    }
    return *this;
  }
  /// An object of counts keyed by name (a region's "units"); names that are
  /// not UTF-8 go to "<K>_hex" instead, keyed by their bytes in hex.
  template <typename Range, typename NameOf>
  JsonWriter &counts(const char *K, const Range &Items, NameOf Name) {
    bool AnyHex = false;
    key(K).open();
    for (const auto &I : Items) {
      const char *N = Name(I.first);
      if (isUtf8(N))
        member(N, I.second);
      else
        AnyHex = true;
    }
    close();
    if (!AnyHex)
      return *this;
    std::string HexKey = std::string(K) + "_hex";
    key(HexKey.c_str()).open();
    for (const auto &I : Items) {
      const char *N = Name(I.first);
      if (!isUtf8(N))
        member(hex(N).c_str(), I.second);
    }
    return close();
  }

  /// Whether \p S is well-formed UTF-8 (RFC 3629: no overlong forms, no
  /// surrogates, nothing above U+10FFFF), as JSON readers require.
  static bool isUtf8(const char *S) {
    for (; S && *S;) {
      size_t N = utf8Length(S);
      if (N == 0)
        return false;
      S += N;
    }
    return true;
  }
  /// \p S's bytes as lower-case hex, two digits each.
  static std::string hex(const char *S) {
    static const char Digits[] = "0123456789abcdef";
    std::string Out;
    for (; S && *S; ++S) {
      unsigned char C = static_cast<unsigned char>(*S);
      Out += Digits[C >> 4];
      Out += Digits[C & 15];
    }
    return Out;
  }
  JsonWriter &member(const char *K, double V, const char *Fmt) {
    key(K);
    return value(V, Fmt);
  }

private:
  void sep() {
    if (!First)
      Out += ',';
    First = false;
  }
  /// The length of the well-formed UTF-8 sequence at \p S, or 0.
  static size_t utf8Length(const char *S) {
    auto Byte = [S](size_t I) { return static_cast<unsigned char>(S[I]); };
    unsigned char C = Byte(0);
    if (C < 0x80)
      return 1;
    size_t N = C >= 0xC2 && C <= 0xDF   ? 2
               : C >= 0xE0 && C <= 0xEF ? 3
               : C >= 0xF0 && C <= 0xF4 ? 4
                                        : 0;
    if (N == 0)
      return 0;
    unsigned char Lo = C == 0xE0 ? 0xA0 : C == 0xF0 ? 0x90 : 0x80;
    unsigned char Hi = C == 0xED ? 0x9F : C == 0xF4 ? 0x8F : 0xBF;
    // A NUL terminator fails these range checks, so no read runs past it.
    if (Byte(1) < Lo || Byte(1) > Hi)
      return 0;
    for (size_t I = 2; I < N; ++I)
      if (Byte(I) < 0x80 || Byte(I) > 0xBF)
        return 0;
    return N;
  }
  // Writes \p S as a JSON string; bytes that are not UTF-8 become U+FFFD
  // (member() keeps the original in "<key>_hex").
  void string(const char *S) {
    Out += '"';
    for (; S && *S; ++S) {
      unsigned char C = static_cast<unsigned char>(*S);
      if (C >= 0x80) {
        size_t N = utf8Length(S);
        if (N == 0) {
          Out += "\xEF\xBF\xBD";
        } else {
          Out.append(S, N);
          S += N - 1;
        }
        continue;
      }
      switch (C) {
      case '"':
        Out += "\\\"";
        break;
      case '\\':
        Out += "\\\\";
        break;
      case '\n':
        Out += "\\n";
        break;
      case '\t':
        Out += "\\t";
        break;
      case '\r':
        Out += "\\r";
        break;
      default:
        if (C < 0x20) {
          char Buf[8];
          std::snprintf(Buf, sizeof(Buf), "\\u%04x", C);
          Out += Buf;
        } else {
          Out += static_cast<char>(C);
        }
      }
    }
    Out += '"';
  }
  std::string &Out;
  bool First = true;
};

} // namespace rt
} // namespace greenlint

#endif // GREENLINT_RUNTIME_JSONWRITER_H
