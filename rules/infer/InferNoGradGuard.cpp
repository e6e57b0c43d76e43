//===- InferNoGradGuard.cpp -----------------------------------------------===//
#include "InferNoGradGuard.h"
#include "../ApiModel.h"
#include "../GuardScope.h"
#include "../RuleContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/Support/Regex.h"

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
    [](RuleContext &Ctx) -> std::unique_ptr<Rule> {
      return std::make_unique<InferNoGradGuard>(Ctx);
    }};

InferNoGradGuard::InferNoGradGuard(RuleContext &Ctx)
    : Rule(Info, Ctx),
      InferenceFunctionRegex(option("InferenceFunctionRegex")) {}

void InferNoGradGuard::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(callExpr(isApiCall(&api(), ApiRole::InferenceCall),
                             hasAncestor(functionDecl(isDefinition(),
                                                      unless(cxxMethodDecl(
                                                          ofClass(isLambda()))))
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
      callExpr(isApiCall(&api(), ApiRole::GradDisable)).bind("disable"),
      this);
}

bool InferNoGradGuard::isInferenceFunction(const FunctionDecl *Fn,
                                           const Expr *&Evidence,
                                           ASTContext &Ctx) {
  Evidence = nullptr;
  auto Found = [&](ApiRole Role) -> const Expr * {
    auto Matches = match(
        functionDecl(hasBody(hasDescendant(
            callExpr(isApiCall(&api(), Role)).bind("x")))),
        *Fn, Ctx);
    return Matches.empty() ? nullptr : Matches[0].getNodeAs<Expr>("x");
  };
  if (Found(ApiRole::TrainingStep))
    return false;
  if ((Evidence = Found(ApiRole::EvalMode)))
    return true;
  if ((Evidence = Found(ApiRole::ModelLoad)))
    return true;
  return !InferenceFunctionRegex.empty() && Fn->getIdentifier() &&
         llvm::Regex(InferenceFunctionRegex).match(Fn->getName());
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
  if (!isInferenceFunction(Fn, Evidence, Ctx))
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
                         "this function is an inference path: it calls "
                         "this and never calls backward() or step()"});
  }
}

} // namespace greenlint
