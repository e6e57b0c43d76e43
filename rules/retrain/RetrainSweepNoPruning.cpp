//===- RetrainSweepNoPruning.cpp ------------------------------------------===//
#include "RetrainSweepNoPruning.h"
#include "../support/ParentStatements.h"
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
      "loop values whose name matches (case-insensitive) are repetitions, "
      "not hyperparameters"}},
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

const VarDecl *RetrainSweepNoPruning::sweptValue(const Stmt *Loop,
                                                 ASTContext &Ctx) const {
  const Stmt *Body = loopBody(Loop);
  if (!Body)
    return nullptr;
  // The swept value: an arithmetic loop value or a floating-point counter.
  const VarDecl *Value = nullptr;
  if (const auto *R = dyn_cast<CXXForRangeStmt>(Loop)) {
    const VarDecl *V = R->getLoopVariable();
    if (V->getType().getNonReferenceType()->isArithmeticType())
      Value = V;
  } else if (const auto *F = dyn_cast<ForStmt>(Loop)) {
    const auto *Init = dyn_cast_or_null<DeclStmt>(F->getInit());
    const auto *Counter = Init && Init->isSingleDecl()
                              ? dyn_cast<VarDecl>(Init->getSingleDecl())
                              : nullptr;
    if (Counter && Counter->getType()->isRealFloatingType())
      Value = Counter;
  }
  if (!Value || !Value->getIdentifier() ||
      IgnoreVariableRegex.match(Value->getName()))
    return nullptr;

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
          Configures = true;
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
  return Trains && Configures ? Value : nullptr;
}

bool RetrainSweepNoPruning::mayPrune(const Stmt *Loop, ASTContext &Ctx) const {
  // Any way out of the body, even one that only leaves an inner loop, may
  // abandon a configuration early.
  if (!match(findAll(stmt(anyOf(breakStmt(), continueStmt(), returnStmt(),
                                gotoStmt(), cxxThrowExpr()))),
             *loopBody(Loop), Ctx)
           .empty())
    return true;
  // Successive halving: the candidate list is used again (sorted, cut) in a
  // loop around the sweep.
  const auto *R = dyn_cast<CXXForRangeStmt>(Loop);
  const auto *Range =
      R ? dyn_cast<DeclRefExpr>(R->getRangeInit()->IgnoreParenImpCasts())
        : nullptr;
  if (!Range)
    return false;
  for (const Stmt *Outer : enclosingLoops(Loop, Ctx))
    for (const BoundNodes &N : match(
             findAll(declRefExpr(to(equalsNode(Range->getDecl()))).bind("ref")),
             *Outer, Ctx))
      if (N.getNodeAs<DeclRefExpr>("ref") != Range)
        return true;
  return false;
}

void RetrainSweepNoPruning::check(const MatchFinder::MatchResult &R) {
  const auto *Loop = R.Nodes.getNodeAs<Stmt>("loop");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Loop || !Fn || Fn->isDependentContext() ||
      Loop->getBeginLoc().isInvalid())
    return;
  ASTContext &Ctx = *R.Context;
  const VarDecl *Value = sweptValue(Loop, Ctx);
  if (!Value || mayPrune(Loop, Ctx))
    return;
  // Nested sweeps (a grid) are reported once, at the outermost one.
  for (const Stmt *Outer : enclosingLoops(Loop, Ctx))
    if (sweptValue(Outer, Ctx) && !mayPrune(Outer, Ctx))
      return;
  report(Loop->getBeginLoc(),
         "sweep over '" + Value->getName().str() +
             "' trains every configuration to the end; abandon unpromising "
             "ones early (successive halving, a median stop, or a patience "
             "check against the best score so far)");
}

} // namespace greenlint
