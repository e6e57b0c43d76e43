//===- JsonWriter.h - minimal JSON emitter for ledger records ---*- C++ -*-===//
//
// The runtime must not pull in LLVM and writes only flat, known records, so a
// few append helpers are enough; the caller keeps the nesting right.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RUNTIME_JSONWRITER_H
#define GREENLINT_RUNTIME_JSONWRITER_H

#include <cmath>
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
  void string(const char *S) {
    Out += '"';
    for (; S && *S; ++S) {
      unsigned char C = static_cast<unsigned char>(*S);
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
