//===- MainFileCalls.cpp - Who calls whom in the main file ----------------===//
#include "MainFileCalls.h"
#include "TrainingLoop.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

namespace {

class CallIndexer {
public:
  CallIndexer(ASTContext &Ctx,
              llvm::DenseMap<const FunctionDecl *,
                             std::vector<MainFileCalls::Site>> &Calls)
      : Ctx(Ctx), Calls(Calls) {}

  void visit(const DeclContext *DC) {
    const SourceManager &SM = Ctx.getSourceManager();
    for (const Decl *D : DC->decls()) {
      if (!SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
        continue;
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D)) {
        for (const FunctionDecl *Spec : Template->specializations())
          visitFunction(Spec);
        continue;
      }
      if (const auto *FD = dyn_cast<FunctionDecl>(D))
        visitFunction(FD);
      if (isa<NamespaceDecl, LinkageSpecDecl, CXXRecordDecl>(D))
        visit(cast<DeclContext>(D));
    }
  }

private:
  void visitFunction(const FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody() || FD->isDependentContext())
      return;
    for (const auto &M :
         match(findAll(callExpr().bind("c")), *FD->getBody(), Ctx)) {
      const auto *Call = M.getNodeAs<CallExpr>("c");
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (!Callee)
        continue;
      const FunctionDecl *Key = Callee->getCanonicalDecl();
      Calls[Key].push_back({Call, FD});
      const FunctionDecl *Pattern = patternOf(Callee)->getCanonicalDecl();
      if (Pattern != Key)
        Calls[Pattern].push_back({Call, FD});
    }
  }

  ASTContext &Ctx;
  llvm::DenseMap<const FunctionDecl *, std::vector<MainFileCalls::Site>> &Calls;
};

} // namespace

const std::vector<MainFileCalls::Site> &
MainFileCalls::of(const FunctionDecl *Callee) {
  if (!Built) {
    CallIndexer(Ctx, Calls).visit(Ctx.getTranslationUnitDecl());
    Built = true;
  }
  return Calls[Callee->getCanonicalDecl()];
}

} // namespace greenlint
