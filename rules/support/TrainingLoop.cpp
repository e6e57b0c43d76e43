//===- TrainingLoop.cpp ---------------------------------------------------===//
#include "TrainingLoop.h"
#include "LoopInvariance.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Regex.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

std::vector<const Stmt *> enclosingLoops(const Stmt *S, ASTContext &Ctx) {
  std::vector<const Stmt *> Loops;
  for (const Stmt *L = enclosingLoop(S, Ctx); L; L = enclosingLoop(L, Ctx))
    Loops.push_back(L);
  return Loops;
}

const FunctionDecl *patternOf(const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  if (const FunctionDecl *P = FD->getTemplateInstantiationPattern())
    return P;
  return FD;
}

namespace {

class CallSearch {
public:
  CallSearch(llvm::StringRef Role, const llvm::Regex *NameRegex,
             const ApiModel &Api, ASTContext &Ctx)
      : Role(Role), NameRegex(NameRegex), Api(Api), Ctx(Ctx) {}

  const Expr *find(const Stmt *Scope, unsigned Depth) {
    if (!Scope)
      return nullptr;
    for (const auto &M :
         match(findAll(expr(anyOf(callExpr(), cxxConstructExpr())).bind("c")),
               *Scope, Ctx)) {
      const auto *Call = M.getNodeAs<Expr>("c");
      if (Api.matchCall(Call, Role))
        return Call;
      const FunctionDecl *Callee = nullptr;
      if (const auto *CE = dyn_cast<CallExpr>(Call))
        Callee = CE->getDirectCallee();
      if (!Callee)
        continue;
      if (NameRegex && Callee->getIdentifier() &&
          NameRegex->match(Callee->getName()))
        return Call;
      if (Depth == 0)
        continue;
      const FunctionDecl *Def = Callee->getDefinition();
      if (!Def || !Def->hasBody() ||
          Ctx.getSourceManager().isInSystemHeader(Def->getLocation()) ||
          !Visited.insert(Def).second)
        continue;
      if (const Expr *Found = find(Def->getBody(), Depth - 1))
        return Found;
    }
    return nullptr;
  }

private:
  llvm::StringRef Role;
  const llvm::Regex *NameRegex;
  const ApiModel &Api;
  ASTContext &Ctx;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Visited;
};

} // namespace

bool reachesCall(const Stmt *Scope, llvm::StringRef Role,
                 const llvm::Regex *NameRegex, const ApiModel &Api,
                 ASTContext &Ctx, unsigned Depth) {
  return CallSearch(Role, NameRegex, Api, Ctx).find(Scope, Depth) != nullptr;
}

const Expr *findReachableCall(const Stmt *Scope, llvm::StringRef Role,
                              const ApiModel &Api, ASTContext &Ctx,
                              unsigned Depth) {
  return CallSearch(Role, nullptr, Api, Ctx).find(Scope, Depth);
}

} // namespace greenlint
