//===- DataLoadInLoop.h - data-load-in-loop -------------------------------===//
//
// Flags a dataset or image read from disk on every loop iteration with the
// same arguments (re-parsing the training set each epoch). Loops over distinct
// files or shards and retry loops stay quiet: only provably loop-invariant
// sources are reported. See docs/rules/data-load-in-loop.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_DATA_DATALOADINLOOP_H
#define GREENLINT_RULES_DATA_DATALOADINLOOP_H

#include "../Rule.h"

namespace greenlint {

class DataLoadInLoop : public Rule {
public:
  static const RuleInfo Info;
  explicit DataLoadInLoop(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace greenlint

#endif
