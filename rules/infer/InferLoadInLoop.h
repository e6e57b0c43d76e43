//===- InferLoadInLoop.h - infer-load-in-loop -----------------------------===//
//
// Flags a model load (torch::jit::load, Ort::Session, cv::dnn::readNet, ...)
// repeated on every iteration of a loop with the same arguments. Loops over
// distinct models and retry loops stay quiet: only provably loop-invariant
// sources are reported. See docs/rules/infer-load-in-loop.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_INFER_INFERLOADINLOOP_H
#define GREENLINT_RULES_INFER_INFERLOADINLOOP_H

#include "../Rule.h"
#include "../support/RegexOption.h"

namespace greenlint {

class InferLoadInLoop : public Rule {
public:
  static const RuleInfo Info;
  explicit InferLoadInLoop(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  void checkHelperLoads(const clang::Stmt &Loop, clang::ASTContext &Ctx);
  RegexOption RequestHandlerRegex;
};

} // namespace greenlint

#endif
