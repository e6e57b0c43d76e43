//===- ProjectFacts.cpp - What a unit tells the project's table ----------===//
#include "FunctionSummaries.h"
#include "ModelUses.h"
#include "ProjectTable.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace greenlint {

namespace {

/// The function a call in a summary's chain calls, at its definition.
const FunctionDecl *calleeDefinition(const Expr *Call) {
  const FunctionDecl *FD = nullptr;
  if (const auto *C = dyn_cast<CallExpr>(Call))
    FD = C->getDirectCallee();
  else if (const auto *C = dyn_cast<CXXConstructExpr>(Call))
    FD = C->getConstructor();
  return FD ? FD->getDefinition() : nullptr;
}

/// Absolute path of the file holding Loc (its expansion), for a unit that
/// runs in another working directory.
std::string absoluteFile(SourceLocation Loc, const SourceManager &SM) {
  FileID ID = SM.getFileID(SM.getExpansionLoc(Loc));
  if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(ID)) {
    llvm::StringRef Real = Entry->getFileEntry().tryGetRealPathName();
    if (!Real.empty())
      return Real.str();
    llvm::SmallString<256> Path(Entry->getName());
    // A name that cannot be made absolute stays as it is: the note then
    // names the file as the compile command did.
    if (llvm::sys::fs::make_absolute(Path))
      return Entry->getName().str();
    return std::string(Path);
  }
  return {};
}

/// Functions another unit can call by name: defined in the main file, not
/// static or in an anonymous namespace, not templates or lambdas.
bool isExportable(const FunctionDecl &FD, const SourceManager &SM) {
  if (!FD.isThisDeclarationADefinition() || !FD.hasBody() ||
      FD.isDependentContext() || FD.isDeleted() || FD.isDefaulted() ||
      FD.isImplicit() || !FD.isExternallyVisible() ||
      FD.getTemplateSpecializationInfo() ||
      !SM.isInMainFile(SM.getExpansionLoc(FD.getLocation())))
    return false;
  if (const auto *M = dyn_cast<CXXMethodDecl>(&FD))
    if (M->getParent()->isLambda() || M->getParent()->isLocalClass())
      return false;
  return true;
}

} // namespace

ProjectFacts collectProjectFacts(FunctionSummaries &Summaries,
                                 const ApiModel &Api, ASTContext &Ctx) {
  using namespace ast_matchers;
  ProjectFacts Facts;
  // Before the exports below add what they ask: the rules' questions are
  // what the table could answer for this unit.
  Facts.Wants = Summaries.missingBodies();
  const SourceManager &SM = Ctx.getSourceManager();
  // Over the traversal scope the rules ran on: the user's declarations.
  for (const BoundNodes &N :
       match(traverse(TK_IgnoreUnlessSpelledInSource,
                      functionDecl(isDefinition()).bind("fn")),
             Ctx)) {
    const auto *FD = N.getNodeAs<FunctionDecl>("fn");
    if (!FD || !isExportable(*FD, SM))
      continue;
    ExportedFunction Out;
    for (llvm::StringRef Role : exportedRoles())
      for (const SummaryEffect &E : Summaries.effects(FD, Role)) {
        // A call two units away (phase one has no table, so none yet).
        if (!E.ApiCall || !E.Entry)
          continue;
        ExportedEffect X;
        X.Role = Role.str();
        X.Api = apiEntryId(*E.Entry);
        SourceLocation At = SM.getExpansionLoc(E.ApiCall->getBeginLoc());
        X.File = absoluteFile(At, SM);
        X.Line = SM.getExpansionLineNumber(At);
        X.Column = SM.getExpansionColumnNumber(At);
        if (X.File.empty())
          continue;
        X.WritesLastingState = writesLastingState(*FD, Ctx);
        for (const Expr *Via : E.Via) {
          X.Via.push_back(userCallName(Via));
          const FunctionDecl *Def = calleeDefinition(Via);
          X.WritesLastingState |= !Def || writesLastingState(*Def, Ctx);
        }
        X.Params.assign(E.Params.begin(), E.Params.end());
        X.FromObject = E.FromObject;
        X.OtherInputs = E.OtherInputs;
        Out.Effects.push_back(std::move(X));
      }
    for (unsigned I = 0; I < FD->getNumParams(); ++I)
      if (parameterOnlyRun(*FD, I, Api, Ctx, /*Project=*/nullptr))
        Out.OnlyRunParams.push_back(I);
    // Kept without effects too: a name that another unit defines with
    // effects is then known to be ambiguous.
    Out.Key = functionKey(*FD);
    Out.Name = FD->getQualifiedNameAsString();
    SourceLocation Loc = SM.getExpansionLoc(FD->getLocation());
    Out.File = absoluteFile(Loc, SM);
    Out.Line = SM.getExpansionLineNumber(Loc);
    Facts.Defines.push_back(std::move(Out));
  }
  return Facts;
}

} // namespace greenlint
