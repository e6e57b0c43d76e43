//===- InferDuplicatePass.h - infer-duplicate-pass ----------------*- C++
//-*-===//
//
// Flags a second loop in one function that runs the same model, in eval or
// no-grad mode, over the same loader or container with the same inputs as an
// earlier loop. It stays quiet unless both loops sit in one block with nothing
// between them that trains, loads, switches or otherwise touches the model or
// rewrites the data. See docs/rules/infer-duplicate-pass.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_INFER_INFERDUPLICATEPASS_H
#define GREENLINT_RULES_INFER_INFERDUPLICATEPASS_H

#include "../Rule.h"

namespace greenlint {

class InferDuplicatePass : public Rule {
public:
  static const RuleInfo Info;
  explicit InferDuplicatePass(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace greenlint

#endif
