//===- ModelEstimate.cpp --------------------------------------------------===//
#include "greenlint/estimate/ModelEstimate.h"
#include "clang/Basic/SourceManager.h"
#include <cmath>
#include <cstdio>

namespace greenlint {
namespace estimate {

namespace {
template <typename T> nlohmann::ordered_json orNull(const std::optional<T> &V) {
  return V ? nlohmann::ordered_json(*V) : nlohmann::ordered_json();
}

std::string scaled(double V, const char *const *Prefixes, int Count,
                   const char *Unit, double Step) {
  int I = 0;
  double A = std::fabs(V);
  while (I + 1 < Count && A >= Step) {
    A /= Step;
    V /= Step;
    ++I;
  }
  char Buf[64];
  std::snprintf(Buf, sizeof(Buf),
                A >= 100 || I == 0 ? "%.0f %s%s" : "%.3g %s%s", V, Prefixes[I],
                Unit);
  return Buf;
}
} // namespace

std::string groupDigits(uint64_t N) {
  std::string S = std::to_string(N);
  for (int I = int(S.size()) - 3; I > 0; I -= 3)
    S.insert(size_t(I), ",");
  return S;
}

std::string formatNumber(double N) {
  char Buf[64];
  if (N >= 1e9)
    std::snprintf(Buf, sizeof(Buf), "%g billion", N / 1e9);
  else if (N >= 1e6)
    std::snprintf(Buf, sizeof(Buf), "%g million", N / 1e6);
  else
    std::snprintf(Buf, sizeof(Buf), "%.0f", N);
  return Buf;
}

std::string formatBytes(double Bytes) {
  static const char *const P[] = {"", "k", "M", "G", "T", "P"};
  return scaled(Bytes, P, 6, "B", 1000);
}

std::string formatFlops(double F) {
  static const char *const P[] = {"", "k", "M", "G", "T", "P", "E"};
  return scaled(F, P, 7, "FLOP", 1000);
}

std::string formatJoules(double J) {
  char Buf[64];
  if (J >= 1 || J == 0)
    std::snprintf(Buf, sizeof(Buf), "%.3g J", J);
  else if (J >= 1e-3)
    std::snprintf(Buf, sizeof(Buf), "%.3g mJ", J * 1e3);
  else if (J >= 1e-6)
    std::snprintf(Buf, sizeof(Buf), "%.3g uJ", J * 1e6);
  else
    std::snprintf(Buf, sizeof(Buf), "%.3g nJ", J * 1e9);
  return Buf;
}

void ModelEstimate::setLocation(clang::SourceLocation L,
                                const clang::SourceManager &SM) {
  Loc = L;
  clang::PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
  if (P.isValid()) {
    File = P.getFilename();
    Line = P.getLine();
  }
}

nlohmann::ordered_json ModelEstimate::toJson() const {
  nlohmann::ordered_json J;
  J["model"] = Model;
  J["framework"] = Framework;
  J["file"] = File;
  J["line"] = Line;
  J["parameters"] = orNull(Parameters);
  J["dtype"] = Dtype;
  J["bytes_per_parameter"] = BytesPerParameter;
  J["weight_bytes"] = orNull(WeightBytes);
  J["flops_per_sample"] = orNull(FlopsPerSample);
  J["flops_basis"] = FlopsBasis;
  J["joules_per_call"] = orNull(JoulesPerCall);
  J["profile"] = Profile;
  J["energy_model"] = EnergyModel;
  J["unknown"] = Unknown;
  nlohmann::ordered_json Ls = nlohmann::ordered_json::array();
  for (const LayerEstimate &L : Layers)
    Ls.push_back({{"name", L.Name},
                  {"kind", L.Kind},
                  {"parameters", orNull(L.Parameters)},
                  {"flops", orNull(L.Flops)}});
  J["layers"] = Ls;
  if (!Description.empty())
    J["description"] = Description;
  if (!Details.empty())
    J["details"] = Details;
  return J;
}

std::string ModelEstimate::summary() const {
  std::string S = "model '" + Model + "' (" + Framework + "): ";
  if (!Parameters && !Description.empty()) {
    S += Description;
  } else if (!Parameters) {
    S += "size unknown";
  } else {
    S += groupDigits(*Parameters) + " parameters";
    if (WeightBytes)
      S += ", " + formatBytes(*WeightBytes) + " of weights at " + Dtype;
  }
  if (FlopsPerSample)
    S += ", " + formatFlops(*FlopsPerSample) + " per sample (" + FlopsBasis +
         ")";
  if (JoulesPerCall)
    S += ", " + formatJoules(*JoulesPerCall) + " per call on " + Profile +
         " (modelled: " + EnergyModel + ")";
  if (!Unknown.empty() && Description.empty())
    S += "; not estimated: " + Unknown.front() +
         (Unknown.size() > 1
              ? " (and " + std::to_string(Unknown.size() - 1) + " more)"
              : "");
  return S;
}

} // namespace estimate
} // namespace greenlint
