//===- ParentStatements.cpp - Walking up from a statement -----------------===//
#include "ParentStatements.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace greenlint {

const Stmt *parentStmt(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  return Parents.empty() ? nullptr : Parents[0].get<Stmt>();
}

const Stmt *parentThroughLocals(const Stmt *S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(*S);
  if (Parents.empty())
    return nullptr;
  if (const auto *P = Parents[0].get<Stmt>())
    return P;
  const auto *V = Parents[0].get<VarDecl>();
  if (!V || isa<ParmVarDecl>(V))
    return nullptr;
  DynTypedNodeList Above = Ctx.getParents(*V);
  return Above.empty() ? nullptr : Above[0].get<Stmt>();
}

bool isBranchOrScope(const Stmt *S) {
  if (isa<IfStmt, SwitchStmt, ConditionalOperator, BinaryConditionalOperator,
          ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, LambdaExpr, CXXTryStmt,
          CXXCatchStmt, CaseStmt, DefaultStmt>(S))
    return true;
  if (const auto *B = dyn_cast<BinaryOperator>(S))
    return B->isLogicalOp();
  return false;
}

const CompoundStmt *sharedSequence(const std::vector<const Stmt *> &ChainA,
                                   const std::vector<const Stmt *> &ChainB) {
  const Stmt *Common = nullptr;
  for (const Stmt *S : ChainA)
    if (llvm::is_contained(ChainB, S)) {
      Common = S;
      break;
    }
  const auto *Seq = dyn_cast_or_null<CompoundStmt>(Common);
  if (!Seq)
    return nullptr;
  for (const std::vector<const Stmt *> *Chain : {&ChainA, &ChainB})
    for (const Stmt *S : *Chain) {
      if (S == Seq)
        break;
      if (isBranchOrScope(S))
        return nullptr;
    }
  return Seq;
}

} // namespace greenlint
