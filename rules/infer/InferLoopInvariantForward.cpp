//===- InferLoopInvariantForward.cpp --------------------------------------===//
#include "InferLoopInvariantForward.h"
#include "../RuleContext.h"
#include "../support/CallParts.h"
#include "../support/FunctionSummaries.h"
#include "../support/LoopInvariance.h"
#include "../support/ModelUses.h"
#include "../support/OptimizerParameters.h"
#include "../support/ParentStatements.h"
#include "../support/ProjectTable.h"
#include "../support/WasteEstimate.h"
#include "greenlint/apis/ApiModel.h"
#include "greenlint/apis/ClangCompat.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

/// Switching a module to training mode, where dropout makes repeated
/// forward passes on one input differ (Monte Carlo sampling).
static constexpr llvm::StringLiteral TrainModeRole = roles::TrainMode;
/// Tensor methods returning a copy with its own storage (not a view).
static constexpr llvm::StringLiteral TensorCopyRole = roles::TensorCopy;

const RuleInfo InferLoopInvariantForward::Info = {
    "infer-loop-invariant-forward",
    "infer",
    "the same module runs on the same inputs on every loop iteration",
    /*DefaultOn=*/true,
    {},
    makeRule<InferLoopInvariantForward>,
    {roles::InferenceCall.data(), roles::TrainingStep.data(),
     roles::EvalMode.data(), roles::ParametersAccess.data(),
     roles::Timer.data(), TrainModeRole.data(), roles::TensorType.data(),
     TensorCopyRole.data(), roles::OptimizerOptions.data(),
     roles::ParametricModule.data(), roles::ModuleHolder.data(),
     roles::ModuleBase.data(), roles::ModuleRegistration.data(),
     roles::ModuleAppend.data()}};

void InferLoopInvariantForward::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      callExpr(isApiCall(&api(), roles::InferenceCall),
               hasAncestor(functionDecl(isDefinition()).bind("fn")))
          .bind("forward"),
      this);
  // Forward passes one or more calls away: the loop calls a helper.
  Finder.addMatcher(
      stmt(anyOf(forStmt(), whileStmt(), doStmt(), cxxForRangeStmt()),
           unless(isExpansionInSystemHeader()),
           hasAncestor(functionDecl(isDefinition()).bind("fn")))
          .bind("loop"),
      this);
}

namespace {

std::vector<const Expr *> callInputs(const CallExpr *Call) {
  std::vector<const Expr *> Inputs(Call->arg_begin(), Call->arg_end());
  if (isa<CXXOperatorCallExpr>(Call) && calleeObject(Call) && !Inputs.empty())
    Inputs.erase(Inputs.begin());
  return Inputs;
}

bool within(const SourceManager &SM, SourceRange Outer, SourceLocation L) {
  L = SM.getExpansionLoc(L);
  return !SM.isBeforeInTranslationUnit(L,
                                       SM.getExpansionLoc(Outer.getBegin())) &&
         !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Outer.getEnd()), L);
}

std::vector<const VarDecl *> varsIn(const Stmt *S, ASTContext &Ctx) {
  std::vector<const VarDecl *> Vars;
  if (!S)
    return Vars;
  for (const auto &M :
       match(findAll(declRefExpr(to(varDecl().bind("v")))), *S, Ctx))
    Vars.push_back(M.getNodeAs<VarDecl>("v"));
  return Vars;
}

/// Ref is handed to a call that only reads it: another forward pass (the
/// style image next to the content image), or a framework function taking
/// it by const reference (`X + Delta`, `mse_loss(Out, Target)`).
bool passedForReading(const DeclRefExpr *Ref, const ApiModel &Api,
                      ASTContext &Ctx) {
  const Stmt *S = Ref;
  const Stmt *P = parentStmt(S, Ctx);
  while (isa_and_nonnull<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
                         CXXBindTemporaryExpr>(P) ||
         (isa_and_nonnull<CXXConstructExpr>(P) &&
          cast<CXXConstructExpr>(P)->getConstructor()->isCopyConstructor())) {
    S = P;
    P = parentStmt(P, Ctx);
  }
  const auto *Call = dyn_cast_or_null<CallExpr>(P);
  if (!Call)
    return false;
  if (Api.matchCall(Call, roles::InferenceCall) && calleeObject(Call) != S)
    return true;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || isa<CXXMethodDecl>(Callee) ||
      (Callee->getIdentifier() && Callee->getName().ends_with("_")) ||
      !Ctx.getSourceManager().isInSystemHeader(Callee->getLocation()))
    return false;
  for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
       ++I)
    if (Call->getArg(I) == S) {
      QualType T = Callee->getParamDecl(I)->getType();
      return T->isReferenceType() && T.getNonReferenceType().isConstQualified();
    }
  return false;
}

