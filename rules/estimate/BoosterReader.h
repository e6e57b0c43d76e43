//===- BoosterReader.h - XGBoost ensembles from their training code -------===//
//
// Booster parameters set with string literals (XGBoosterSetParam(h,
// "max_depth", "8")) and boosting rounds run by a constant-count loop bound
// the ensemble: trees = rounds x classes x parallel trees, each at most
// 2^(depth+1) - 1 nodes. A tree ensemble's size is learned, so these are
// upper bounds reported as such, never as a parameter count.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_BOOSTERREADER_H
#define GREENLINT_RULES_ESTIMATE_BOOSTERREADER_H

#include "ModelEstimate.h"
#include <vector>

namespace clang {
class ASTContext;
class Decl;
} // namespace clang

namespace greenlint {
class ApiModel;
namespace estimate {

std::vector<ModelEstimate>
readBoosters(clang::ASTContext &Ctx,
             const std::vector<clang::Decl *> &UserDecls, const ApiModel &Api);

} // namespace estimate
} // namespace greenlint

#endif
