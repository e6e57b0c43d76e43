//===- ModelOversized.cpp -------------------------------------------------===//
#include "ModelOversized.h"
#include "../RuleContext.h"
#include "greenlint/estimate/EstimateRoles.h"
#include <limits>

namespace greenlint {

const RuleInfo ModelOversized::Info = {
    "model-oversized",
    "model",
    "a model defined in code exceeds the parameter, weight-size or "
    "joules-per-call budget",
    /*DefaultOn=*/true,
    {},
    makeRule<ModelOversized>,
    estimate::estimateRoles()};

namespace {
std::string budgetText(const std::string &Limit,
                       const std::optional<double> &Configured,
                       const Config &Cfg) {
  return "budget " + Limit +
         (Configured ? " in " + Cfg.SourcePath
                     : std::string(", greenlint's default"));
}
} // namespace

std::vector<std::string>
ModelOversized::overruns(const estimate::ModelEstimate &M, const Config &Cfg) {
  const Budgets &B = Cfg.Budget;
  // Defaults cover models defined in code; a model file's size (a 7B
  // LLM) is a choice the config's own budgets can still question.
  double None = std::numeric_limits<double>::infinity();
  double MaxParams =
      B.Parameters.value_or(M.DefinedInCode ? DefaultParameters : None);
  double MaxBytes =
      B.WeightBytes.value_or(M.DefinedInCode ? DefaultWeightBytes : None);
  double MaxJoules =
      B.JoulesPerCall.value_or(M.DefinedInCode ? DefaultJoulesPerCall : None);
  std::vector<std::string> Over;
  if (M.Parameters && double(*M.Parameters) > MaxParams)
    Over.push_back(estimate::groupDigits(*M.Parameters) + " parameters (" +
                   budgetText(estimate::groupDigits(uint64_t(MaxParams)),
                              B.Parameters, Cfg) +
                   ")");
  if (M.WeightBytes && *M.WeightBytes > MaxBytes)
    Over.push_back(
        estimate::formatBytes(*M.WeightBytes) + " of weights at " + M.Dtype +
        " (" + budgetText(estimate::formatBytes(MaxBytes), B.WeightBytes, Cfg) +
        ")");
  if (M.JoulesPerCall && *M.JoulesPerCall > MaxJoules)
    Over.push_back(
        "about " + estimate::formatJoules(*M.JoulesPerCall) + " per call on " +
        M.Profile + " (" +
        budgetText(estimate::formatJoules(MaxJoules), B.JoulesPerCall, Cfg) +
        "; modelled: " + M.EnergyModel + ")");
  return Over;
}

void ModelOversized::onEndOfTranslationUnit() {
  const Config &Cfg = context().config();
  for (const estimate::ModelEstimate &M : context().modelEstimates()) {
    if (M.Loc.isInvalid())
      continue;
    // One finding per model, naming every budget it exceeds.
    std::vector<std::string> Over = overruns(M, Cfg);
    if (Over.empty())
      continue;
    std::string Message = "model '" + M.Model + "' is over budget: ";
    for (size_t I = 0; I < Over.size(); ++I)
      Message += (I ? ", " : "") + Over[I];
    report(M.Loc, Message + "; a smaller, distilled or quantised model "
                            "costs less energy on every call");
  }
}

} // namespace greenlint
