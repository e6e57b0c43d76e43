//===- ModelEstimate.h - What greenlint knows of one model's size --------===//
//
// Filled by the framework readers from constant constructor arguments; a
// figure greenlint cannot derive stays unset and `Unknown` says why. The
// JSON shape is the facts file's "estimates" entry (docs/facts-format.md).
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_MODELESTIMATE_H
#define GREENLINT_RULES_ESTIMATE_MODELESTIMATE_H

#include "clang/Basic/SourceLocation.h"
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class Decl;
class SourceManager;
} // namespace clang

namespace greenlint {
namespace estimate {

struct LayerEstimate {
  std::string Name, Kind;
  std::optional<uint64_t> Parameters;
  std::optional<double> Flops;
};

struct ModelEstimate {
  std::string Model, Framework, File;
  unsigned Line = 0;
  clang::SourceLocation Loc;
  /// What the model's dtype conversions are keyed on: its class, or the
  /// variable holding a Sequential.
  const clang::Decl *Key = nullptr;

  std::optional<uint64_t> Parameters;
  std::string Dtype = "float32";
  double BytesPerParameter = 4;
  /// The dtype the arithmetic runs in, when not Dtype (quantised weights
  /// are expanded to float16 for the matrix products).
  std::string ComputeDtype;
  std::optional<double> WeightBytes;
  std::optional<double> FlopsPerSample;
  std::string FlopsBasis;
  std::optional<double> JoulesPerCall;
  std::string Profile, EnergyModel;
  std::vector<std::string> Unknown;
  std::vector<LayerEstimate> Layers;
  /// True for models defined in the code (layers in constructors), which
  /// greenlint's default budgets cover; models loaded from files face
  /// only the budgets a config sets.
  bool DefinedInCode = false;
  /// One line for models without a parameter count (tree ensembles).
  std::string Description;
  /// Extra facts a framework knows (trees, quantisation type, ...).
  nlohmann::ordered_json Details = nlohmann::ordered_json::object();

  /// Sets Loc, and File and Line as the user sees them (macro expansions
  /// at their use).
  void setLocation(clang::SourceLocation L, const clang::SourceManager &SM);
  nlohmann::ordered_json toJson() const;
  /// One line for a remark: the figures and how they were obtained.
  std::string summary() const;
};

/// "101,770"
std::string groupDigits(uint64_t N);
/// "8 billion", "350 million"
std::string formatNumber(double N);
/// "407 kB", "1.2 GB" (decimal units)
std::string formatBytes(double Bytes);
/// "2.1 mJ", "3.4 J"
std::string formatJoules(double J);
/// "203 kFLOP", "2.4 GFLOP"
std::string formatFlops(double F);

} // namespace estimate
} // namespace greenlint

#endif
