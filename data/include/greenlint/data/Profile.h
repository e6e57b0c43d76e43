//===- Profile.h - Hardware profiles for modelled energy ---------*- C++
//-*-===//
//
// A hardware profile describes one CPU or GPU part: its power curve, size,
// embodied carbon and peak throughput, each figure with its source and year
// (runtime/data/profiles/*.yaml, format in docs/profiles.md). The model meter
// turns utilisation into watts with it, and SCI's M term uses its embodied
// carbon. Detection never falls back silently: it always explains its choice.
//
//===----------------------------------------------------------------------===//

#ifndef GREENLINT_DATA_PROFILE_H
#define GREENLINT_DATA_PROFILE_H

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace greenlint {
namespace data {

/// Where one group of figures in a profile comes from.
struct FigureSource {
  std::string Group; // "power", "topology", "embodied", "performance"
  std::string Text;
  int Year = 0;
};

struct HardwareProfile {
  std::string Id, Name, Kind, Vendor; // Kind: "cpu" or "gpu"
  bool Generic = false;
  double TdpW = 0, IdleW = 0, MaxW = 0;
  /// Utilisation in [0, 1] -> watts, sorted by utilisation.
  std::vector<std::pair<double, double>> Curve;
  int Cores = 0, Threads = 0;
  double EmbodiedKgCO2e = 0, LifespanYears = 0;
  /// Peak throughput in FLOP/s (OP/s for integer types) by dtype: "fp64",
  /// "fp32", "tf32", "fp16", "bf16", "fp8", "int8", "fp64_tensor".
  std::map<std::string, double> PeakFlops;
  double MemBandwidthGBs = 0;
  /// The power figures' source and year: what a modelled number cites.
  std::string Source;
  int Year = 0;
  /// Every group's source, for reports that show full provenance.
  std::vector<FigureSource> Sources;
  /// Detection patterns: substrings, "re:<regex>", or "cpu-part:<impl>:<part>".
  std::vector<std::string> Match;
  /// The file the profile came from, as messages name it.
  std::string File;

  /// Watts at utilisation \p U (clamped to [0, 1]), interpolated linearly
  /// between the curve's points.
  double powerAtUtilisation(double U) const;
};

/// Loads a profile by id ("amd-epyc-7b13") or from a YAML path (anything with
/// a '/' or ending in .yaml/.yml). On failure \p Error reads
/// "greenlint: <file>:<line>:<col>: <what is wrong>; <what to do>".
bool loadProfile(const std::string &IdOrPath, HardwareProfile &Out,
                 std::string &Error);

/// Picks the CPU profile for a /proc/cpuinfo text (or a bare brand string
/// such as macOS's "Apple M2 Pro"). An unknown part gets its vendor's generic
/// profile scaled to the logical CPUs found; \p Note always says which
/// profile was chosen and why.
HardwareProfile detectCpuProfile(const std::string &CpuinfoText,
                                 std::string &Note);

/// Picks the GPU profile for an NVML device name ("NVIDIA A100-SXM4-80GB");
/// unknown parts get generic-gpu-nvidia. \p Note always explains the choice.
HardwareProfile detectGpuProfile(const std::string &NvmlName,
                                 std::string &Note);

/// Every profile id, sorted; files that fail to load are left out (loading
/// them by id reports why).
std::vector<std::string> listProfileIds();

} // namespace data
} // namespace greenlint

#endif // GREENLINT_DATA_PROFILE_H
