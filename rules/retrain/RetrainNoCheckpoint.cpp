//===- RetrainNoCheckpoint.cpp --------------------------------------------===//
#include "RetrainNoCheckpoint.h"
#include "../RuleContext.h"
#include "../support/TrainingLoop.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

const RuleInfo RetrainNoCheckpoint::Info = {
    "retrain-no-checkpoint",
    "retrain",
    "a long training loop runs in a function that never saves a checkpoint",
    /*DefaultOn=*/true,
    {{"MinIterations", OptionKind::Int, "1000",
      "a loop nest whose constant trip counts multiply to fewer parameter "
      "updates is short enough to rerun"},
     {"UnknownCountIsLong", OptionKind::Bool, "false",
      "also count loops whose trip count is not a constant (a round count "
      "passed in, training until a condition holds) as long"},
     {"UseDatasetSizes", OptionKind::Bool, "true",
      "count a pass over a data loader as its batches when the dataset's "
      "size is known (API data: dataset-size) and the batch size is a "
      "constant, and follow a loader passed in to the loops around the "
      "call; false: only counting loops with constant bounds are known"},
     {"RequireSaveInLoop", OptionKind::Bool, "false",
      "only a save inside the training loop counts; by default a save "
      "anywhere in the function, its callees or its callers in this file "
      "counts"},
     {"CheckpointFunctionRegex", OptionKind::Regex,
      "save|checkpoint|snapshot|serializ|persist",
      "calls to functions whose name matches (case-insensitive) count as "
      "saves, for helpers defined in other files"}},
    makeRule<RetrainNoCheckpoint>,
    {roles::TrainingUpdate.data(), roles::TrainingRun.data(),
     roles::CheckpointSave.data(), roles::DatasetSize.data(),
     roles::DatasetTransform.data(), roles::DataLoaderCreate.data(),
     roles::LoaderBatchSize.data(), roles::LoaderDropLast.data()}};

RetrainNoCheckpoint::RetrainNoCheckpoint(RuleContext &Ctx)
    : Rule(Info, Ctx), MinIterations(intOption("MinIterations")),
      RequireSaveInLoop(boolOption("RequireSaveInLoop")),
      UnknownCountIsLong(boolOption("UnknownCountIsLong")),
      UseDatasetSizes(boolOption("UseDatasetSizes")),
      CheckpointFunctionRegex(option("CheckpointFunctionRegex"),
                              llvm::Regex::IgnoreCase) {}

void RetrainNoCheckpoint::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(callExpr(anyOf(isApiCall(&api(), roles::TrainingUpdate),
                                   isApiCall(&api(), roles::TrainingRun)),
                             hasAncestor(functionDecl().bind("fn")))
                        .bind("update"),
                    this);
}

void RetrainNoCheckpoint::check(const MatchFinder::MatchResult &R) {
  const auto *Update = R.Nodes.getNodeAs<CallExpr>("update");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Fn || Fn->isDependentContext() || Update->getBeginLoc().isInvalid())
    return;
  ASTContext &Ctx = *R.Context;
  if (api().matchCall(Update, roles::TrainingRun)) {
    Candidates.push_back({Fn, nullptr, Update, "", nullptr});
    return;
  }
  std::vector<const Stmt *> Loops = enclosingLoops(Update, Ctx);
  if (Loops.empty() || !Seen.insert(Loops.back()).second)
    return;
  // A loop nest with known counts (constant bounds, passes over loaders of
  // known datasets, the epochs around a call that passes the loader) runs
  // knownUpdates() updates; below the threshold a rerun costs less than
  // writing checkpoints.
  // A count passed in, or training until the loss or learning rate reaches
  // a bound, is as often a short example as a long job (seen in public
  // LibTorch and dlib examples, docs/precision.md): by default only known
  // counts decide.
  if (!Lengths)
    Lengths = std::make_unique<LoopLengths>(api(), Ctx, UseDatasetSizes);
  LoopNest Nest = Lengths->nest(Update, Fn);
  Candidate C{Fn, Loops.back(), Update, "", nullptr};
  const LoopFactor *Unknown = nullptr;
  for (const LoopFactor &L : Nest.Loops)
    if (!L.Trips && !Unknown)
      Unknown = &L;
  if (Unknown && UnknownCountIsLong) {
    C.Why = "the loop counts as long: its count is not a constant "
            "(UnknownCountIsLong)";
    C.WhyAt = Unknown->Loop;
  } else if (Nest.knownCount() > 0 && Nest.knownUpdates() >= MinIterations) {
    C.Why = "the loop counts as long: " + Nest.why() +
            " (MinIterations: " + std::to_string(MinIterations) + ")";
    C.WhyAt = Nest.outermostKnown(Nest.Loops.size());
  } else {
    return;
  }
  Candidates.push_back(std::move(C));
}

bool RetrainNoCheckpoint::persists(const FunctionDecl *Fn, const Stmt *Loop,
                                   unsigned CallerDepth) {
  ASTContext &Ctx = *context().astContext();
  const Stmt *Scope = RequireSaveInLoop && Loop ? Loop : Fn->getBody();
  if (reachesCall(Scope, roles::CheckpointSave, CheckpointFunctionRegex.regex(),
                  api(), Ctx,
                  /*Depth=*/2))
    return true;
  if (RequireSaveInLoop || CallerDepth == 0)
    return false;
  if (!Calls)
    Calls = std::make_unique<MainFileCalls>(*context().astContext());
  // Copied: a deeper call may build the index while this list is read.
  std::vector<MainFileCalls::Site> Sites = Calls->of(patternOf(Fn));
  for (const auto &[Call, Caller] : Sites)
    if (persists(Caller, nullptr, CallerDepth - 1))
      return true;
  return false;
}

void RetrainNoCheckpoint::onEndOfTranslationUnit() {
  if (Candidates.empty() || !context().astContext()) {
    Lengths.reset();
    return;
  }
  llvm::DenseSet<unsigned> Reported;
  for (const Candidate &C : Candidates) {
    const Stmt *At = C.Loop ? static_cast<const Stmt *>(C.Loop) : C.Update;
    if (!Reported.insert(At->getBeginLoc().getRawEncoding()).second)
      continue;
    if (persists(C.Fn, C.Loop, /*CallerDepth=*/3))
      continue;
    const ApiEntry *Entry = api().matchCall(C.Update, roles::TrainingUpdate);
    if (!Entry)
      Entry = api().matchCall(C.Update, roles::TrainingRun);
    std::string What =
        Entry->Class.empty() ? Entry->Name : Entry->Class + "::" + Entry->Name;
    if (!C.Loop) {
      report(C.Update->getBeginLoc(),
             "'" + What +
                 "' runs a whole training without ever saving its state, so "
                 "a crash or pre-emption repeats all training done so far; "
                 "save the trainer state periodically and resume from it");
      continue;
    }
    Finding &F = report(
        C.Loop->getBeginLoc(),
        "training loop never saves a checkpoint, so a crash or pre-emption "
        "repeats all training done so far; save the model state every few "
        "epochs and resume from the latest save");
    F.Notes.push_back({C.Update->getBeginLoc(),
                       "parameters are updated here by '" + What + "'"});
    F.Notes.push_back({C.WhyAt->getBeginLoc(), C.Why});
  }
  Candidates.clear();
  Calls.reset();
  Lengths.reset();
}

} // namespace greenlint
