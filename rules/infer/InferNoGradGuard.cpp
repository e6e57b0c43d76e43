//===- InferNoGradGuard.cpp -----------------------------------------------===//
#include "InferNoGradGuard.h"
#include "../RuleContext.h"
#include "../support/GuardScope.h"
#include "../support/LoopInvariance.h"
#include "../support/WasteEstimate.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

const RuleInfo InferNoGradGuard::Info = {
    "infer-no-grad-guard",
    "infer",
    "a forward pass in an inference path runs with autograd recording",
    /*DefaultOn=*/true,
    {{"InferenceFunctionRegex", OptionKind::Regex, "",
      "functions whose name matches are inference paths even without an "
      "eval() call or a model load in them (e.g. '^(predict|infer)')"}},
    makeRule<InferNoGradGuard>,
    {roles::InferenceCall.data(), roles::TrainingStep.data(),
     roles::EvalMode.data(), roles::ModelLoad.data()}};

InferNoGradGuard::InferNoGradGuard(RuleContext &Ctx)
    : Rule(Info, Ctx),
      InferenceFunctionRegex(option("InferenceFunctionRegex")) {}

void InferNoGradGuard::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      callExpr(
          isApiCall(&api(), roles::InferenceCall),
          hasAncestor(functionDecl(isDefinition(),
                                   unless(cxxMethodDecl(ofClass(isLambda()))))
                          .bind("fn")))
          .bind("forward"),
      this);
  // Calls of user functions, to learn whether a caller holds a guard.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasBody(stmt()), isExpansionInMainFile())
                          .bind("callee")))
          .bind("call"),
      this);
  Finder.addMatcher(
      callExpr(isApiCall(&api(), roles::GradDisable)).bind("disable"), this);
}

bool InferNoGradGuard::isInferencePath(const Expr *Forward,
                                       const FunctionDecl *Fn,
                                       const Expr *&Evidence, ASTContext &Ctx) {
  Evidence = nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  auto Before = [&](const Expr *A, const Expr *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  };
  // A loop that also steps or calls backward is training (e.g. a frozen
  // batch-norm with eval(), or gradients with respect to the input).
  const Stmt *Loop = enclosingLoop(Forward, Ctx);
  const Stmt &Scope = Loop ? *Loop : *Fn->getBody();
  if (!findApiCalls(Scope, roles::TrainingStep, api(), Ctx).empty())
    return false;
  std::vector<const Expr *> Training =
      findApiCalls(*Fn->getBody(), roles::TrainingStep, api(), Ctx);

  // The last eval() or model load before the forward call, with no training
  // step in between, marks the code from there on as inference.
  for (llvm::StringRef Role : {roles::EvalMode, roles::ModelLoad})
    for (const Expr *E : findApiCalls(*Fn->getBody(), Role, api(), Ctx))
      if (Before(E, Forward) && (!Evidence || Before(Evidence, E)))
        Evidence = E;
  if (Evidence) {
    for (const Expr *T : Training)
      if (Before(Evidence, T) && Before(T, Forward))
        return false;
    return true;
  }
  return Training.empty() && Fn->getIdentifier() &&
         InferenceFunctionRegex.match(Fn->getName());
}

void InferNoGradGuard::check(const MatchFinder::MatchResult &R) {
  ASTContext &Ctx = *R.Context;
  if (R.Nodes.getNodeAs<Expr>("disable")) {
    GradDisabledSomewhere = true;
    return;
  }
  if (const auto *Call = R.Nodes.getNodeAs<CallExpr>("call")) {
    const auto *Callee = R.Nodes.getNodeAs<FunctionDecl>("callee");
    bool &Guarded = CalledUnderGuard[Callee->getCanonicalDecl()];
    Guarded = Guarded || isUnderGradGuard(Call, Ctx, api());
    return;
  }
  const auto *Forward = R.Nodes.getNodeAs<CallExpr>("forward");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Forward || !Fn || Candidates.count(Fn->getCanonicalDecl()) ||
      isUnderGradGuard(Forward, Ctx, api()))
    return;
  const Expr *Evidence = nullptr;
  if (!Fn->hasBody() || !isInferencePath(Forward, Fn, Evidence, Ctx))
    return;
  Candidates[Fn->getCanonicalDecl()] = {Forward, Evidence};
}

void InferNoGradGuard::onEndOfTranslationUnit() {
  // A program that switches grad mode off globally may do so before any of
  // these functions run; the call order is beyond what a lint can see.
  if (GradDisabledSomewhere)
    return;
  for (const auto &[Fn, C] : Candidates) {
    auto Caller = CalledUnderGuard.find(Fn);
    if (Caller != CalledUnderGuard.end() && Caller->second)
      continue;
    Finding &F = report(
        C.Forward->getBeginLoc(),
        "forward pass runs with autograd recording in an inference path; "
        "hold 'torch::InferenceMode guard;' (or 'torch::NoGradGuard') in "
        "this scope so no autograd graph is built or kept");
    if (C.Evidence)
      F.Notes.push_back({C.Evidence->getBeginLoc(),
                         "inference path from here: no backward() or "
                         "optimizer step follows before the forward pass"});
    attachWaste(F, autogradWasteOf(*C.Forward, context()), context());
  }
}

} // namespace greenlint
