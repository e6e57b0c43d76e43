//===- LoopTrips.cpp ------------------------------------------------------===//
#include "greenlint/estimate/LoopTrips.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

using namespace clang;

namespace greenlint {
namespace estimate {

std::optional<int64_t> constantValue(const Expr *E, const FunctionDecl *Fn,
                                     ASTContext &Ctx) {
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  Expr::EvalResult Result;
  if (E->EvaluateAsInt(Result, Ctx))
    return Result.Val.getInt().getExtValue();
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) || !VD->getInit() ||
      VD->getType()->isReferenceType() || !Fn || !Fn->getBody())
    return std::nullopt;
  const Expr *Init = VD->getInit();
  if (Init->isValueDependent() || !Init->EvaluateAsInt(Result, Ctx))
    return std::nullopt;
  if (ExprMutationAnalyzer(*Fn->getBody(), Ctx).isMutated(VD))
    return std::nullopt;
  return Result.Val.getInt().getExtValue();
}

namespace {

bool refersTo(const Expr *E, const VarDecl *Var) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return DRE && DRE->getDecl() == Var;
}

} // namespace

std::optional<uint64_t>
constantTripCount(const Stmt *Loop, const FunctionDecl *Fn, ASTContext &Ctx) {
  const auto *For = dyn_cast<ForStmt>(Loop);
  if (!For || !For->getInit() || !For->getCond() || !For->getInc())
    return std::nullopt;
  const VarDecl *Var = nullptr;
  std::optional<int64_t> Start;
  if (const auto *DS = dyn_cast<DeclStmt>(For->getInit())) {
    if (DS->isSingleDecl())
      Var = dyn_cast<VarDecl>(DS->getSingleDecl());
    if (Var)
      Start = constantValue(Var->getInit(), Fn, Ctx);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(For->getInit())) {
    if (BO->getOpcode() == BO_Assign)
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        Var = dyn_cast<VarDecl>(DRE->getDecl());
    Start = constantValue(BO->getRHS(), Fn, Ctx);
  }
  if (!Var || !Start)
    return std::nullopt;

  const auto *Cond = dyn_cast<BinaryOperator>(For->getCond()->IgnoreParens());
  if (!Cond || !Cond->isComparisonOp())
    return std::nullopt;
  BinaryOperatorKind Op = Cond->getOpcode();
  const Expr *BoundExpr = nullptr;
  if (refersTo(Cond->getLHS(), Var)) {
    BoundExpr = Cond->getRHS();
  } else if (refersTo(Cond->getRHS(), Var)) {
    BoundExpr = Cond->getLHS();
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  std::optional<int64_t> Bound = constantValue(BoundExpr, Fn, Ctx);
  if (!Bound)
    return std::nullopt;

  int64_t Step = 0;
  const Expr *Inc = For->getInc()->IgnoreParens();
  if (const auto *UO = dyn_cast<UnaryOperator>(Inc)) {
    if (refersTo(UO->getSubExpr(), Var))
      Step = UO->isIncrementOp() ? 1 : UO->isDecrementOp() ? -1 : 0;
  } else if (const auto *CA = dyn_cast<CompoundAssignOperator>(Inc)) {
    if (refersTo(CA->getLHS(), Var))
      if (std::optional<int64_t> K = constantValue(CA->getRHS(), Fn, Ctx))
        Step = CA->getOpcode() == BO_AddAssign   ? *K
               : CA->getOpcode() == BO_SubAssign ? -*K
                                                 : 0;
  }
  if (Step == 0)
    return std::nullopt;

  // The loop variable must be left to the increment: a body that assigns it
  // can end the loop early or stretch it.
  if (ExprMutationAnalyzer(*For->getBody(), Ctx).isMutated(Var))
    return std::nullopt;

  int64_t Span;
  if (Step > 0 && (Op == BO_LT || Op == BO_NE))
    Span = *Bound - *Start;
  else if (Step > 0 && Op == BO_LE)
    Span = *Bound - *Start + 1;
  else if (Step < 0 && (Op == BO_GT || Op == BO_NE))
    Span = *Start - *Bound;
  else if (Step < 0 && Op == BO_GE)
    Span = *Start - *Bound + 1;
  else
    return std::nullopt;
  if (Span <= 0)
    return 0;
  uint64_t Stride = Step > 0 ? Step : -Step;
  return (static_cast<uint64_t>(Span) + Stride - 1) / Stride;
}

} // namespace estimate
} // namespace greenlint
