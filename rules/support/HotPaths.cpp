//===- HotPaths.cpp -------------------------------------------------------===//
#include "HotPaths.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

llvm::StringRef phaseName(Phase P) {
  switch (P) {
  case Phase::Train:
    return "train";
  case Phase::Infer:
    return "infer";
  case Phase::User:
    return "region";
  }
  return "region";
}

std::string HotPath::regionName() const {
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  // A lambda's call operator prints as "f()::(anonymous class)::operator()":
  // name it after the function it is written in and its line instead.
  const auto *MD = dyn_cast<CXXMethodDecl>(Function);
  const auto *Outer =
      MD && MD->getParent()->isLambda()
          ? dyn_cast<FunctionDecl>(MD->getParent()->getDeclContext())
          : nullptr;
  if (Outer) {
    const SourceManager &SM = Function->getASTContext().getSourceManager();
    Outer->printQualifiedName(OS);
    OS << "::lambda@"
       << SM.getExpansionLineNumber(MD->getParent()->getLocation());
  } else {
    Function->printQualifiedName(OS);
  }
  return (phaseName(Kind) + ":" + Name).str();
}

namespace {
const ApiEntry *inferenceEntry(const ApiModel &Api, const CallExpr *Call) {
  if (const ApiEntry *E = Api.matchCall(Call, roles::InferenceCall))
    return E;
  return Api.matchCall(Call, roles::RuntimeInferenceCall);
}

bool hasAnnotation(const FunctionDecl &FD, llvm::StringRef Text) {
  for (const auto *A : FD.specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == Text)
      return true;
  return false;
}
// The units one call of E counts: its own and an also_count one.
void addUnitSites(std::vector<UnitSite> &Sites, const CallExpr *Call,
                  const ApiEntry &E) {
  if (E.Unit.empty())
    return;
  Sites.push_back({Call, E.Unit, E.UnitCountSpec});
  if (!E.AlsoUnit.empty())
    Sites.push_back({Call, E.AlsoUnit, E.AlsoUnitCountSpec});
}
} // namespace

std::optional<HotPath> classifyHotPath(const FunctionDecl &FD,
                                       const ApiModel &Api, ASTContext &Ctx) {
  if (!FD.hasBody() || !FD.isThisDeclarationADefinition() ||
      FD.isDependentContext() || hasAnnotation(FD, NoRegionAnnotation))
    return std::nullopt;
  // A model's forward calls its submodules' forwards: that is the model's
  // definition, measured as part of whichever hot path calls it.
  if (Api.matchFunction(&FD, roles::InferenceCall) ||
      Api.matchFunction(&FD, roles::RuntimeInferenceCall))
    return std::nullopt;

  HotPath Path{&FD, Phase::User, "", {}};
  std::vector<UnitSite> TrainUnits, InferUnits;
  // Calls inside lambdas defined in this body run when those are called, not
  // as part of this function's own work: skip them (each lambda is a hot path
  // of its own). A lambda's call operator keeps its own calls: its LambdaExpr
  // encloses its body rather than lying inside it.
  const Stmt *Body = FD.getBody();
  auto Calls = match(findAll(callExpr(unless(hasAncestor(lambdaExpr(hasAncestor(
                                          stmt(equalsNode(Body)))))))
                                 .bind("call")),
                     *Body, Ctx);
  std::string TrainFramework, InferFramework;
  bool Trains = false, Infers = false;
  for (const BoundNodes &N : Calls) {
    const auto *Call = N.getNodeAs<CallExpr>("call");
    if (const ApiEntry *E = Api.matchCall(Call, roles::TrainingStep)) {
      if (!Trains)
        TrainFramework = E->Framework;
      Trains = true;
      addUnitSites(TrainUnits, Call, *E);
    } else if (const ApiEntry *E = inferenceEntry(Api, Call)) {
      if (!Infers)
        InferFramework = E->Framework;
      Infers = true;
      addUnitSites(InferUnits, Call, *E);
    } else if (const ApiEntry *E = Api.matchCall(Call, roles::TokenSample)) {
      // Sampling marks generation but is no inference by itself: it counts
      // generated tokens only in a function that also decodes.
      addUnitSites(InferUnits, Call, *E);
    }
  }
  // A forward pass inside a training step is training work, not an
  // inference a consumer asked for: only the phase's own units count.
  if (Trains) {
    Path.Kind = Phase::Train;
    Path.Framework = TrainFramework;
    Path.Units = std::move(TrainUnits);
  } else if (Infers) {
    Path.Kind = Phase::Infer;
    Path.Framework = InferFramework;
    Path.Units = std::move(InferUnits);
  } else if (!hasAnnotation(FD, RegionAnnotation)) {
    return std::nullopt;
  }
  return Path;
}

} // namespace greenlint
