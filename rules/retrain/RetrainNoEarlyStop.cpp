//===- RetrainNoEarlyStop.cpp ---------------------------------------------===//
#include "RetrainNoEarlyStop.h"
#include "../support/TrainingLoop.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
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
      "a loop that updates through an inner loop (epochs over batches, "
      "epochs around a pass over a data loader, also in the caller of a "
      "function that makes the pass) is reported from this constant count "
      "on"},
     {"UseDatasetSizes", OptionKind::Bool, "true",
      "follow a data loader passed in to the loops around the call (the "
      "epochs) when the call passes a loader of known length (API data: "
      "dataset-size), and say how many updates the nest runs; false: only "
      "loops in the updating function count"},
     {"Frameworks", OptionKind::String, "xgboost,dlib",
      "comma-separated frameworks whose update calls are checked; add "
      "libtorch for fixed epoch loops"},
     {"ValidationFunctionRegex", OptionKind::Regex,
      "valid|eval|test|score|metric|early",
      "calls to functions whose name matches (case-insensitive) count as a "
      "validation pass"}},
    makeRule<RetrainNoEarlyStop>,
    {roles::TrainingUpdate.data(), ValidationEvalRole.data(),
     roles::EvalMode.data(), roles::DatasetSize.data(),
     roles::DatasetTransform.data(), roles::DataLoaderCreate.data(),
     roles::LoaderBatchSize.data(), roles::LoaderDropLast.data()}};

RetrainNoEarlyStop::RetrainNoEarlyStop(RuleContext &Ctx)
    : Rule(Info, Ctx), MinIterations(intOption("MinIterations")),
      MinEpochs(intOption("MinEpochs")),
      UseDatasetSizes(boolOption("UseDatasetSizes")),
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
  if (!Lengths)
    Lengths = std::make_unique<LoopLengths>(api(), Ctx, UseDatasetSizes);
  // One nest per call site that passes a loader of known length: each
  // caller's epoch loop is judged on its own.
  llvm::SmallPtrSet<const Stmt *, 4> Judged;
  for (const LoopNest &Nest : Lengths->nests(Update, Fn)) {
    for (size_t Depth = 0; Depth < Nest.Loops.size(); ++Depth) {
      const LoopFactor &L = Nest.Loops[Depth];
      // A pass over a data loader is one epoch: its batches are no rounds
      // to stop early in, only the epochs around it are.
      if (!L.Trips || L.LoaderPass)
        continue;
      uint64_t Min = Depth == 0 ? MinIterations : MinEpochs;
      if (*L.Trips < Min)
        continue;
      if (!Judged.insert(L.Loop).second || mayStopEarly(L.Loop, Ctx))
        break;
      std::string What = Entry->Class.empty()
                             ? Entry->Name
                             : Entry->Class + "::" + Entry->Name;
      Finding &F = report(
          L.Loop->getBeginLoc(),
          "loop always runs " + std::to_string(*L.Trips) +
              (Depth == 0 ? " training rounds" : " epochs") +
              " with no validation and no early exit, so it keeps training "
              "after the model stops improving; evaluate on held-out data "
              "each round and stop when the score has not improved for a "
              "while");
      F.Notes.push_back({Update->getBeginLoc(),
                         "parameters are updated here by '" + What + "'"});
      // With inner counts known too, say how much training that is.
      if (Nest.knownCount(Depth + 1) > 1)
        F.Notes.push_back(
            {L.Loop->getBeginLoc(), "the loop runs " + Nest.why(Depth + 1)});
      break;
    }
  }
}

void RetrainNoEarlyStop::onEndOfTranslationUnit() { Lengths.reset(); }

} // namespace greenlint
