//===- EnergyModel.cpp ----------------------------------------------------===//
#include "greenlint/estimate/EnergyModel.h"
#include "greenlint/data/Profile.h"
#include <cstdio>

namespace greenlint {
namespace estimate {

std::string peakKeyForDtype(const std::string &Dtype) {
  if (Dtype == "float64")
    return "fp64";
  if (Dtype == "float16")
    return "fp16";
  if (Dtype == "bfloat16")
    return "bf16";
  if (Dtype == "int8")
    return "int8";
  return "fp32";
}

CallEnergy joulesPerCall(double Flops, double WeightBytes,
                         const std::string &Dtype,
                         const data::HardwareProfile &P) {
  CallEnergy E;
  std::string Key = peakKeyForDtype(Dtype);
  auto Peak = P.PeakFlops.find(Key);
  double PowerW = P.MaxW > 0 ? P.MaxW : P.TdpW;
  if (Peak == P.PeakFlops.end() || Peak->second <= 0) {
    E.Explanation = "profile " + P.Id + " (" + P.File + ") has no " + Key +
                    " peak throughput; add performance.peak_tflops." + Key +
                    " or choose another profile";
    return E;
  }
  if (P.MemBandwidthGBs <= 0 || PowerW <= 0) {
    E.Explanation = "profile " + P.Id + " (" + P.File +
                    ") lacks memory bandwidth or maximum power";
    return E;
  }
  double ComputeS = Flops / (Peak->second * ComputeEfficiency);
  double MemoryS = WeightBytes / (P.MemBandwidthGBs * 1e9 * MemoryEfficiency);
  E.Joules = PowerW * (ComputeS + MemoryS);
  char Buf[320];
  std::snprintf(Buf, sizeof(Buf),
                "%g W x (FLOPs / (%g T%s/s x %g) + weight bytes / (%g GB/s x "
                "%g)), profile %s",
                PowerW, Peak->second / 1e12, Key == "int8" ? "OP" : "FLOP",
                ComputeEfficiency, P.MemBandwidthGBs, MemoryEfficiency,
                P.Id.c_str());
  E.Explanation = Buf;
  for (const data::FigureSource &S : P.Sources)
    if (S.Group == "performance" && !S.Text.empty())
      E.Explanation += " (performance figures: " + S.Text +
                       (S.Year ? ", " + std::to_string(S.Year) : "") + ")";
  return E;
}

} // namespace estimate
} // namespace greenlint
