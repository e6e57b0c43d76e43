//===- DataQuadraticConcat.h - data-quadratic-concat ----------*- C++ -*-===//
//
// Flags `Acc = torch::cat({Acc, X})` (or stack) inside a loop, where Acc
// lives across iterations: each pass copies everything gathered so far. The
// main guard: the loop must not read Acc's data otherwise (a decoder that
// feeds the grown sequence to a model needs it whole on every step). See
// docs/rules/data-quadratic-concat.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_DATA_DATAQUADRATICCONCAT_H
#define GREENLINT_RULES_DATA_DATAQUADRATICCONCAT_H

#include "../Rule.h"

namespace greenlint {

class DataQuadraticConcat : public Rule {
public:
  static const RuleInfo Info;
  explicit DataQuadraticConcat(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace greenlint

#endif
