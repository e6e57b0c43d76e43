//===- RetrainSweepNoPruning.cpp ------------------------------------------===//
#include "RetrainSweepNoPruning.h"
#include "../support/ParentStatements.h"
#include "../support/SweepConfigurationFlow.h"
#include "../support/TrainingLoop.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

const RuleInfo RetrainSweepNoPruning::Info = {
    "retrain-sweep-no-pruning",
    "retrain",
    "a hyperparameter sweep trains every configuration to the end with no "
    "early abandonment",
    /*DefaultOn=*/false,
    {{"IgnoreVariableRegex", OptionKind::Regex, "seed|fold|repeat|run",
      "loop values (and the lists, locals and fields they pass through) "
      "whose name matches (case-insensitive) are repetitions, not "
      "hyperparameters"}},
    makeRule<RetrainSweepNoPruning>,
    {roles::TrainingUpdate.data(), roles::TrainingRun.data(),
     roles::BoosterParameter.data()}};

RetrainSweepNoPruning::RetrainSweepNoPruning(RuleContext &Ctx)
    : Rule(Info, Ctx), IgnoreVariableRegex(option("IgnoreVariableRegex"),
                                           llvm::Regex::IgnoreCase) {}

void RetrainSweepNoPruning::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(stmt(anyOf(forStmt(), cxxForRangeStmt()),
                         unless(isExpansionInSystemHeader()),
                         hasAncestor(functionDecl().bind("fn")))
                        .bind("loop"),
                    this);
}

namespace {

constexpr unsigned HelperDepth = 2;

const Stmt *loopBody(const Stmt *Loop) {
  if (const auto *F = dyn_cast<ForStmt>(Loop))
    return F->getBody();
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop))
    return R->getBody();
  return nullptr;
}

} // namespace

std::optional<std::string>
RetrainSweepNoPruning::sweptValue(const Stmt *Loop, ASTContext &Ctx) const {
  const Stmt *Body = loopBody(Loop);
  if (!Body)
    return std::nullopt;
  // The swept value: an arithmetic loop value or a floating-point counter
  // configures by any construction it reaches. An integer counter (also an
  // index into a list of values) and a settings struct may as well count
  // epochs, batches or data sets, so their flow is followed strictly.
  const VarDecl *Value = nullptr;
  bool Strict = false;
  std::string Name;
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop)) {
    const VarDecl *V = R->getLoopVariable();
    QualType T = V->getType().getNonReferenceType();
    if (T->isArithmeticType()) {
      Value = V;
    } else if (isSettingsStruct(T)) {
      Value = V;
      Strict = true;
      // `for (auto [Lr, Depth] : Grid)` names no variable: name the list.
      if (!V->getIdentifier())
        if (const auto *List =
                dyn_cast<DeclRefExpr>(R->getRangeInit()->IgnoreParenImpCasts()))
          Name = List->getDecl()->getName().str();
    }
  } else if (const auto *F = dyn_cast<ForStmt>(Loop)) {
    const auto *Init = dyn_cast_or_null<DeclStmt>(F->getInit());
    const auto *Counter = Init && Init->isSingleDecl()
                              ? dyn_cast<VarDecl>(Init->getSingleDecl())
                              : nullptr;
    if (Counter && Counter->getType()->isRealFloatingType()) {
      Value = Counter;
    } else if (Counter && Counter->getType()->isIntegerType() &&
               !Counter->getType()->isBooleanType()) {
      Value = Counter;
      Strict = true;
    }
  }
  if (!Value)
    return std::nullopt;
  if (Value->getIdentifier())
    Name = Value->getName().str();
  if (Name.empty() || IgnoreVariableRegex.match(Name))
    return std::nullopt;

  if (Strict) {
    SweepConfigurationFlow Flow(api(), IgnoreVariableRegex, Ctx, HelperDepth);
    SweepConfigurationFlow::Reach R = Flow.follow(Value, Body);
    // An epoch counter may reach a construction too (a logger, a progress
    // bar, an optimizer rebuilt over the same model); a sweep trains
    // something made afresh in each iteration.
    if (!R.Configures ||
        !(R.HelperTrains || trainsFreshState(Body, api(), Ctx, HelperDepth)))
      return std::nullopt;
    return R.ListName.empty() ? Name : R.ListName;
  }

  // The body trains: an inner loop of updates, a whole training run, or a
  // helper of this file that does either.
  bool Trains =
      reachesCall(Body, roles::TrainingRun, nullptr, api(), Ctx, HelperDepth);
  for (const BoundNodes &N :
       match(findAll(stmt(anyOf(forStmt(), whileStmt(), doStmt(),
                                cxxForRangeStmt()))
                         .bind("inner")),
             *Body, Ctx))
    Trains =
        Trains || reachesCall(N.getNodeAs<Stmt>("inner"), roles::TrainingUpdate,
                              nullptr, api(), Ctx, HelperDepth);

  // The value configures what is trained: an argument of a construction
  // (optimizer options, a model), of a booster parameter, or of a helper of
  // this file that trains.
  bool Configures = false;
  for (const BoundNodes &N :
       match(findAll(declRefExpr(to(varDecl(equalsNode(Value)))).bind("ref")),
             *Body, Ctx)) {
    for (const Stmt *P =
             parentThroughLocals(N.getNodeAs<DeclRefExpr>("ref"), Ctx);
         P && P != Body; P = parentThroughLocals(P, Ctx)) {
      if (const auto *C = dyn_cast<CXXConstructExpr>(P)) {
        const CXXConstructorDecl *Ctor = C->getConstructor();
        if (!Ctor->isCopyOrMoveConstructor() && C->getNumArgs() > 0) {
          Configures = true;
          break;
        }
      }
      if (const auto *C = dyn_cast<CallExpr>(P)) {
        if (api().matchCall(C, roles::BoosterParameter)) {
          // A thread count or a seed is not a hyperparameter.
          Configures = !setsRuntimeOnly(C);
          break;
        }
        const FunctionDecl *Callee = C->getDirectCallee();
        const FunctionDecl *Def = nullptr;
        if (Callee && Callee->hasBody(Def) && Def->getBody() &&
            (reachesCall(Def->getBody(), roles::TrainingUpdate, nullptr, api(),
                         Ctx, HelperDepth) ||
             reachesCall(Def->getBody(), roles::TrainingRun, nullptr, api(),
                         Ctx, HelperDepth))) {
          Configures = Trains = true;
          break;
        }
      }
    }
    if (Configures)
      break;
  }
  if (Trains && Configures)
    return Name;
  return std::nullopt;
}

