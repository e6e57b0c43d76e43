//===- InferBatchSizeOne.h - infer-batch-size-one -------------*- C++ -*-===//
//
// Flags a model run once per element of a loop over a collection when the
// input is made a batch of one from that element (unsqueeze(0), a blob from
// one image, a buffer tensor of shape {1, ...}). Streaming loops stay quiet:
// an input carried from the previous iteration's output, a loop that may leave
// early, or inputs not derived from the loop's element. See
// docs/rules/infer-batch-size-one.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_INFER_INFERBATCHSIZEONE_H
#define GREENLINT_RULES_INFER_INFERBATCHSIZEONE_H

#include "../Rule.h"

namespace greenlint {

class InferBatchSizeOne : public Rule {
public:
  static const RuleInfo Info;
  explicit InferBatchSizeOne(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace greenlint

#endif
