//===- InferLlamaTokenwisePrompt.cpp --------------------------------------===//
#include "InferLlamaTokenwisePrompt.h"
#include "../support/LoopInvariance.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

namespace {
/// Picks the next token from the logits: its presence marks generation.
constexpr llvm::StringLiteral TokenSample = roles::TokenSample;
/// Context parameters that cap how many tokens one decode call takes.
constexpr llvm::StringLiteral DecodeBatchSize = roles::DecodeBatchSize;
} // namespace

const RuleInfo InferLlamaTokenwisePrompt::Info = {
    "infer-llama-tokenwise-prompt",
    "infer",
    "a llama.cpp prompt is decoded one token per call instead of in batches",
    /*DefaultOn=*/true,
    {},
    makeRule<InferLlamaTokenwisePrompt>,
    {roles::RuntimeInferenceCall.data(), roles::TokenBatchView.data(),
     TokenSample.data(), DecodeBatchSize.data(), roles::SequenceAppend.data()}};

void InferLlamaTokenwisePrompt::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      callExpr(isApiCall(&api(), roles::TokenBatchView),
               hasArgument(1, ignoringParenImpCasts(integerLiteral(equals(1)))),
               hasAncestor(functionDecl(isDefinition())))
          .bind("view"),
      this);
  Finder.addMatcher(
      binaryOperator(hasOperatorName("="),
                     hasLHS(memberExpr(member(fieldDecl().bind("field")))),
                     hasRHS(ignoringParenImpCasts(integerLiteral(equals(1)))))
          .bind("assign"),
      this);
}

namespace {
const VarDecl *varOf(const Expr *E) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(DRE->getDecl());
  return nullptr;
}

/// The container whose element E (&C[i], C.data() + i, the range-for
/// variable) Loop visits, or null if E is not the loop's current element.
const VarDecl *walkedContainer(const Expr *E, const Stmt *Loop) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Addr = dyn_cast<UnaryOperator>(E))
    if (Addr->getOpcode() == UO_AddrOf)
      E = Addr->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *RF = dyn_cast<CXXForRangeStmt>(Loop)) {
    if (varOf(E) == RF->getLoopVariable())
      return varOf(RF->getRangeInit());
    return nullptr;
  }
  const auto *For = dyn_cast<ForStmt>(Loop);
  if (!For || !For->getInit())
    return nullptr;
  auto IsInduction = [&](const Expr *Idx) {
    const VarDecl *I = varOf(Idx);
    const auto *Init = dyn_cast<DeclStmt>(For->getInit());
    return I && Init && Init->isSingleDecl() && Init->getSingleDecl() == I;
  };
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() == 2 &&
        IsInduction(Op->getArg(1)))
      return varOf(Op->getArg(0));
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    if (IsInduction(AS->getIdx()))
      return varOf(AS->getBase());
  return nullptr;
}
} // namespace

void InferLlamaTokenwisePrompt::check(const MatchFinder::MatchResult &R) {
  ASTContext &Ctx = *R.Context;
  if (const auto *Assign = R.Nodes.getNodeAs<BinaryOperator>("assign")) {
    const auto *Field = R.Nodes.getNodeAs<FieldDecl>("field");
    if (!api().matchValue(Field, DecodeBatchSize))
      return;
    report(Assign->getBeginLoc(),
           "'" + Field->getNameAsString() +
               " = 1' makes llama_decode take one token per call, so "
               "prompts are processed token by token; keep the default (or "
               "at least 512) so a prompt is decoded in a few large batches");
    return;
  }

  const auto *View = R.Nodes.getNodeAs<CallExpr>("view");
  const Stmt *Loop = enclosingLoop(View, Ctx);
  if (!Loop || View->getNumArgs() < 2)
    return;
  // The view must feed a decode call directly.
  const auto Parents = Ctx.getParents(*View);
  const CallExpr *Decode = nullptr;
  for (DynTypedNode P = Parents.empty() ? DynTypedNode() : Parents[0];
       const auto *E = P.get<Expr>();) {
    if (const auto *C = dyn_cast<CallExpr>(E)) {
      if (api().matchCall(C, roles::RuntimeInferenceCall))
        Decode = C;
      break;
    }
    auto Up = Ctx.getParents(P);
    if (Up.size() != 1)
      break;
    P = Up[0];
  }
  if (!Decode)
    return;
  const VarDecl *Prompt = walkedContainer(View->getArg(0), Loop);
  if (!Prompt)
    return;
  // Generation: something samples the next token, or the walked container
  // grows as the loop runs.
  if (!findApiCalls(*Loop, TokenSample, api(), Ctx).empty())
    return;
  for (const Expr *Append :
       findApiCalls(*Loop, roles::SequenceAppend, api(), Ctx))
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Append))
      if (varOf(MC->getImplicitObjectArgument()) == Prompt)
        return;
  Finding &F = report(
      Decode->getBeginLoc(),
      "the tokens of '" + Prompt->getNameAsString() +
          "' are decoded one per llama_decode call; decode them in one batch "
          "(llama_batch_get_one(tokens.data(), tokens.size())) so the prompt "
          "is processed in parallel instead of token by token");
  F.Notes.push_back(
      {Loop->getBeginLoc(), "loop over the prompt tokens is here"});
}

} // namespace greenlint
