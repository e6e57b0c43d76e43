//===- LoopInvariance.cpp -------------------------------------------------===//
#include "LoopInvariance.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

using namespace clang;

namespace greenlint {

namespace {

const Stmt *loopBody(const Stmt *Loop) {
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    return F->getBody();
  if (const auto *W = dyn_cast<WhileStmt>(Loop))
    return W->getBody();
  if (const auto *D = dyn_cast<DoStmt>(Loop))
    return D->getBody();
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop))
    return R->getBody();
  return nullptr;
}

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

/// The child of Loop through which we reached it runs once (for-init, the
/// range expression of a range-for), not per iteration.
bool reachedThroughOnceOnlyPart(const Stmt *Loop, const Stmt *Child) {
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    return Child == F->getInit();
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop))
    return Child == R->getInit() || Child == R->getRangeInit() ||
           Child == R->getRangeStmt() || Child == R->getBeginStmt() ||
           Child == R->getEndStmt();
  return false;
}

bool contains(const SourceManager &SM, SourceRange Outer, SourceLocation L) {
  L = SM.getExpansionLoc(L);
  SourceLocation B = SM.getExpansionLoc(Outer.getBegin());
  SourceLocation E = SM.getExpansionLoc(Outer.getEnd());
  return !SM.isBeforeInTranslationUnit(L, B) &&
         !SM.isBeforeInTranslationUnit(E, L);
}

class InvarianceChecker {
public:
  InvarianceChecker(const Stmt *Loop, ASTContext &Ctx, const ApiModel *Api)
      : Loop(Loop), Ctx(Ctx), Api(Api), Mutations(*Loop, Ctx) {}

  bool invariant(const Expr *E) {
    if (!E)
      return true;
    E = E->IgnoreParenImpCasts();
    if (isa<StringLiteral, IntegerLiteral, FloatingLiteral, CharacterLiteral,
            CXXBoolLiteralExpr, CXXNullPtrLiteralExpr, CXXDefaultArgExpr,
            CXXDefaultInitExpr>(E))
      return true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      return invariantDecl(DRE->getDecl());
    if (const auto *ME = dyn_cast<MemberExpr>(E))
      return isa<FieldDecl>(ME->getMemberDecl()) && invariant(ME->getBase());
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      return MD && MD->isConst() &&
             invariant(MC->getImplicitObjectArgument()) &&
             allInvariant(MC->arguments());
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E))
      return !BO->isAssignmentOp() && invariant(BO->getLHS()) &&
             invariant(BO->getRHS());
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      return !UO->isIncrementDecrementOp() && invariant(UO->getSubExpr());
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      return invariant(AS->getBase()) && invariant(AS->getIdx());
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E))
      return invariant(CO->getCond()) && invariant(CO->getTrueExpr()) &&
             invariant(CO->getFalseExpr());
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      // Only value-producing operators; '=' and '++' change their operand.
      if (Op->isAssignmentOp() || Op->getOperator() == OO_PlusPlus ||
          Op->getOperator() == OO_MinusMinus || Op->getOperator() == OO_Call)
        return false;
      return allInvariant(Op->arguments());
    }
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
      return allInvariant(CE->arguments());
    if (isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr, ExprWithCleanups,
            CXXFunctionalCastExpr, CStyleCastExpr, CXXStaticCastExpr,
            CXXConstCastExpr>(E)) {
      for (const Stmt *Child : E->children())
        if (!invariant(dyn_cast_or_null<Expr>(Child)))
          return false;
      return true;
    }
    // Calls the API data calls pure give the same value for the same
    // arguments (llama_model_default_params()).
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (Api && Api->matchCall(Call, roles::PureCall))
        return allInvariant(Call->arguments());
    return false; // other free function calls and anything unknown may vary
  }

private:
  template <typename Range> bool allInvariant(Range Args) {
    for (const Expr *A : Args)
      if (!invariant(A))
        return false;
    return true;
  }

  bool invariantDecl(const ValueDecl *D) {
    if (isa<EnumConstantDecl, FunctionDecl>(D))
      return true;
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD)
      return false;
    if (VD->getType().isConstQualified() && VD->hasInit())
      return !declaredInLoop(VD);
    if (declaredInLoop(VD))
      return false;
    return !Mutations.isMutated(VD);
  }

  bool declaredInLoop(const VarDecl *VD) {
    return contains(Ctx.getSourceManager(), Loop->getSourceRange(),
                    VD->getLocation());
  }

  const Stmt *Loop;
  ASTContext &Ctx;
  const ApiModel *Api;
  ExprMutationAnalyzer Mutations;
};

} // namespace

const Stmt *enclosingLoop(const Stmt *S, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    const DynTypedNode &P = Parents[0];
    if (P.get<LambdaExpr>() || P.get<FunctionDecl>() || P.get<BlockExpr>() ||
        P.get<CXXRecordDecl>())
      return nullptr;
    if (const auto *PS = P.get<Stmt>()) {
      if (isLoop(PS)) {
        if (!reachedThroughOnceOnlyPart(PS, Node.get<Stmt>()))
          return PS;
      }
    }
    Node = P;
  }
}

bool isLoopInvariant(const Expr *E, const Stmt *Loop, ASTContext &Ctx,
                     const ApiModel *Api) {
  return InvarianceChecker(Loop, Ctx, Api).invariant(E);
}

bool isInRetryBlock(const Stmt *S, const Stmt *Loop, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P || P == Loop)
      return false;
    if (const auto *Try = dyn_cast<CXXTryStmt>(P))
      if (Node.get<Stmt>() == Try->getTryBlock())
        return true;
    Node = Parents[0];
  }
}

bool runsAtMostOnce(const Stmt *Loop) {
  const Stmt *Body = loopBody(Loop);
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Body))
    Body = CS->body_empty() ? nullptr : CS->body_back();
  return isa_and_nonnull<BreakStmt, ReturnStmt, CXXThrowExpr>(Body);
}

} // namespace greenlint
