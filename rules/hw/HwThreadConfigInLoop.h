//===- HwThreadConfigInLoop.h - hw-thread-config-in-loop ------------------===//
//
// Flags thread-pool sizing (at::set_num_threads, SetIntraOpNumThreads,
// llama_set_n_threads, XGBoosterSetParam "nthread") repeated on every loop
// iteration, or every request, with the same count on the same object. Sweeps
// over thread counts, fresh per-iteration objects and retries stay quiet. See
// docs/rules/hw-thread-config-in-loop.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_HW_HWTHREADCONFIGINLOOP_H
#define GREENLINT_RULES_HW_HWTHREADCONFIGINLOOP_H

#include "../Rule.h"
#include "../support/RegexOption.h"

namespace greenlint {

class HwThreadConfigInLoop : public Rule {
public:
  static const RuleInfo Info;
  explicit HwThreadConfigInLoop(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  RegexOption RequestHandlerRegex;
};

} // namespace greenlint

#endif
