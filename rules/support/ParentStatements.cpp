//===- ParentStatements.cpp - Walking up from a statement -----------------===//
#include "ParentStatements.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ParentMapContext.h"

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

} // namespace greenlint
