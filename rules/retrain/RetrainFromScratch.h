//===- RetrainFromScratch.h - retrain-from-scratch ------------------------===//
//
// Flags a program entry (main by default) that trains and saves a model but
// never loads one, so every run trains again from scratch. Any model load, a
// load-like helper, or a file check on the saved path or around the training
// keeps it quiet. Opt-in. See docs/rules/retrain-from-scratch.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_RETRAIN_RETRAINFROMSCRATCH_H
#define GREENLINT_RULES_RETRAIN_RETRAINFROMSCRATCH_H

#include "../Rule.h"
#include "../support/RegexOption.h"

namespace greenlint {

class RetrainFromScratch : public Rule {
public:
  static const RuleInfo Info;
  explicit RetrainFromScratch(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  RegexOption EntryFunctionRegex;
  RegexOption LoadFunctionRegex;
};

} // namespace greenlint

#endif
