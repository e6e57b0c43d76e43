//===- InferLlamaTokenwisePrompt.h - infer-llama-tokenwise-prompt ---------===//
//
// Flags llama.cpp prompt ingestion one token per llama_decode (a loop over
// the prompt's tokens decoding a batch of one) and n_batch/n_ubatch set to 1.
// Generation loops, which decode one sampled token per step by necessity,
// stay quiet: the loop must walk a token container and sample nothing. See
// docs/rules/infer-llama-tokenwise-prompt.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_INFER_INFERLLAMATOKENWISEPROMPT_H
#define GREENLINT_RULES_INFER_INFERLLAMATOKENWISEPROMPT_H

#include "../Rule.h"

namespace greenlint {

class InferLlamaTokenwisePrompt : public Rule {
public:
  static const RuleInfo Info;
  explicit InferLlamaTokenwisePrompt(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace greenlint

#endif
