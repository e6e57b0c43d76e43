//===- DataQuadraticConcat.cpp --------------------------------------------===//
#include "DataQuadraticConcat.h"
#include "../support/LoopInvariance.h"
#include "../support/ParentStatements.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

static constexpr llvm::StringLiteral TensorConcatRole = roles::TensorConcat;

const RuleInfo DataQuadraticConcat::Info = {
    "data-quadratic-concat",
    "data",
    "a tensor grows by concatenation inside a loop, copying all earlier rows "
    "on every iteration",
    /*DefaultOn=*/true,
    {},
    makeRule<DataQuadraticConcat>,
    {TensorConcatRole.data(), roles::TensorType.data()}};

void DataQuadraticConcat::registerMatchers(MatchFinder &Finder) {
  auto Concat = callExpr(isApiCall(&api(), TensorConcatRole)).bind("concat");
  auto Target = declRefExpr(to(varDecl().bind("acc")));
  // `Acc = cat(...)` and `Acc = Acc.defined() ? cat(...) : X`.
  auto Value = expr(anyOf(ignoringImplicit(Concat),
                          ignoringImplicit(conditionalOperator(anyOf(
                              hasTrueExpression(ignoringImplicit(Concat)),
                              hasFalseExpression(ignoringImplicit(Concat)))))));
  Finder.addMatcher(
      expr(
          anyOf(binaryOperator(isAssignmentOperator(), hasOperatorName("="),
                               hasLHS(ignoringImplicit(Target)), hasRHS(Value)),
                cxxOperatorCallExpr(hasOverloadedOperatorName("="),
                                    hasArgument(0, ignoringImplicit(Target)),
                                    hasArgument(1, Value))))
          .bind("assign"),
      this);
}

namespace {

bool within(const SourceManager &SM, SourceRange Outer, SourceLocation L) {
  L = SM.getExpansionLoc(L);
  return !SM.isBeforeInTranslationUnit(L,
                                       SM.getExpansionLoc(Outer.getBegin())) &&
         !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Outer.getEnd()), L);
}

/// Whether the list given to cat names Acc itself as one of its pieces.
/// `cat({Window.slice(0, 1), X})` keeps a window of fixed size and is not
/// growth.
bool listHoldsItself(const Expr *List, const VarDecl *Acc) {
  List = List->IgnoreImplicit();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(List))
    return DRE->getDecl() == Acc;
  if (isa<CallExpr, MemberExpr, LambdaExpr>(List))
    return false; // a method of Acc gives another tensor (slice, view)
  for (const Stmt *Child : List->children())
    if (const auto *E = dyn_cast_or_null<Expr>(Child))
      if (listHoldsItself(E, Acc))
        return true;
  return false;
}

/// `Acc.defined()`, `Acc.size(0)`: asks about the tensor without using its
/// data.
bool isMetadataUse(const DeclRefExpr *Ref, const ApiModel &Api,
                   ASTContext &Ctx) {
  const Stmt *P = parentStmt(Ref, Ctx);
  while (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(P))
    P = parentStmt(P, Ctx);
  const auto *ME = dyn_cast_or_null<MemberExpr>(P);
  if (!ME)
    return false;
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(ME, Ctx));
  return Call &&
         !Api.matchType(Call->getType().getNonReferenceType(),
                        roles::TensorType) &&
         !Call->getType()->isPointerType();
}

/// `Acc = X`: a reset or first assignment reads nothing of Acc.
bool isAssignedTo(const DeclRefExpr *Ref, ASTContext &Ctx) {
  const Stmt *P = parentStmt(Ref, Ctx);
  while (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(P))
    P = parentStmt(P, Ctx);
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P))
    return BO->getOpcode() == BO_Assign &&
           BO->getLHS()->IgnoreParenImpCasts() == Ref;
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(P))
    return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
           Op->getArg(0)->IgnoreParenImpCasts() == Ref;
  return false;
}

/// A loop of a handful of passes (`I < 3`): the copies stay small.
bool fewIterations(const Stmt *Loop, ASTContext &Ctx) {
  const auto *For = dyn_cast<ForStmt>(Loop);
  const auto *Cond =
      For ? dyn_cast_or_null<BinaryOperator>(For->getCond()->IgnoreImplicit())
          : nullptr;
  if (!Cond || !Cond->isRelationalOp())
    return false;
  Expr::EvalResult Bound;
  return !Cond->getRHS()->isValueDependent() &&
         Cond->getRHS()->EvaluateAsInt(Bound, Ctx) &&
         Bound.Val.getInt().getSExtValue() <= 8;
}

} // namespace

void DataQuadraticConcat::check(const MatchFinder::MatchResult &R) {
  const auto *Assign = R.Nodes.getNodeAs<Expr>("assign");
  const auto *Concat = R.Nodes.getNodeAs<CallExpr>("concat");
  const auto *Acc = R.Nodes.getNodeAs<VarDecl>("acc");
  if (!Assign || !Concat || !Acc || Concat->getNumArgs() == 0 ||
      Concat->getBeginLoc().isMacroID())
    return;
  ASTContext &Ctx = *R.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt *Loop = enclosingLoop(Assign, Ctx);
  if (!Loop || runsAtMostOnce(Loop) || fewIterations(Loop, Ctx) ||
      within(SM, Loop->getSourceRange(), Acc->getLocation()) ||
      !listHoldsItself(Concat->getArg(0), Acc))
    return;

  // The grown tensor must not be needed whole inside the loop: a decoder
  // that feeds it to a model, or a running statistic over it, cannot wait
  // for one concatenation after the loop.
  for (const auto &M :
       match(findAll(declRefExpr(to(varDecl(equalsNode(Acc)))).bind("ref")),
             *Loop, Ctx)) {
    const auto *Ref = M.getNodeAs<DeclRefExpr>("ref");
    if (!within(SM, Assign->getSourceRange(), Ref->getLocation()) &&
        !isMetadataUse(Ref, api(), Ctx) && !isAssignedTo(Ref, Ctx))
      return;
  }

  Finding &F = report(
      Concat->getBeginLoc(),
      "'" + Concat->getDirectCallee()->getNameAsString() + "' grows '" +
          Acc->getNameAsString() +
          "' on every iteration of this loop, copying all earlier rows each "
          "time (quadratic in the number of iterations); collect the pieces "
          "in a std::vector<torch::Tensor> and concatenate once after the "
          "loop");
  F.Notes.push_back({Loop->getBeginLoc(), "loop is here"});
}

} // namespace greenlint
