//===- GuardScope.cpp -----------------------------------------------------===//
#include "GuardScope.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace clang;

namespace greenlint {

namespace {

/// The literal first argument of a call or construction, if any; a missing
/// argument counts as its default when that default is a literal.
std::optional<bool> literalFirstArg(const Expr *E) {
  const Expr *Arg = nullptr;
  if (const auto *C = dyn_cast<CallExpr>(E))
    Arg = C->getNumArgs() ? C->getArg(0) : nullptr;
  else if (const auto *C = dyn_cast<CXXConstructExpr>(E))
    Arg = C->getNumArgs() ? C->getArg(0) : nullptr;
  if (!Arg)
    return std::nullopt;
  if (const auto *D = dyn_cast<CXXDefaultArgExpr>(Arg))
    Arg = D->getExpr();
  if (const auto *B = dyn_cast<CXXBoolLiteralExpr>(Arg->IgnoreParenImpCasts()))
    return B->getValue();
  return std::nullopt;
}

bool takesEffect(const ApiEntry *Entry, const Expr *E) {
  if (!Entry)
    return false;
  if (!Entry->ActiveArg)
    return true;
  std::optional<bool> Arg = literalFirstArg(E);
  // A non-literal argument may well turn the guard on: assume it does.
  return !Arg || *Arg == *Entry->ActiveArg;
}

bool turnsGradOff(const Stmt *S, const ApiModel &Api) {
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D)) {
        const ApiEntry *E = Api.matchType(VD->getType(), roles::GradGuard);
        const Expr *Init = VD->getInit();
        if (E && (!Init || takesEffect(E, Init->IgnoreImplicit())))
          return true;
      }
    return false;
  }
  if (const auto *E = dyn_cast<Expr>(S)) {
    E = E->IgnoreImplicit();
    return takesEffect(Api.matchCall(E, roles::GradDisable), E);
  }
  return false;
}

} // namespace

bool isUnderGradGuard(const Stmt *S, ASTContext &Ctx, const ApiModel &Api) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    const DynTypedNode &P = Parents[0];
    if (P.get<FunctionDecl>() && !P.get<CXXMethodDecl>())
      return false;
    if (const auto *MD = P.get<CXXMethodDecl>())
      if (!MD->getParent()->isLambda())
        return false;
    if (const auto *CS = P.get<CompoundStmt>()) {
      const Stmt *Child = Node.get<Stmt>();
      for (const Stmt *Before : CS->body()) {
        if (Before == Child)
          break;
        if (turnsGradOff(Before, Api))
          return true;
      }
    }
    Node = P;
  }
}

} // namespace greenlint