class ForwardChecker {
public:
  ForwardChecker(const CallExpr *Forward, const Stmt *Loop,
                 const FunctionDecl *Fn, ASTContext &Ctx, const ApiModel &Api)
      : Forward(Forward), Loop(Loop), Fn(Fn), Ctx(Ctx), Api(Api),
        SM(Ctx.getSourceManager()) {}

  /// The module object: declared before the loop, and in the loop only run
  /// (forward, eval) and never reassigned, reloaded or handed elsewhere.
  bool moduleUnchanged(const VarDecl *Module) {
    if (inLoop(Module->getLocation()))
      return false;
    llvm::SmallPtrSet<const DeclRefExpr *, 8> Runs;
    for (llvm::StringRef Role : {roles::InferenceCall, roles::EvalMode})
      for (const Expr *E : findApiCalls(*Loop, Role, Api, Ctx)) {
        const DeclRefExpr *Ref = nullptr;
        if (const auto *C = dyn_cast<CallExpr>(E))
          if (objectRoot(calleeObject(C), ThroughCopies::No, &Ref) == Module &&
              Ref)
            Runs.insert(Ref);
      }
    for (const DeclRefExpr *Ref : refsTo(Module, *Loop, Ctx))
      if (!Runs.count(Ref))
        return false;
    return true;
  }

  /// An input variable and whatever it was built from or aliased by: none
  /// may be written in the loop (a tensor made with from_blob over a frame
  /// buffer changes when the buffer is refilled).
  bool inputUnchanged(const VarDecl *VD, unsigned Depth = 0) {
    if (!Visited.insert(VD).second)
      return true;
    if (Depth > 3 || inLoop(VD->getLocation()))
      return false;
    for (const DeclRefExpr *Ref : refsTo(VD, *Loop, Ctx))
      if (!within(SM, Forward->getSourceRange(), Ref->getBeginLoc()) &&
          !isReadOnlyUse(Ref, Ctx) && !passedForReading(Ref, Api, Ctx))
        return false;
    if (VD->hasGlobalStorage() && !VD->getType().isConstQualified())
      return false; // any callee may write it
    for (const VarDecl *Source : varsIn(VD->getInit(), Ctx))
      if (!inputUnchanged(Source, Depth + 1))
        return false;
    // Handles made from this one before the loop share its storage.
    if (Fn->getBody())
      for (const auto &M :
           match(findAll(varDecl(hasInitializer(hasDescendant(
                                     declRefExpr(to(varDecl(equalsNode(VD)))))))
                             .bind("alias")),
                 *Fn->getBody(), Ctx)) {
        const auto *Alias = M.getNodeAs<VarDecl>("alias");
        if (!inLoop(Alias->getLocation()) && !copiesOf(Alias, VD) &&
            !inputUnchanged(Alias, Depth + 1))
          return false;
      }
    return true;
  }

  /// No optimizer step in the loop can update the model: every training step
  /// is a backward pass or steps an optimizer whose parameter set leaves
  /// the model out (the image in style transfer, the perturbation of an
  /// adversarial example). \p Module is null for a free function's pass.
  bool modelNotTrained(const VarDecl *Module) {
    for (const Expr *E : findApiCalls(*Loop, roles::TrainingStep, Api, Ctx)) {
      const auto *C = dyn_cast<CallExpr>(E);
      const Expr *Obj = C ? calleeObject(C) : nullptr;
      if (!Obj || isTensor(Obj->getType()))
        continue; // backward passes and autograd::grad update nothing
      OptimizerParameterSet Set = optimizerParametersOf(Obj, *Fn, Api, Ctx);
      if (Module ? Set.mayUpdate(Module) : !Set.updatesNoModule())
        return false;
    }
    return true;
  }

  bool isTensor(QualType T) const {
    return Api.matchType(T.getNonReferenceType(), roles::TensorType) != nullptr;
  }

private:
  /// `auto Image = Content.clone()`: a copy, not a second handle on the
  /// same storage.
  bool copiesOf(const VarDecl *Alias, const VarDecl *VD) {
    for (const Expr *E :
         findApiCalls(*Alias->getInit(), TensorCopyRole, Api, Ctx))
      if (const auto *C = dyn_cast<CallExpr>(E))
        if (objectRoot(calleeObject(C)) == VD)
          return true;
    return false;
  }

  bool inLoop(SourceLocation L) {
    return within(SM, Loop->getSourceRange(), L);
  }

