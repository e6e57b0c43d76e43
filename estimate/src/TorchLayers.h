//===- TorchLayers.h - Sizing one LibTorch layer from its arguments -------===//
//
// A layer's constructor arguments, or its options object with the setters
// called on it (Conv2dOptions(3, 16, 3).padding(1)), evaluated as constants
// and turned into parameters, FLOPs and the shape it hands on.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_TORCHLAYERS_H
#define GREENLINT_RULES_ESTIMATE_TORCHLAYERS_H

#include "greenlint/estimate/ConstantEvaluator.h"
#include "greenlint/estimate/LayerCost.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CXXRecordDecl;
class Expr;
} // namespace clang

namespace greenlint {
namespace estimate {

struct LayerResult {
  /// False when an argument is not a constant; Why says which.
  bool Read = false;
  std::string Why;
  LayerCost Cost;
  /// The per-sample shape after the layer, when the input's was known and
  /// the layer's effect on it is.
  std::optional<std::vector<int64_t>> Shape;
  /// An embedding, recurrent or attention layer: one sample is one token.
  bool PerTimeStep = false;
};

/// Sizes a layer of kind \p Role (a layer-* role) whose implementation is
/// \p Impl, built with \p Args under the constants \p B, on the per-sample
/// input shape \p InShape.
LayerResult
evaluateTorchLayer(llvm::StringRef Role, const clang::CXXRecordDecl *Impl,
                   llvm::ArrayRef<const clang::Expr *> Args, const Bindings &B,
                   const std::optional<std::vector<int64_t>> &InShape,
                   clang::ASTContext &Ctx);

} // namespace estimate
} // namespace greenlint

#endif
