//===- EnergyModel.h - Joules per forward call from a hardware profile ----===//
//
// A roofline-style model (docs/estimates.md): a call costs the profile's
// maximum power for the time its arithmetic takes at a fixed fraction of
// peak FLOP/s plus the time its weights take to stream from memory at a
// fixed fraction of peak bandwidth. The two times are added, not
// overlapped, so the figure leans high; it is an order of magnitude for
// comparing models and budgets, not a measurement.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_ENERGYMODEL_H
#define GREENLINT_RULES_ESTIMATE_ENERGYMODEL_H

#include <optional>
#include <string>

namespace greenlint {
namespace data {
struct HardwareProfile;
} // namespace data
namespace estimate {

/// Fractions of peak a dense forward call reaches (docs/estimates.md).
inline constexpr double ComputeEfficiency = 0.5;
inline constexpr double MemoryEfficiency = 0.8;

struct CallEnergy {
  std::optional<double> Joules;
  /// How Joules was obtained, with the profile's figures and sources; or
  /// why it could not be.
  std::string Explanation;
};

/// The profile's peak-throughput key for a weight dtype ("float16" ->
/// "fp16").
std::string peakKeyForDtype(const std::string &Dtype);

CallEnergy joulesPerCall(double Flops, double WeightBytes,
                         const std::string &Dtype,
                         const data::HardwareProfile &Profile);

} // namespace estimate
} // namespace greenlint

#endif
