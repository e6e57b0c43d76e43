//===- ModelFloat64.h - model-float64 -------------------------------------===//
//
// Flags tensors, modules and default dtypes set to double precision
// (torch::kFloat64 / kDouble given to TensorOptions, factories, Tensor::to,
// Module::to). Only the dtype constants themselves count: a dtype read from
// a variable, plain C++ doubles and from_blob over existing double data stay
// quiet. See docs/rules/model-float64.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_MODEL_MODELFLOAT64_H
#define GREENLINT_RULES_MODEL_MODELFLOAT64_H

#include "../Rule.h"
#include "../support/RegexOption.h"

namespace greenlint {

class ModelFloat64 : public Rule {
public:
  static const RuleInfo Info;
  explicit ModelFloat64(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  void noteModelSize(const clang::Expr *Sink, Finding &F);
  RegexOption AllowedFunctionsRegex;
};

} // namespace greenlint

#endif