bool RetrainSweepNoPruning::mayPrune(const Stmt *Loop, ASTContext &Ctx) const {
  // Any way out of the body, even one that only leaves an inner loop, may
  // abandon a configuration early.
  if (!match(findAll(stmt(anyOf(breakStmt(), continueStmt(), returnStmt(),
                                gotoStmt(), cxxThrowExpr()))),
             *loopBody(Loop), Ctx)
           .empty())
    return true;
  // Successive halving: the candidate list (the range, or what bounds an
  // index) is used again (sorted, cut) in a loop around the sweep.
  llvm::SmallVector<const ValueDecl *, 2> Lists;
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop)) {
    if (const auto *Range =
            dyn_cast<DeclRefExpr>(R->getRangeInit()->IgnoreParenImpCasts()))
      Lists.push_back(Range->getDecl());
  } else if (const auto *F = dyn_cast<ForStmt>(Loop); F && F->getCond()) {
    const auto *Init = dyn_cast_or_null<DeclStmt>(F->getInit());
    for (const BoundNodes &N :
         match(findAll(declRefExpr(to(varDecl())).bind("ref")), *F->getCond(),
               Ctx)) {
      const ValueDecl *D = N.getNodeAs<DeclRefExpr>("ref")->getDecl();
      if (!Init || !Init->isSingleDecl() || Init->getSingleDecl() != D)
        Lists.push_back(D);
    }
  }
  if (Lists.empty())
    return false;
  // Uses inside the sweep itself (its range, its bound, its reads) do not
  // count; those in the loop around it do.
  auto InsideSweep = [&](const Stmt *S) {
    for (const Stmt *P = parentStmt(S, Ctx); P; P = parentStmt(P, Ctx))
      if (P == Loop)
        return true;
    return false;
  };
  for (const Stmt *Outer : enclosingLoops(Loop, Ctx))
    for (const ValueDecl *List : Lists)
      for (const BoundNodes &N :
           match(findAll(declRefExpr(to(equalsNode(List))).bind("ref")), *Outer,
                 Ctx)) {
        const auto *Ref = N.getNodeAs<DeclRefExpr>("ref");
        if (isa<CXXForRangeStmt>(Loop) ? Ref != dyn_cast<CXXForRangeStmt>(Loop)
                                                    ->getRangeInit()
                                                    ->IgnoreParenImpCasts()
                                       : !InsideSweep(Ref))
          return true;
      }
  return false;
}

void RetrainSweepNoPruning::check(const MatchFinder::MatchResult &R) {
  const auto *Loop = R.Nodes.getNodeAs<Stmt>("loop");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Loop || !Fn || Fn->isDependentContext() ||
      Loop->getBeginLoc().isInvalid())
    return;
  ASTContext &Ctx = *R.Context;
  std::optional<std::string> Value = sweptValue(Loop, Ctx);
  if (!Value || mayPrune(Loop, Ctx))
    return;
  // Nested sweeps (a grid) are reported once, at the outermost one.
  for (const Stmt *Outer : enclosingLoops(Loop, Ctx))
    if (sweptValue(Outer, Ctx) && !mayPrune(Outer, Ctx))
      return;
  report(Loop->getBeginLoc(),
         "sweep over '" + *Value +
             "' trains every configuration to the end; abandon unpromising "
             "ones early (successive halving, a median stop, or a patience "
             "check against the best score so far)");
}

} // namespace greenlint
