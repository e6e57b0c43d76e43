//===- ModelOversized.cpp -------------------------------------------------===//
#include "ModelOversized.h"
#include "../RuleContext.h"
#include "../estimate/EstimateRoles.h"

namespace greenlint {

const RuleInfo ModelOversized::Info = {
    "model-oversized",
    "model",
    "a model defined in code exceeds the parameter, weight-size or "
    "joules-per-call budget",
    /*DefaultOn=*/true,
    {},
    [](RuleContext &Ctx) -> std::unique_ptr<Rule> {
      return std::make_unique<ModelOversized>(Ctx);
    },
    estimate::estimateRoles()};

namespace {
std::string budgetSource(const std::optional<double> &Configured,
                         const Config &Cfg) {
  return Configured ? "budgets in " + Cfg.SourcePath
                    : std::string("greenlint's default budget");
}
} // namespace

void ModelOversized::onEndOfTranslationUnit() {
  const Config &Cfg = context().config();
  const Budgets &B = Cfg.Budget;
  double MaxParams = B.Parameters.value_or(DefaultParameters);
  double MaxBytes = B.WeightBytes.value_or(DefaultWeightBytes);
  double MaxJoules = B.JoulesPerCall.value_or(DefaultJoulesPerCall);
  for (const estimate::ModelEstimate &M : context().modelEstimates()) {
    if (M.Loc.isInvalid())
      continue;
    std::string Name = "model '" + M.Model + "'";
    if (M.Parameters && double(*M.Parameters) > MaxParams)
      report(M.Loc, Name + " has " + estimate::groupDigits(*M.Parameters) +
                        " parameters, over the budget of " +
                        estimate::groupDigits(uint64_t(MaxParams)) + " (" +
                        budgetSource(B.Parameters, Cfg) +
                        "); a smaller or distilled model costs less energy "
                        "on every call");
    if (M.WeightBytes && *M.WeightBytes > MaxBytes)
      report(M.Loc, Name + " holds " + estimate::formatBytes(*M.WeightBytes) +
                        " of weights at " + M.Dtype + ", over the budget of " +
                        estimate::formatBytes(MaxBytes) + " (" +
                        budgetSource(B.WeightBytes, Cfg) +
                        "); every call streams them from memory");
    if (M.JoulesPerCall && *M.JoulesPerCall > MaxJoules)
      report(M.Loc, Name + " costs about " +
                        estimate::formatJoules(*M.JoulesPerCall) +
                        " per call on " + M.Profile + ", over the budget of " +
                        estimate::formatJoules(MaxJoules) + " (" +
                        budgetSource(B.JoulesPerCall, Cfg) + "; modelled: " +
                        M.EnergyModel + ")");
  }
}

} // namespace greenlint
