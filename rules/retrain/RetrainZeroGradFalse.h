//===- RetrainZeroGradFalse.h - retrain-zero-grad-false -------------------===//
//
// Flags zero_grad calls that fill gradients with zeros (set_to_none false,
// explicit or by default) and offers the fix-it set_to_none=true. Only
// calls whose flag is a literal or defaulted are touched. See
// docs/rules/retrain-zero-grad-false.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_RETRAIN_RETRAINZEROGRADFALSE_H
#define GREENLINT_RULES_RETRAIN_RETRAINZEROGRADFALSE_H

#include "../Rule.h"

namespace greenlint {

class RetrainZeroGradFalse : public Rule {
public:
  static const RuleInfo Info;
  explicit RetrainZeroGradFalse(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace greenlint

#endif
