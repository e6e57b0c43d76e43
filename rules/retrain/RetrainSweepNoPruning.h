//===- RetrainSweepNoPruning.h - retrain-sweep-no-pruning -------*- C++ -*-===//
//
// Flags a loop over hyperparameter values (numbers, an index into a list of
// them, an integer counter, or settings structs that configure a model, an
// optimizer or a booster) whose body trains each configuration to the end,
// with no way out of the body (a break on the best so far, a patience check)
// and no shrinking candidate list. Loops over data sets, epochs, batches,
// seeds and folds stay quiet. See docs/rules/retrain-sweep-no-pruning.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_RETRAIN_RETRAINSWEEPNOPRUNING_H
#define GREENLINT_RULES_RETRAIN_RETRAINSWEEPNOPRUNING_H

#include "../Rule.h"
#include "../support/RegexOption.h"
#include <optional>
#include <string>

namespace greenlint {

class RetrainSweepNoPruning : public Rule {
public:
  static const RuleInfo Info;
  explicit RetrainSweepNoPruning(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  /// The hyperparameter the loop sweeps (the loop value, or the list an
  /// index reads), if it is a sweep that trains.
  std::optional<std::string> sweptValue(const clang::Stmt *Loop,
                                        clang::ASTContext &Ctx) const;
  bool mayPrune(const clang::Stmt *Loop, clang::ASTContext &Ctx) const;
  RegexOption IgnoreVariableRegex;
};

} // namespace greenlint

#endif
