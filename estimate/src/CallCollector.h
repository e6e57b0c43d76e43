//===- CallCollector.h - The calls in the user's code with one role -------===//
#ifndef GREENLINT_RULES_ESTIMATE_CALLCOLLECTOR_H
#define GREENLINT_RULES_ESTIMATE_CALLCOLLECTOR_H

#include "greenlint/apis/ApiModel.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include <vector>

namespace greenlint {
namespace estimate {

/// Every call in \p UserDecls whose callee has \p Role, in source order,
/// with the function it is in.
inline std::vector<
    std::pair<const clang::CallExpr *, const clang::FunctionDecl *>>
collectCalls(const std::vector<clang::Decl *> &UserDecls, const ApiModel &Api,
             llvm::StringRef Role) {
  struct Visitor : clang::RecursiveASTVisitor<Visitor> {
    const ApiModel &Api;
    llvm::StringRef Role;
    const clang::FunctionDecl *Current = nullptr;
    std::vector<std::pair<const clang::CallExpr *, const clang::FunctionDecl *>>
        Found;
    Visitor(const ApiModel &Api, llvm::StringRef Role) : Api(Api), Role(Role) {}
    bool TraverseDecl(clang::Decl *D) {
      const clang::FunctionDecl *Saved = Current;
      if (auto *FD = llvm::dyn_cast_or_null<clang::FunctionDecl>(D))
        Current = FD;
      bool Ok = RecursiveASTVisitor::TraverseDecl(D);
      Current = Saved;
      return Ok;
    }
    bool VisitCallExpr(clang::CallExpr *Call) {
      if (Api.matchCall(Call, Role))
        Found.emplace_back(Call, Current);
      return true;
    }
  } V(Api, Role);
  for (clang::Decl *D : UserDecls)
    V.TraverseDecl(D);
  return V.Found;
}

} // namespace estimate
} // namespace greenlint

#endif
