//===- WasteModel.cpp -----------------------------------------------------===//
#include "greenlint/estimate/WasteModel.h"
#include "greenlint/data/Profile.h"
#include "greenlint/data/WasteFactors.h"
#include "greenlint/estimate/EnergyModel.h"
#include "greenlint/estimate/ModelEstimate.h"
#include <cstdio>

namespace greenlint {
namespace estimate {

namespace {

const char NoProfile[] =
    "no target profile: set profile: in .greenlint.yaml or "
    "-fplugin-arg-greenlint-profile=<id> (docs/profiles.md lists them)";

nlohmann::ordered_json rangeJson(const std::optional<JouleRange> &R) {
  if (!R)
    return nullptr;
  return {{"typical", R->Typical}, {"low", R->Low}, {"high", R->High}};
}

/// "range 1 mJ to 3 mJ" + \p Then, or nothing for a point figure.
std::string rangeText(const JouleRange &R, const char *Then) {
  if (R.Low == R.High)
    return "";
  return "range " + formatJoules(R.Low) + " to " + formatJoules(R.High) + Then;
}

/// "4" or "0.15": the factor as the data file writes it.
std::string factorText(double V) {
  char Buf[32];
  std::snprintf(Buf, sizeof(Buf), "%g", V);
  return Buf;
}

/// The factor's provenance as a figure cites it.
std::string factorSource(const data::WasteFactor &F) {
  return F.File + " " + F.Id + " (" + std::to_string(F.Year) + ")";
}

} // namespace

std::optional<JouleRange> FindingWaste::perLoop() const {
  if (!PerOccurrence || !LoopTrips)
    return std::nullopt;
  uint64_t Wasted = *LoopTrips > KeptPerLoop ? *LoopTrips - KeptPerLoop : 0;
  return PerOccurrence->scaled(double(Wasted));
}

nlohmann::ordered_json FindingWaste::toJson() const {
  nlohmann::ordered_json J;
  J["occurrence"] = Occurrence;
  J["joules_per_occurrence"] = rangeJson(PerOccurrence);
  if (PerOccurrence)
    J["basis"] = Basis;
  else
    J["unknown"] = Unknown;
  J["profile"] = Profile.empty() ? nlohmann::ordered_json(nullptr)
                                 : nlohmann::ordered_json(Profile);
  if (!InLoop)
    return J;
  nlohmann::ordered_json L;
  L["trips"] = LoopTrips ? nlohmann::ordered_json(*LoopTrips)
                         : nlohmann::ordered_json(nullptr);
  L["kept_per_loop"] = KeptPerLoop;
  L["joules_per_loop"] = rangeJson(perLoop());
  if (!perLoop())
    L["unknown"] = !LoopTrips ? LoopUnknown
                              : "the joules per " + Occurrence + " are unknown";
  J["loop"] = std::move(L);
  return J;
}

namespace {

/// Reads toJson's fields; the first one that is missing or of the wrong type
/// sets Error to its JSON pointer.
class WasteReader {
public:
  explicit WasteReader(std::string &Error) : Error(Error) {}