  const CallExpr *Forward;
  const Stmt *Loop;
  const FunctionDecl *Fn;
  ASTContext &Ctx;
  const ApiModel &Api;
  const SourceManager &SM;
  llvm::SmallPtrSet<const VarDecl *, 8> Visited;
};

/// `{X}`, `std::vector<IValue>{X, Y}`: a container built afresh from
/// loop-invariant values holds the same values on every iteration.
bool inputInvariant(const Expr *E, const Stmt *Loop, ASTContext &Ctx) {
  E = E->IgnoreImplicit();
  if (isa<InitListExpr, CXXStdInitializerListExpr, CXXConstructExpr,
          MaterializeTemporaryExpr, CXXBindTemporaryExpr>(E)) {
    for (const Stmt *Child : E->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(Child))
        if (!inputInvariant(CE, Loop, Ctx))
          return false;
    return true;
  }
  return isLoopInvariant(E, Loop, Ctx);
}

/// A forward pass whose result is thrown away: a warm-up or a benchmark.
bool resultDiscarded(const Expr *Call, ASTContext &Ctx) {
  const Stmt *S = Call;
  while (true) {
    const Stmt *P = parentStmt(S, Ctx);
    if (!P)
      return false;
    if (isa<ExprWithCleanups, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
            ImplicitCastExpr, ParenExpr>(P)) {
      S = P;
      continue;
    }
    if (const auto *CE = dyn_cast<CStyleCastExpr>(P))
      return CE->getType()->isVoidType();
    if (isa<Expr, ReturnStmt, DeclStmt>(P))
      return false;
    // A statement: the call is discarded unless it is a condition.
    if (const auto *If = dyn_cast<IfStmt>(P))
      return If->getCond() != S;
    if (const auto *While = dyn_cast<WhileStmt>(P))
      return While->getCond() != S;
    if (const auto *Do = dyn_cast<DoStmt>(P))
      return Do->getCond() != S;
    if (const auto *For = dyn_cast<ForStmt>(P))
      return For->getCond() != S;
    if (const auto *Switch = dyn_cast<SwitchStmt>(P))
      return Switch->getCond() != S;
    return true;
  }
}

/// The user functions a helper call passes through to reach the API call:
/// the site's callee and each call of Via.
std::vector<const FunctionDecl *> helperChain(const ReachedApiCall &R) {
  std::vector<const FunctionDecl *> Chain;
  auto Add = [&](const Expr *Call) {
    const FunctionDecl *FD = nullptr;
    if (const auto *C = dyn_cast<CallExpr>(Call))
      FD = C->getDirectCallee();
    else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Call))
      FD = Ctor->getConstructor();
    if (FD && FD->getDefinition())
      FD = FD->getDefinition();
    Chain.push_back(FD);
  };
  Add(R.Site);
  for (const Expr *Via : R.Via)
    Add(Via);
  return Chain;
}

/// In is the same on every iteration of Loop: provably invariant, or a
/// model variable from before the loop that the loop only runs, directly
/// or by handing it to helpers that only run it.
bool helperInputInvariant(const Expr *In, const Stmt &Loop, const ApiModel &Api,
                          ASTContext &Ctx, const ProjectTable *Project) {
  if (isLoopInvariant(In, &Loop, Ctx, &Api))
    return true;
  const auto *Ref = dyn_cast<DeclRefExpr>(In->IgnoreParenImpCasts());
  const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  const SourceManager &SM = Ctx.getSourceManager();
  if (!VD || within(SM, Loop.getSourceRange(), VD->getLocation()) ||
      VD->hasGlobalStorage())
    return false;
  llvm::SmallPtrSet<const DeclRefExpr *, 8> Runs =
      runningRefs(VD, Loop, Api, Ctx);
  for (const DeclRefExpr *Use : refsTo(VD, Loop, Ctx)) {
    if (Runs.count(Use) || isReadOnlyUse(Use, Ctx))
      continue;
    auto [Call, Arg] = argumentOf(Use, Ctx);
    if (!Call || !helperOnlyRuns(Call, Arg, Api, Ctx, Project))
      return false;
  }
  return true;
}

} // namespace

