//===- InferLoopInvariantForward.h - infer-loop-invariant-forward ---------===//
//
// Flags a forward pass repeated on every iteration of a loop with the same
// module and the same inputs (a query image's features per video frame, fixed
// style targets per optimisation step). It stays quiet unless every input and
// the module are provably untouched in the loop, no optimizer in the loop can
// update the model, and the result is used. The same holds one or more
// calls away, when the loop calls the project's own helper that runs the
// model on what the loop passes it unchanged. See
// docs/rules/infer-loop-invariant-forward.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_INFER_INFERLOOPINVARIANTFORWARD_H
#define GREENLINT_RULES_INFER_INFERLOOPINVARIANTFORWARD_H

#include "../Rule.h"

namespace greenlint {

class InferLoopInvariantForward : public Rule {
public:
  static const RuleInfo Info;
  explicit InferLoopInvariantForward(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  void checkHelperForwards(const clang::Stmt &Loop,
                           const clang::FunctionDecl &Fn,
                           clang::ASTContext &Ctx);
};

} // namespace greenlint

#endif