  const nlohmann::ordered_json *field(const nlohmann::ordered_json &Obj,
                                      const std::string &Pointer,
                                      const char *Key) {
    auto It = Obj.find(Key);
    if (It == Obj.end()) {
      fail(Pointer + "/" + Key, "missing");
      return nullptr;
    }
    return &*It;
  }
  bool text(const nlohmann::ordered_json &Obj, const std::string &Pointer,
            const char *Key, std::string &Out) {
    const nlohmann::ordered_json *V = field(Obj, Pointer, Key);
    if (!V || !V->is_string())
      return V && fail(Pointer + "/" + Key, "not a string");
    Out = V->get<std::string>();
    return true;
  }
  bool range(const nlohmann::ordered_json &Obj, const std::string &Pointer,
             const char *Key, std::optional<JouleRange> &Out) {
    const nlohmann::ordered_json *V = field(Obj, Pointer, Key);
    if (!V)
      return false;
    if (V->is_null())
      return true;
    std::string Here = Pointer + "/" + Key;
    if (!V->is_object())
      return fail(Here, "neither null nor an object");
    JouleRange R;
    for (auto [Name, Slot] :
         {std::pair{"typical", &R.Typical}, std::pair{"low", &R.Low},
          std::pair{"high", &R.High}}) {
      const nlohmann::ordered_json *N = field(*V, Here, Name);
      if (!N || !N->is_number())
        return N && fail(Here + "/" + Name, "not a number");
      *Slot = N->get<double>();
    }
    Out = R;
    return true;
  }
  bool fail(const std::string &Pointer, const char *What) {
    if (Error.empty())
      Error = Pointer + ": " + What;
    return false;
  }

private:
  std::string &Error;
};

} // namespace

std::optional<FindingWaste>
FindingWaste::fromJson(const nlohmann::ordered_json &J, std::string &Error) {
  Error.clear();
  WasteReader R(Error);
  FindingWaste W;
  if (!J.is_object()) {
    R.fail("", "not an object");
    return std::nullopt;
  }
  if (!R.text(J, "", "occurrence", W.Occurrence) ||
      !R.range(J, "", "joules_per_occurrence", W.PerOccurrence))
    return std::nullopt;
  if (W.PerOccurrence ? !R.text(J, "", "basis", W.Basis)
                      : !R.text(J, "", "unknown", W.Unknown))
    return std::nullopt;
  const nlohmann::ordered_json *Profile = R.field(J, "", "profile");
  if (!Profile)
    return std::nullopt;
  if (!Profile->is_null() && !Profile->is_string()) {
    R.fail("/profile", "neither null nor a string");
    return std::nullopt;
  }
  if (Profile->is_string())
    W.Profile = Profile->get<std::string>();
  auto Loop = J.find("loop");
  if (Loop == J.end())
    return W;
  if (!Loop->is_object()) {
    R.fail("/loop", "not an object");
    return std::nullopt;
  }
  W.InLoop = true;
  const nlohmann::ordered_json *Trips = R.field(*Loop, "/loop", "trips");
  const nlohmann::ordered_json *Kept =
      Trips ? R.field(*Loop, "/loop", "kept_per_loop") : nullptr;
  if (!Kept)
    return std::nullopt;
  if (!Trips->is_null() && !Trips->is_number_unsigned()) {
    R.fail("/loop/trips", "neither null nor a count");
    return std::nullopt;
  }
  if (!Kept->is_number_unsigned()) {
    R.fail("/loop/kept_per_loop", "not a count");
    return std::nullopt;
  }
  if (Trips->is_number_unsigned())
    W.LoopTrips = Trips->get<uint64_t>();
  W.KeptPerLoop = Kept->get<uint64_t>();
  // Only the reason for an unknown trip count is stored; the other reason
  // toJson writes follows from the fields.
  if (!W.LoopTrips && !R.text(*Loop, "/loop", "unknown", W.LoopUnknown))
    return std::nullopt;
  return W;
}

std::string FindingWaste::noteText() const {
  if (!PerOccurrence)
    return "unknown per " + Occurrence + " (" + Unknown + ")";
  std::string S = "~" + formatJoules(PerOccurrence->Typical) + " per " +
                  Occurrence + " (" + rangeText(*PerOccurrence, "; ") +
                  "modelled: " + Basis + ")";
  if (!InLoop)
    return S;
  std::optional<JouleRange> L = perLoop();
  if (!L || !LoopTrips) {
    S += "; per loop unknown (" + LoopUnknown + ")";
    return S;
  }
  uint64_t Trips = *LoopTrips;
  uint64_t Wasted = Trips > KeptPerLoop ? Trips - KeptPerLoop : 0;
  S += ", ~" + formatJoules(L->Typical) + " per loop of " + groupDigits(Trips) +
       " iterations (" + groupDigits(Wasted) + " " + Occurrence +
       (Wasted == 1 ? "" : "s") + (KeptPerLoop ? " beyond the first" : "");
  std::string Range = rangeText(*L, "");
  S += (Range.empty() ? "" : "; " + Range) + ")";
  return S;
}

std::optional<double> memoryJoulesPerByte(const data::HardwareProfile &P,
                                          std::string &Why) {
  double PowerW = P.MaxW > 0 ? P.MaxW : P.TdpW;
  if (P.MemBandwidthGBs <= 0 || PowerW <= 0) {
    Why = "profile " + P.Id + " (" + P.File +
          ") lacks memory bandwidth or maximum power";
    return std::nullopt;
  }
  return PowerW / (P.MemBandwidthGBs * 1e9 * MemoryEfficiency);
}

FindingWaste unknownWaste(const std::string &Occurrence,
                          const std::string &Why) {
  FindingWaste W;
  W.Occurrence = Occurrence;
  W.Unknown = Why;
  return W;
}

namespace {

/// \p Bytes moved through memory as many times as the waste factor
/// \p PassesId says, per \p Occurrence, at the profile's joules per byte.
FindingWaste memoryPassesWaste(const std::string &Occurrence, double Bytes,
                               const std::string &BytesBasis,
                               const char *PassesId,
                               const data::HardwareProfile *Target) {
  FindingWaste W = unknownWaste(Occurrence, NoProfile);
  if (!Target)
    return W;
  W.Profile = Target->Id;
  std::optional<double> PerByte = memoryJoulesPerByte(*Target, W.Unknown);
  data::WasteFactor Passes;
  if (!PerByte || !data::loadWasteFactor(PassesId, Passes, W.Unknown))
    return W;
  double PerPass = Bytes * *PerByte;
  W.PerOccurrence = JouleRange{PerPass * Passes.Low, PerPass * Passes.Typical,
                               PerPass * Passes.High};
  char Power[160];
  std::snprintf(Power, sizeof(Power), "%g W / (%g GB/s x %g)",
                Target->MaxW > 0 ? Target->MaxW : Target->TdpW,
                Target->MemBandwidthGBs, MemoryEfficiency);
  W.Basis = BytesBasis + " moved through memory " + factorText(Passes.Typical) +
            " times (" + factorText(Passes.Low) + " to " +
            factorText(Passes.High) + ") at " + Power + ", profile " +
            Target->Id + " (" + std::to_string(Target->Year) +
            "); passes: " + factorSource(Passes);
  return W;
}

} // namespace

FindingWaste reloadWaste(double WeightBytes, const std::string &BytesBasis,
                         const data::HardwareProfile *Target) {
  return memoryPassesWaste("reload", WeightBytes, BytesBasis,
                           "model-reload-memory-passes", Target);
}

FindingWaste zeroFillWaste(double GradientBytes, const std::string &BytesBasis,
                           const data::HardwareProfile *Target) {
  return memoryPassesWaste("step", GradientBytes, BytesBasis,
                           "zero-grad-memory-passes", Target);
}

FindingWaste autogradWaste(double JoulesPerCall, const std::string &CallBasis,
                           const std::string &ProfileId) {
  FindingWaste W = unknownWaste("forward", "");
  W.Profile = ProfileId;
  data::WasteFactor Overhead;
  if (!data::loadWasteFactor("autograd-forward-overhead", Overhead, W.Unknown))
    return W;
  W.PerOccurrence =
      JouleRange{JoulesPerCall * Overhead.Low, JoulesPerCall * Overhead.Typical,
                 JoulesPerCall * Overhead.High};
  W.Basis = factorText(Overhead.Typical) + " (" + factorText(Overhead.Low) +
            " to " + factorText(Overhead.High) + ") x " +
            formatJoules(JoulesPerCall) + " per forward of " + CallBasis +
            "; overhead: " + factorSource(Overhead);
  return W;
}

FindingWaste repeatedCallWaste(double JoulesPerCall,
                               const std::string &CallBasis,
                               const std::string &ProfileId) {
  FindingWaste W = unknownWaste("forward", "");
  W.Profile = ProfileId;
  W.PerOccurrence = JouleRange{JoulesPerCall, JoulesPerCall, JoulesPerCall};
  W.Basis = "the roofline estimate of one forward of " + CallBasis +
            " (docs/estimates.md)";
  return W;
}

} // namespace estimate
} // namespace greenlint
