//===- ModelUses.cpp ------------------------------------------------------===//
#include "ModelUses.h"
#include "CallParts.h"
#include "ParentStatements.h"
#include "ProjectTable.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

std::vector<const DeclRefExpr *> refsTo(const VarDecl *VD, const Stmt &Scope,
                                        ASTContext &Ctx) {
  std::vector<const DeclRefExpr *> Refs;
  for (const auto &M :
       match(findAll(declRefExpr(to(varDecl(equalsNode(VD)))).bind("r")), Scope,
             Ctx))
    Refs.push_back(M.getNodeAs<DeclRefExpr>("r"));
  return Refs;
}

// Tensor's in-place methods are const in LibTorch (the handle does not
// change, its storage does) and end in '_'.
bool isReadOnlyUse(const DeclRefExpr *Ref, ASTContext &Ctx) {
  const Stmt *P = parentStmt(Ref, Ctx);
  while (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(P))
    P = parentStmt(P, Ctx);
  const auto *ME = dyn_cast_or_null<MemberExpr>(P);
  if (!ME || ME->isArrow())
    return false;
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(ME, Ctx));
  const CXXMethodDecl *MD = Call ? Call->getMethodDecl() : nullptr;
  if (!MD || !MD->isConst() || !MD->getIdentifier() ||
      MD->getName().ends_with("_"))
    return false;
  QualType Ret = MD->getReturnType();
  if (Ret->isPointerType())
    return false;
  if (Ret->isReferenceType() && !Ret->getPointeeType().isConstQualified())
    return false;
  return true;
}

/// The references to VD that only run it: the object of an inference or
/// eval-mode call (through `->`, `*` and fields).
llvm::SmallPtrSet<const DeclRefExpr *, 8> runningRefs(const VarDecl *VD,
                                                      const Stmt &Scope,
                                                      const ApiModel &Api,
                                                      ASTContext &Ctx) {
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Runs;
  for (llvm::StringRef Role : {roles::InferenceCall, roles::EvalMode})
    for (const Expr *E : findApiCalls(Scope, Role, Api, Ctx)) {
      const DeclRefExpr *Ref = nullptr;
      if (const auto *C = dyn_cast<CallExpr>(E))
        if (objectRoot(calleeObject(C), ThroughCopies::No, &Ref) == VD && Ref)
          Runs.insert(Ref);
    }
  return Runs;
}

/// The call Ref is a plain argument of, and the argument's index.
std::pair<const CallExpr *, unsigned> argumentOf(const DeclRefExpr *Ref,
                                                 ASTContext &Ctx) {
  const Stmt *S = Ref;
  const Stmt *P = parentStmt(S, Ctx);
  while (isa_and_nonnull<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
                         CXXBindTemporaryExpr>(P)) {
    S = P;
    P = parentStmt(P, Ctx);
  }
  const auto *Call = dyn_cast_or_null<CallExpr>(P);
  if (!Call || isa<CXXOperatorCallExpr>(Call))
    return {nullptr, 0};
  for (unsigned I = 0; I < Call->getNumArgs(); ++I)
    if (Call->getArg(I) == S)
      return {Call, I};
  return {nullptr, 0};
}

bool parameterOnlyRun(const FunctionDecl &FD, unsigned Arg, const ApiModel &Api,
                      ASTContext &Ctx, const ProjectTable *Project,
                      unsigned Depth) {
  if (Depth > 3 || !FD.getBody() || Arg >= FD.getNumParams() ||
      Ctx.getSourceManager().isInSystemHeader(FD.getLocation()))
    return false;
  const ParmVarDecl *Param = FD.getParamDecl(Arg);
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Runs =
      runningRefs(Param, *FD.getBody(), Api, Ctx);
  for (const DeclRefExpr *Ref : refsTo(Param, *FD.getBody(), Ctx)) {
    if (Runs.count(Ref) || isReadOnlyUse(Ref, Ctx))
      continue;
    // Handed on to a deeper helper that only runs it.
    auto [Inner, InnerArg] = argumentOf(Ref, Ctx);
    if (!Inner ||
        !helperOnlyRuns(Inner, InnerArg, Api, Ctx, Project, Depth + 1))
      return false;
  }
  return true;
}

bool helperOnlyRuns(const CallExpr *Call, unsigned Arg, const ApiModel &Api,
                    ASTContext &Ctx, const ProjectTable *Project,
                    unsigned Depth) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return false;
  if (const FunctionDecl *Def = FD->getDefinition())
    return parameterOnlyRun(*Def, Arg, Api, Ctx, Project, Depth);
  // Defined in another unit: as that unit judged it.
  const ExportedFunction *F =
      Project ? Project->find(functionKey(*FD)) : nullptr;
  return F && llvm::is_contained(F->OnlyRunParams, Arg);
}

} // namespace greenlint
