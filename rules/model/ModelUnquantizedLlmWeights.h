//===- ModelUnquantizedLlmWeights.h - model-unquantized-llm-weights -------===//
//
// Flags llama.cpp model loads whose path is a literal naming an unquantised
// GGUF (f32/f16/bf16). Opt-in: full precision is sometimes the point (an
// evaluation baseline, the input of llama-quantize), and paths built at run
// time are not seen. See docs/rules/model-unquantized-llm-weights.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_MODEL_MODELUNQUANTIZEDLLMWEIGHTS_H
#define GREENLINT_RULES_MODEL_MODELUNQUANTIZEDLLMWEIGHTS_H

#include "../Rule.h"
#include "../support/RegexOption.h"

namespace greenlint {

class ModelUnquantizedLlmWeights : public Rule {
public:
  static const RuleInfo Info;
  explicit ModelUnquantizedLlmWeights(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  RegexOption UnquantizedPattern;
};

} // namespace greenlint

#endif
