//===- Estimator.h - Static estimates for one translation unit -*- C++ -*-===//
//
// Runs the framework readers over the user's declarations and completes
// each model's figures: weight bytes at its dtype, and joules per call on
// the target hardware profile when one is configured.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_ESTIMATOR_H
#define GREENLINT_RULES_ESTIMATE_ESTIMATOR_H

#include "greenlint/estimate/ModelEstimate.h"
#include <vector>

namespace clang {
class ASTContext;
class Decl;
} // namespace clang

namespace greenlint {
class ApiModel;
namespace data {
struct HardwareProfile;
} // namespace data
namespace estimate {

/// \p Target may be null: joules are then left unknown, and each model
/// says how to name a profile.
std::vector<ModelEstimate>
estimateModels(clang::ASTContext &Ctx,
               const std::vector<clang::Decl *> &UserDecls, const ApiModel &Api,
               const data::HardwareProfile *Target);

/// Adds weight bytes and joules to a model whose parameters and FLOPs are
/// known (exposed for the readers' tests).
void completeEstimate(ModelEstimate &M, const data::HardwareProfile *Target);

} // namespace estimate
} // namespace greenlint

#endif
