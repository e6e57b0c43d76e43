//===- ModelOversized.h - model-oversized ---------------------------------===//
//
// Warns where a model defined in code exceeds the budgets of
// .greenlint.yaml (parameters, weight bytes, joules per call), with the
// static estimate's figures in the message. Models whose sizes are not
// constant are never guessed at. See docs/rules/model-oversized.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_MODEL_MODELOVERSIZED_H
#define GREENLINT_RULES_MODEL_MODELOVERSIZED_H

#include "../Rule.h"
#include "greenlint/estimate/ModelEstimate.h"
#include <string>
#include <vector>

namespace greenlint {

class Config;

class ModelOversized : public Rule {
public:
  static const RuleInfo Info;
  /// Budgets that apply when .greenlint.yaml sets none.
  static constexpr double DefaultParameters = 1e9;
  static constexpr double DefaultWeightBytes = 4e9;
  static constexpr double DefaultJoulesPerCall = 1.0;

  /// The budgets of \p Cfg that \p M exceeds, one phrase each with the
  /// figure and the budget ("203,530 parameters (budget 100,000 in
  /// /repo/.greenlint.yaml)"). greenlint's defaults stand in for unset
  /// budgets only for models defined in code. `greenlint estimate
  /// --budgets` applies the same check to model files.
  static std::vector<std::string> overruns(const estimate::ModelEstimate &M,
                                           const Config &Cfg);

  explicit ModelOversized(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &) override {}
  void check(const clang::ast_matchers::MatchFinder::MatchResult &) override {}
  void onEndOfTranslationUnit() override;
};

} // namespace greenlint

#endif
