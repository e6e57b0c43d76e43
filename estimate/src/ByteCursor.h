//===- ByteCursor.h - Bounds-checked reads of a binary model file -*- C++
//-*-===//
//
// The model-file readers take every length and count from the file itself,
// which may be truncated or hostile: each read checks it stays inside the
// bytes, and the first failure is kept with its offset so that the error
// names where the file went wrong.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_ESTIMATE_BYTECURSOR_H
#define GREENLINT_ESTIMATE_BYTECURSOR_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <cstring>
#include <string>

namespace greenlint {
namespace estimate {

class ByteCursor {
public:
  ByteCursor(llvm::StringRef Bytes, uint64_t Base = 0)
      : Bytes(Bytes), Base(Base) {}

  /// The offset in the file of the next byte.
  uint64_t offset() const { return Base + Pos; }
  uint64_t remaining() const { return Bytes.size() - Pos; }
  bool atEnd() const { return Pos >= Bytes.size(); }
  bool failed() const { return !Why.empty(); }
  /// What went wrong, and at which file offset.
  const std::string &why() const { return Why; }
  uint64_t failedAt() const { return FailedAt; }

  /// Records the first failure (at the current offset) and returns false.
  bool fail(const std::string &What) {
    if (Why.empty()) {
      Why = What;
      FailedAt = offset();
    }
    return false;
  }

  /// \p N bytes, or false (and a failure) when fewer remain.
  bool take(uint64_t N, llvm::StringRef &Out, const char *What) {
    if (failed())
      return false;
    if (N > remaining())
      return fail(std::string(What) + " needs " + std::to_string(N) +
                  " bytes but the file has " + std::to_string(remaining()) +
                  " left (truncated?)");
    Out = Bytes.substr(Pos, N);
    Pos += N;
    return true;
  }

  /// A little-endian integer or float of sizeof(T) bytes.
  template <typename T> bool readLE(T &Out, const char *What) {
    llvm::StringRef Raw;
    if (!take(sizeof(T), Raw, What))
      return false;
    unsigned char Buf[sizeof(T)];
    std::memcpy(Buf, Raw.bytes_begin(), sizeof(T));
    uint64_t V = 0;
    for (size_t I = sizeof(T); I-- > 0;)
      V = (V << 8) | Buf[I];
    if constexpr (sizeof(T) == 8) {
      std::memcpy(&Out, &V, 8);
    } else if constexpr (sizeof(T) == 4) {
      uint32_t V32 = uint32_t(V);
      std::memcpy(&Out, &V32, 4);
    } else if constexpr (sizeof(T) == 2) {
      uint16_t V16 = uint16_t(V);
      std::memcpy(&Out, &V16, 2);
    } else {
      uint8_t V8 = uint8_t(V);
      std::memcpy(&Out, &V8, 1);
    }
    return true;
  }

  /// A protobuf base-128 varint (at most 10 bytes).
  bool readVarint(uint64_t &Out, const char *What) {
    Out = 0;
    for (unsigned Shift = 0; Shift < 70; Shift += 7) {
      if (failed())
        return false;
      if (atEnd())
        return fail(std::string(What) + " ends inside a varint (truncated?)");
      uint8_t B = uint8_t(Bytes[Pos++]);
      if (Shift == 63 && B > 1)
        return fail(std::string(What) + " is a varint longer than 64 bits");
      Out |= uint64_t(B & 0x7f) << Shift;
      if (!(B & 0x80))
        return true;
    }
    return fail(std::string(What) + " is a varint longer than 10 bytes");
  }

private:
  llvm::StringRef Bytes;
  uint64_t Base;
  uint64_t Pos = 0;
  std::string Why;
  uint64_t FailedAt = 0;
};

} // namespace estimate
} // namespace greenlint

#endif
