//===- CallParts.cpp ------------------------------------------------------===//
#include "CallParts.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace greenlint {

const Expr *calleeObject(const CallExpr *Call) {
  if (!Call)
    return nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    return MC->getImplicitObjectArgument();
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call))
    if (isa_and_nonnull<CXXMethodDecl>(OC->getDirectCallee()) &&
        OC->getNumArgs() > 0)
      return OC->getArg(0);
  return nullptr;
}

const VarDecl *objectRoot(const Expr *E, ThroughCopies Copies,
                          const DeclRefExpr **Ref) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (Ref)
        *Ref = DRE;
      return dyn_cast<VarDecl>(DRE->getDecl());
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((OC->getOperator() != OO_Arrow && OC->getOperator() != OO_Star) ||
          OC->getNumArgs() != 1)
        return nullptr;
      E = OC->getArg(0);
    } else if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (!isa<FieldDecl>(ME->getMemberDecl()))
        return nullptr;
      E = ME->getBase();
    } else if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->getOpcode() != UO_Deref)
        return nullptr;
      E = UO->getSubExpr();
    } else if (Copies == ThroughCopies::No) {
      return nullptr;
    } else if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      if (CE->getNumArgs() != 1 || !CE->getConstructor() ||
          !CE->getConstructor()->isCopyOrMoveConstructor())
        return nullptr;
      E = CE->getArg(0);
    } else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
    } else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = B->getSubExpr();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

} // namespace greenlint
