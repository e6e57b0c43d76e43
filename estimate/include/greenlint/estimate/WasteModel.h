//===- WasteModel.h - Joules a finding wastes, from static estimates ------===//
//
// Where a rule's waste follows from what greenlint already knows (a model's
// weight bytes, its joules per call on the target profile, the trip count of
// the loop around the finding) the finding carries it: joules per occurrence
// and per loop, each a range from the factors in runtime/data/waste.yaml,
// with how it was obtained. Otherwise the figure is unknown and says why;
// nothing is guessed. Formulas: docs/rules/<id>.md, "Waste estimate".
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_ESTIMATE_WASTEMODEL_H
#define GREENLINT_ESTIMATE_WASTEMODEL_H

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace greenlint {
namespace data {
struct HardwareProfile;
} // namespace data
namespace estimate {

struct JouleRange {
  double Low = 0, Typical = 0, High = 0;
  JouleRange scaled(double K) const { return {Low * K, Typical * K, High * K}; }
};

struct FindingWaste {
  /// What one occurrence is, as the note says it: "reload", "forward".
  std::string Occurrence;
  std::optional<JouleRange> PerOccurrence;
  /// How PerOccurrence was obtained (set when it is known).
  std::string Basis;
  /// Why PerOccurrence is unknown (set when it is not).
  std::string Unknown;
  std::string Profile;

  /// The loop around the finding: its trip count when known, else why not.
  bool InLoop = false;
  std::optional<uint64_t> LoopTrips;
  std::string LoopUnknown;
  /// Occurrences per loop that the fix keeps (a load hoisted out of the loop
  /// still runs once): the loop wastes LoopTrips - KeptPerLoop of them.
  uint64_t KeptPerLoop = 0;

  std::optional<JouleRange> perLoop() const;
  /// The facts file's, SARIF's and JSON's "waste" object
  /// (docs/facts-format.md).
  nlohmann::ordered_json toJson() const;
  /// The inverse of toJson, for what greenlint wrote earlier (result cache
  /// entries, shard reports given to `check --merge`): toJson of the result
  /// is \p J again. Unset, with \p Error naming the JSON pointer of the
  /// first field that is missing or of the wrong type, otherwise.
  static std::optional<FindingWaste> fromJson(const nlohmann::ordered_json &J,
                                              std::string &Error);
  /// The note on the diagnostic, after "greenlint waste estimate: ".
  std::string noteText() const;
};

/// Joules to move one byte through memory on \p P: the memory term of the
/// roofline model of docs/estimates.md, P_max / (bandwidth x 0.8). Unset,
/// with \p Why, when the profile lacks either figure.
std::optional<double> memoryJoulesPerByte(const data::HardwareProfile &P,
                                          std::string &Why);

/// One model reload: \p WeightBytes moved through memory as many times as
/// waste.yaml's model-reload-memory-passes says. \p BytesBasis says where
/// the byte count came from. A null \p Target leaves it unknown.
FindingWaste reloadWaste(double WeightBytes, const std::string &BytesBasis,
                         const data::HardwareProfile *Target);

/// Zero-filled gradients: \p GradientBytes moved through memory as many
/// more times per training step as waste.yaml's zero-grad-memory-passes
/// says (the fill, and the backward's in-place add instead of taking the
/// new gradient as it is). A null \p Target leaves it unknown.
FindingWaste zeroFillWaste(double GradientBytes, const std::string &BytesBasis,
                           const data::HardwareProfile *Target);

/// Autograd's extra energy on one forward call whose own cost is
/// \p JoulesPerCall (the static estimate), by waste.yaml's
/// autograd-forward-overhead. \p CallBasis says where that cost came from.
FindingWaste autogradWaste(double JoulesPerCall, const std::string &CallBasis,
                           const std::string &ProfileId);

/// A forward call repeated for nothing: the whole \p JoulesPerCall, a point
/// figure (the roofline model gives no range).
FindingWaste repeatedCallWaste(double JoulesPerCall,
                               const std::string &CallBasis,
                               const std::string &ProfileId);

/// An unknown figure: \p Occurrence names what one occurrence is, \p Why
/// why its joules are not known.
FindingWaste unknownWaste(const std::string &Occurrence,
                          const std::string &Why);

} // namespace estimate
} // namespace greenlint

#endif
