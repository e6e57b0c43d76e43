//===- GgmlTypes.h - ggml tensor types and their block layouts --*- C++ -*-===//
//
// A GGUF tensor names its type by ggml's number; its bytes follow from the
// type's block: Q4_0 stores 32 weights in 18 bytes, the K-quants 256 weights
// per super-block. The table is estimate/src/GgmlTypes.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_ESTIMATE_GGMLTYPES_H
#define GREENLINT_ESTIMATE_GGMLTYPES_H

#include <cstdint>

namespace greenlint {
namespace estimate {

struct GgmlType {
  uint32_t Id;
  const char *Name;
  uint32_t BlockWeights; ///< weights per block
  uint32_t BlockBytes;   ///< bytes per block
};

/// The type numbered \p Id by ggml's enum, or null for a number that is
/// not (or no longer) a type GGUF files use.
const GgmlType *ggmlType(uint32_t Id);

} // namespace estimate
} // namespace greenlint

#endif
