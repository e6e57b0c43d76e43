//===- GgufName.h - What a GGUF file name says about its weights -*- C++
//-*-===//
//
// llama.cpp model files carry their weight type and, by convention, the
// model's nominal size in their names ("llama-2-7b.Q4_K_M.gguf"). Bits per
// weight follow from ggml's block layouts (docs/estimates.md).
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_GGUFNAME_H
#define GREENLINT_RULES_ESTIMATE_GGUFNAME_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace greenlint {
namespace estimate {

struct GgufWeightType {
  std::string Name; ///< as ggml names it: "Q4_K_M", "F16"
  /// Bits per weight of the type's blocks; unset for types whose layout
  /// greenlint does not know. K-quant mixes (_S/_M/_L) use their base
  /// type's blocks for most tensors and a larger type for a few.
  std::optional<double> BitsPerWeight;
  bool Quantised = true;
};

/// The weight type named in \p FileName, if any.
std::optional<GgufWeightType> ggufWeightType(llvm::StringRef FileName);

/// The nominal parameter count in \p FileName ("7b", "0.5B", "13B"); unset
/// when there is none or it is a mixture ("8x7b").
std::optional<double> ggufNominalParameters(llvm::StringRef FileName);

} // namespace estimate
} // namespace greenlint

#endif
