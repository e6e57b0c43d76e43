//===- RetrainSweepNoPruning.h - retrain-sweep-no-pruning -------*- C++ -*-===//
//
// Flags a loop over hyperparameter values (arithmetic values that configure
// a model, an optimizer or a booster) whose body trains each configuration to
// the end, with no way out of the body (a break on the best so far, a
// patience check) and no shrinking candidate list. Loops over data sets,
// seeds and folds stay quiet. See docs/rules/retrain-sweep-no-pruning.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_RETRAIN_RETRAINSWEEPNOPRUNING_H
#define GREENLINT_RULES_RETRAIN_RETRAINSWEEPNOPRUNING_H

#include "../Rule.h"
#include "../support/RegexOption.h"

namespace greenlint {

class RetrainSweepNoPruning : public Rule {
public:
  static const RuleInfo Info;
  explicit RetrainSweepNoPruning(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  /// The hyperparameter the loop sweeps, if it is a sweep that trains.
  const clang::VarDecl *sweptValue(const clang::Stmt *Loop,
                                   clang::ASTContext &Ctx) const;
  bool mayPrune(const clang::Stmt *Loop, clang::ASTContext &Ctx) const;
  RegexOption IgnoreVariableRegex;
};

} // namespace greenlint

#endif
