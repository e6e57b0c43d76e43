//===- RetrainNoEarlyStop.h - retrain-no-early-stop -----------------------===//
//
// Flags a fixed-count boosting or epoch loop (a constant count of at least
// MinIterations rounds or MinEpochs epochs) with no evaluation and no exit in
// it. Any break, return or evaluation call keeps the loop quiet. See
// docs/rules/retrain-no-early-stop.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_RETRAIN_RETRAINNOEARLYSTOP_H
#define GREENLINT_RULES_RETRAIN_RETRAINNOEARLYSTOP_H

#include "../Rule.h"
#include "../support/RegexOption.h"

namespace greenlint {

class RetrainNoEarlyStop : public Rule {
public:
  static const RuleInfo Info;
  explicit RetrainNoEarlyStop(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  bool mayStopEarly(const clang::Stmt *Loop, clang::ASTContext &Ctx) const;

  uint64_t MinIterations;
  uint64_t MinEpochs;
  std::vector<std::string> Frameworks;
  RegexOption ValidationFunctionRegex;
};

} // namespace greenlint

#endif
