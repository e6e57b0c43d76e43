//===- RetrainZeroGradFalse.cpp -------------------------------------------===//
#include "RetrainZeroGradFalse.h"
#include "../support/WasteEstimate.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

/// Calls that clear gradients and take a set_to_none flag.
static constexpr llvm::StringLiteral ZeroGradRole = roles::ZeroGrad;

const RuleInfo RetrainZeroGradFalse::Info = {
    "retrain-zero-grad-false",
    "retrain",
    "zero_grad fills gradients with zeros instead of releasing them "
    "(set_to_none=false)",
    /*DefaultOn=*/true,
    {},
    makeRule<RetrainZeroGradFalse>,
    {ZeroGradRole.data()}};

void RetrainZeroGradFalse::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      cxxMemberCallExpr(isApiCall(&api(), ZeroGradRole),
                        callee(cxxMethodDecl(hasParameter(
                            0, parmVarDecl(hasType(booleanType()))))),
                        argumentCountIs(1))
          .bind("call"),
      this);
}

void RetrainZeroGradFalse::check(const MatchFinder::MatchResult &R) {
  const auto *Call = R.Nodes.getNodeAs<CXXMemberCallExpr>("call");
  const Expr *Arg = Call->getArg(0);
  bool Defaulted = false;
  if (const auto *D = dyn_cast<CXXDefaultArgExpr>(Arg)) {
    Arg = D->getExpr();
    Defaulted = true;
  }
  const auto *Literal =
      dyn_cast<CXXBoolLiteralExpr>(Arg->IgnoreParenImpCasts());
  if (!Literal || Literal->getValue())
    return;
  SourceLocation Loc = Call->getExprLoc();
  if (Loc.isMacroID() || Call->getRParenLoc().isMacroID())
    return; // a fix-it inside a macro could change other expansions
  Finding &F = report(
      Loc, std::string("'zero_grad' ") +
               (Defaulted ? "defaults to set_to_none=false"
                          : "is called with "
                            "set_to_none="
                            "false") +
               " and writes zeros into every gradient each step; pass true "
               "so gradients are released and the next backward assigns "
               "instead of accumulating");
  if (Defaulted)
    F.Fixes.push_back(FixItHint::CreateInsertion(Call->getRParenLoc(),
                                                 "/*set_to_none=*/true"));
  else
    F.Fixes.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(Literal->getSourceRange()), "true"));
  attachWaste(F, zeroFillWasteOf(*Call, context()), context());
}

} // namespace greenlint