void InferLoopInvariantForward::checkHelperForwards(const Stmt &Loop,
                                                    const FunctionDecl &Fn,
                                                    ASTContext &Ctx) {
  if (!Fn.getBody() || Loop.getBeginLoc().isMacroID() || runsAtMostOnce(&Loop))
    return;
  FunctionSummaries &Summaries = context().summaries();
  // The helper calls this loop repeats, cheapest tests first: most loops
  // have none, and the whole-function guards below walk the body again.
  std::vector<ReachedApiCall> Candidates;
  llvm::SmallPtrSet<const Expr *, 4> Sites;
  for (ReachedApiCall &R :
       findApiCallsThrough(Loop, roles::InferenceCall, Summaries, api(), Ctx))
    if (R.throughHelper() && !R.OtherInputs &&
        R.Site->getBeginLoc().isValid() && !R.Site->getBeginLoc().isMacroID() &&
        Sites.insert(R.Site).second && enclosingLoop(R.Site, Ctx) == &Loop &&
        !isInRetryBlock(R.Site, &Loop, Ctx) && !resultDiscarded(R.Site, Ctx))
      Candidates.push_back(std::move(R));
  if (Candidates.empty())
    return;
  // Benchmarks and Monte Carlo dropout repeat passes on purpose, and a loop
  // that trains or loads changes what the helper runs.
  for (llvm::StringRef Role : {roles::Timer, TrainModeRole})
    if (!findApiCallsThrough(*Fn.getBody(), Role, Summaries, api(), Ctx)
             .empty())
      return;
  for (llvm::StringRef Role : {roles::TrainingStep, roles::ModelLoad})
    if (!findApiCallsThrough(Loop, Role, Summaries, api(), Ctx).empty())
      return;
  for (const ReachedApiCall &R : Candidates) {
    if (!llvm::all_of(R.Inputs, [&](const Expr *In) {
          return helperInputInvariant(In, Loop, api(), Ctx,
                                      context().projectTable());
        }))
      continue;
    // Repeated calls differ, even on the same inputs, when a helper keeps
    // state between them (a recurrent hidden state, a counter). The part of
    // the chain in another unit was judged there.
    if (R.External && R.External->WritesLastingState)
      continue;
    if (llvm::any_of(helperChain(R), [&](const FunctionDecl *FD) {
          return !FD || (!(R.External && !FD->getBody()) &&
                         writesLastingState(*FD, Ctx));
        }))
      continue;
    Finding &F = report(throughHelperFinding(
        Loop, R, "runs the same model on the same inputs",
        "compute the result once before the loop and reuse it (each call "
        "repeats the whole forward pass)",
        "runs the model here", Ctx));
    if (R.ApiCall)
      attachWaste(F, repeatedForwardWasteOf(*R.ApiCall, Loop, context()),
                  context());
  }
}

void InferLoopInvariantForward::check(const MatchFinder::MatchResult &R) {
  if (const auto *Loop = R.Nodes.getNodeAs<Stmt>("loop")) {
    if (const auto *LoopFn = R.Nodes.getNodeAs<FunctionDecl>("fn"))
      checkHelperForwards(*Loop, *LoopFn, *R.Context);
    return;
  }
  const auto *Forward = R.Nodes.getNodeAs<CallExpr>("forward");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Forward || !Fn || !Fn->getBody() || beginLoc(Forward).isInvalid() ||
      beginLoc(Forward).isMacroID())
    return;
  ASTContext &Ctx = *R.Context;
  const Stmt *Loop = enclosingLoop(Forward, Ctx);
  if (!Loop || isInRetryBlock(Forward, Loop, Ctx) || runsAtMostOnce(Loop) ||
      resultDiscarded(Forward, Ctx))
    return;
  if (!findApiCalls(*Fn->getBody(), roles::Timer, api(), Ctx).empty() ||
      !findApiCalls(*Fn->getBody(), TrainModeRole, api(), Ctx).empty())
    return;

  ForwardChecker Checker(Forward, Loop, Fn, Ctx, api());
  const VarDecl *Module = nullptr;
  if (const Expr *Obj = calleeObject(Forward)) {
    Module = objectRoot(Obj);
    if (!Module || !Checker.moduleUnchanged(Module))
      return;
  }
  for (const Expr *Input : callInputs(Forward)) {
    if (!inputInvariant(Input, Loop, Ctx))
      return;
    for (const VarDecl *VD : varsIn(Input, Ctx))
      if (!Checker.inputUnchanged(VD))
        return;
  }
  if (!Checker.modelNotTrained(Module))
    return;

  // `Module(X)` is an operator call: its start is the module's name.
  Finding &F = report(beginLoc(Forward),
                      "the same module runs on the same inputs on every "
                      "iteration of this loop; compute the result once "
                      "before the loop and reuse it (each call repeats the "
                      "whole forward pass)");
  F.Notes.push_back({Loop->getBeginLoc(), "loop is here"});
  attachWaste(F, repeatedForwardWasteOf(*Forward, *Loop, context()), context());
}

} // namespace greenlint
