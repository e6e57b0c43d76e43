//===- RetrainNoCheckpoint.h - retrain-no-checkpoint ----------------------===//
//
// Flags a long training loop (non-constant or >= MinIterations updates,
// counted by support/LoopLength: constant loops, passes over data loaders of
// known datasets, epochs around a call) in a function that never saves its
// state, so a crash restarts from zero. Any save in the function, in what it
// calls or in a caller in this file keeps it quiet. See
// docs/rules/retrain-no-checkpoint.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_RETRAIN_RETRAINNOCHECKPOINT_H
#define GREENLINT_RULES_RETRAIN_RETRAINNOCHECKPOINT_H

#include "../Rule.h"
#include "../support/LoopLength.h"
#include "../support/MainFileCalls.h"
#include "../support/RegexOption.h"
#include "llvm/ADT/DenseSet.h"
#include <memory>

namespace greenlint {

class RetrainNoCheckpoint : public Rule {
public:
  static const RuleInfo Info;
  explicit RetrainNoCheckpoint(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;

private:
  struct Candidate {
    const clang::FunctionDecl *Fn;
    const clang::Stmt *Loop; ///< outermost training loop, or null for a run
    const clang::Expr *Update;
    /// Why the loop counts as long, and the loop the reason is about.
    std::string Why;
    const clang::Stmt *WhyAt;
  };
  bool persists(const clang::FunctionDecl *Fn, const clang::Stmt *Loop,
                unsigned CallerDepth);

  uint64_t MinIterations;
  bool RequireSaveInLoop;
  bool UnknownCountIsLong;
  bool UseDatasetSizes;
  RegexOption CheckpointFunctionRegex;
  std::vector<Candidate> Candidates;
  std::unique_ptr<LoopLengths> Lengths;
  llvm::DenseSet<const clang::Stmt *> Seen;
  /// Who calls whom in the main file, built at the end when needed.
  std::unique_ptr<MainFileCalls> Calls;
};

} // namespace greenlint

#endif
