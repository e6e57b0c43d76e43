//===- Readers.h - The framework readers behind the static estimates -----===//
//
// Each reader finds the models of one framework in the user's declarations
// and fills what it can derive from constants; weight bytes and energy are
// completed by Estimator. What each one reads: docs/estimates.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_READERS_H
#define GREENLINT_RULES_ESTIMATE_READERS_H

#include "greenlint/estimate/ModelEstimate.h"
#include <vector>

namespace clang {
class ASTContext;
class Decl;
} // namespace clang

namespace greenlint {
class ApiModel;
namespace estimate {

/// LibTorch: module classes whose constructors register layers,
/// instantiations of them with constant arguments, and Sequential variables.
/// A size that is not constant makes the model's figures unknown, with the
/// reason.
std::vector<ModelEstimate>
readTorchModels(clang::ASTContext &Ctx,
                const std::vector<clang::Decl *> &UserDecls,
                const ApiModel &Api);

/// dlib: network type aliases (loss<fc<10, relu<con<...>>>>); every size is
/// a template argument except the image's, which dlib takes from the first
/// batch, so fc layers need input_rgb_image_sized or a greenlint::input
/// annotation on the alias.
std::vector<ModelEstimate>
readDlibNets(clang::ASTContext &Ctx,
             const std::vector<clang::Decl *> &UserDecls, const ApiModel &Api);

/// llama.cpp: a constant GGUF path names the weight type and, by
/// convention, the nominal size; a token costs about twice the parameters
/// in FLOPs (Kaplan et al., 2020).
std::vector<ModelEstimate>
readLlamaModels(clang::ASTContext &Ctx,
                const std::vector<clang::Decl *> &UserDecls,
                const ApiModel &Api);

/// XGBoost: literal booster parameters and constant-count boosting loops
/// bound the ensemble (trees x 2^(depth+1) - 1 nodes); reported as bounds,
/// never as a parameter count.
std::vector<ModelEstimate>
readBoosters(clang::ASTContext &Ctx,
             const std::vector<clang::Decl *> &UserDecls, const ApiModel &Api);

} // namespace estimate
} // namespace greenlint

#endif
