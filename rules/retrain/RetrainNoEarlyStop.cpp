//===- RetrainNoEarlyStop.cpp ---------------------------------------------===//
#include "RetrainNoEarlyStop.h"
#include "../support/TrainingLoop.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

/// Calls that score the model on held-out data (a validation pass).
static constexpr llvm::StringLiteral ValidationEvalRole = roles::ValidationEval;

const RuleInfo RetrainNoEarlyStop::Info = {
    "retrain-no-early-stop",
    "retrain",
    "a fixed-count boosting or epoch loop has no validation-driven exit",
    /*DefaultOn=*/true,
    {{"MinIterations", OptionKind::Int, "100",
      "a loop that updates directly (boosting rounds, trainer steps) is "
      "reported from this constant count on"},
     {"MinEpochs", OptionKind::Int, "10",
      "a loop that updates through an inner loop (epochs over batches) is "
      "reported from this constant count on"},
     {"Frameworks", OptionKind::String, "xgboost,dlib",
      "comma-separated frameworks whose update calls are checked; add "
      "libtorch for fixed epoch loops"},
     {"ValidationFunctionRegex", OptionKind::Regex,
      "valid|eval|test|score|metric|early",
      "calls to functions whose name matches (case-insensitive) count as a "
      "validation pass"}},
    makeRule<RetrainNoEarlyStop>,
    {roles::TrainingUpdate.data(), ValidationEvalRole.data(),
     roles::EvalMode.data()}};

RetrainNoEarlyStop::RetrainNoEarlyStop(RuleContext &Ctx)
    : Rule(Info, Ctx), MinIterations(intOption("MinIterations")),
      MinEpochs(intOption("MinEpochs")),
      ValidationFunctionRegex(option("ValidationFunctionRegex"),
                              llvm::Regex::IgnoreCase) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  llvm::StringRef(option("Frameworks")).split(Parts, ',', -1, false);
  for (llvm::StringRef P : Parts)
    Frameworks.push_back(P.trim().lower());
}

void RetrainNoEarlyStop::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(callExpr(isApiCall(&api(), roles::TrainingUpdate),
                             hasAncestor(functionDecl().bind("fn")))
                        .bind("update"),
                    this);
}

bool RetrainNoEarlyStop::mayStopEarly(const Stmt *Loop, ASTContext &Ctx) const {
  // Any way out of the loop body, even one that only leaves an inner loop,
  // may be the early stop: stay quiet.
  if (!match(findAll(stmt(
                 anyOf(breakStmt(), returnStmt(), gotoStmt(), cxxThrowExpr()))),
             *Loop, Ctx)
           .empty())
    return true;
  const Stmt *Body = Loop;
  return reachesCall(Body, ValidationEvalRole, ValidationFunctionRegex.regex(),
                     api(), Ctx, 1) ||
         reachesCall(Body, roles::EvalMode, nullptr, api(), Ctx, 1);
}

void RetrainNoEarlyStop::check(const MatchFinder::MatchResult &R) {
  const auto *Update = R.Nodes.getNodeAs<CallExpr>("update");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  const ApiEntry *Entry = api().matchCall(Update, roles::TrainingUpdate);
  if (!Fn || !Entry || Fn->isDependentContext() ||
      Update->getBeginLoc().isInvalid() ||
      !llvm::is_contained(Frameworks,
                          llvm::StringRef(Entry->Framework).lower()))
    return;
  ASTContext &Ctx = *R.Context;
  std::vector<const Stmt *> Loops = enclosingLoops(Update, Ctx);
  for (size_t Depth = 0; Depth < Loops.size(); ++Depth) {
    std::optional<uint64_t> Trips = constantTripCount(Loops[Depth], Fn, Ctx);
    uint64_t Min = Depth == 0 ? MinIterations : MinEpochs;
    if (!Trips || *Trips < Min)
      continue;
    if (mayStopEarly(Loops[Depth], Ctx))
      return;
    std::string What =
        Entry->Class.empty() ? Entry->Name : Entry->Class + "::" + Entry->Name;
    Finding &F = report(
        Loops[Depth]->getBeginLoc(),
        "loop always runs " + std::to_string(*Trips) +
            (Depth == 0 ? " training rounds" : " epochs") +
            " with no validation and no early exit, so it keeps training "
            "after the model stops improving; evaluate on held-out data each "
            "round and stop when the score has not improved for a while");
    F.Notes.push_back({Update->getBeginLoc(),
                       "parameters are updated here by '" + What + "'"});
    return;
  }
}

} // namespace greenlint
