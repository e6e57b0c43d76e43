//===- RetrainNoEarlyStop.h - retrain-no-early-stop -----------------------===//
//
// Flags a fixed-count boosting or epoch loop (a constant count of at least
// MinIterations rounds that update directly, or MinEpochs epochs around an
// inner loop or a pass over a data loader, also in a caller that passes the
// loader) with no evaluation and no exit in it. Any break, return or
// evaluation call keeps the loop quiet. See
// docs/rules/retrain-no-early-stop.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_RETRAIN_RETRAINNOEARLYSTOP_H
#define GREENLINT_RULES_RETRAIN_RETRAINNOEARLYSTOP_H

#include "../Rule.h"
#include "../support/LoopLength.h"
#include "../support/RegexOption.h"
#include <memory>

namespace greenlint {

class RetrainNoEarlyStop : public Rule {
public:
  static const RuleInfo Info;
  explicit RetrainNoEarlyStop(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;

private:
  bool mayStopEarly(const clang::Stmt *Loop, clang::ASTContext &Ctx) const;

  uint64_t MinIterations;
  uint64_t MinEpochs;
  bool UseDatasetSizes;
  std::vector<std::string> Frameworks;
  RegexOption ValidationFunctionRegex;
  std::unique_ptr<LoopLengths> Lengths;
};

} // namespace greenlint

#endif
