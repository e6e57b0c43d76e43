//===- InferTrtNoReducedPrecision.h - infer-trt-no-reduced-precision -===//
//
// Flags a TensorRT engine build whose builder config, created in the same
// function, never gets a reduced-precision flag (kFP16, kBF16, kINT8, kFP8).
// Main guards: a config handed to another function, or a strongly typed
// network (its tensors' types set the precision), keeps it quiet. See
// docs/rules/infer-trt-no-reduced-precision.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_INFER_INFERTRTNOREDUCEDPRECISION_H
#define GREENLINT_RULES_INFER_INFERTRTNOREDUCEDPRECISION_H

#include "../Rule.h"

namespace greenlint {

class InferTrtNoReducedPrecision : public Rule {
public:
  static const RuleInfo Info;
  explicit InferTrtNoReducedPrecision(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace greenlint

#endif
