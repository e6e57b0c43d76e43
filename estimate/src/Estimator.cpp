//===- Estimator.cpp ------------------------------------------------------===//
#include "greenlint/estimate/Estimator.h"
#include "Readers.h"
#include "greenlint/data/Profile.h"
#include "greenlint/estimate/EnergyModel.h"

namespace greenlint {
namespace estimate {

void completeEstimate(ModelEstimate &M, const data::HardwareProfile *Target) {
  // A zero size per parameter means the weight type's size is unknown.
  if (M.Parameters && !M.WeightBytes && M.BytesPerParameter > 0)
    M.WeightBytes = double(*M.Parameters) * M.BytesPerParameter;
  if (!Target) {
    M.EnergyModel = "no target profile: set profile: in .greenlint.yaml or "
                    "-fplugin-arg-greenlint-profile=<id> (docs/profiles.md "
                    "lists them)";
    return;
  }
  M.Profile = Target->Id;
  if (!M.FlopsPerSample || !M.WeightBytes) {
    M.EnergyModel = "not modelled: the model's FLOPs or size are unknown";
    return;
  }
  CallEnergy E =
      joulesPerCall(*M.FlopsPerSample, *M.WeightBytes,
                    M.ComputeDtype.empty() ? M.Dtype : M.ComputeDtype, *Target);
  M.JoulesPerCall = E.Joules;
  M.EnergyModel = E.Explanation;
  if (!E.Joules)
    M.Unknown.push_back("joules per call: " + E.Explanation);
}

std::vector<ModelEstimate>
estimateModels(clang::ASTContext &Ctx,
               const std::vector<clang::Decl *> &UserDecls, const ApiModel &Api,
               const data::HardwareProfile *Target) {
  std::vector<ModelEstimate> Models = readTorchModels(Ctx, UserDecls, Api);
  for (ModelEstimate &M : readLlamaModels(Ctx, UserDecls, Api))
    Models.push_back(std::move(M));
  for (ModelEstimate &M : readDlibNets(Ctx, UserDecls, Api))
    Models.push_back(std::move(M));
  for (ModelEstimate &M : readBoosters(Ctx, UserDecls, Api))
    Models.push_back(std::move(M));
  for (ModelEstimate &M : Models)
    completeEstimate(M, Target);
  return Models;
}

} // namespace estimate
} // namespace greenlint
