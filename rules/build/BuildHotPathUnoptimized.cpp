//===- BuildHotPathUnoptimized.cpp ----------------------------------------===//
#include "BuildHotPathUnoptimized.h"
#include "../RuleContext.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

const RuleInfo BuildHotPathUnoptimized::Info = {
    "build-hot-path-unoptimized",
    "build",
    "a translation unit with training or inference hot paths is compiled at "
    "-O0",
    /*DefaultOn=*/false,
    {},
    makeRule<BuildHotPathUnoptimized>,
    {roles::TrainingStep.data(), roles::InferenceCall.data(),
     roles::RuntimeInferenceCall.data()}};

void BuildHotPathUnoptimized::registerMatchers(MatchFinder &Finder) {
  // An optimised TU has nothing to report: match nothing at all.
  if (context().compileFacts().OptimizationLevel != 0)
    return;
  Finder.addMatcher(
      expr(anyOf(callExpr(isApiCall(&api(), roles::TrainingStep)).bind("train"),
                 callExpr(anyOf(isApiCall(&api(), roles::InferenceCall),
                                isApiCall(&api(), roles::RuntimeInferenceCall)))
                     .bind("infer")),
           hasAncestor(functionDecl(isDefinition()).bind("fn"))),
      this);
}

void BuildHotPathUnoptimized::check(const MatchFinder::MatchResult &R) {
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  const auto *Train = R.Nodes.getNodeAs<Expr>("train");
  const Expr *Call = Train ? Train : R.Nodes.getNodeAs<Expr>("infer");
  // The model's own forward (an inference API itself) is not a hot path of
  // this TU; its callers are.
  if (!Call || !Fn || api().matchFunction(Fn, roles::InferenceCall) ||
      Call->getBeginLoc().isInvalid())
    return;
  AST = R.Context;
  const SourceManager &SM = R.Context->getSourceManager();
  if (!First ||
      SM.isBeforeInTranslationUnit(Call->getBeginLoc(), First->getBeginLoc())) {
    First = Call;
    FirstIsTraining = Train != nullptr;
  }
  AnyTraining = AnyTraining || Train != nullptr;
}

void BuildHotPathUnoptimized::onEndOfTranslationUnit() {
  if (!First)
    return;
  Finding &F = report(
      First->getBeginLoc(),
      std::string("this translation unit runs ") +
          (AnyTraining ? "training" : "inference") +
          " but is compiled without optimisation (-O0), so the host code "
          "around every step runs several times slower; build it with -O2 "
          "(e.g. CMAKE_BUILD_TYPE=Release)");
  F.Notes.push_back(
      {First->getBeginLoc(),
       std::string("first ") +
           (FirstIsTraining ? "training step" : "inference call") +
           " of this translation unit; it is reported once per translation "
           "unit"});
}

} // namespace greenlint
