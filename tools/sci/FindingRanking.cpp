//===- FindingRanking.cpp - Findings ordered by their region's energy -----===//
#include "FindingRanking.h"

#include <algorithm>
#include <limits>
#include <vector>

namespace greenlint {

using nlohmann::json;

namespace {

struct RegionEnergy {
  double Joules = 0, MeasuredJ = 0, ModelledJ = 0;
};

double number(const json &Obj, const char *Key) {
  auto It = Obj.find(Key);
  return It != Obj.end() && It->is_number() ? It->get<double>() : 0;
}

/// The innermost planned region of \p File whose lines hold \p Line. A region
/// from facts of an older plugin has no end line and holds no finding.
const std::string *regionAt(const std::map<std::string, SourceSite> &Sites,
                            const std::string &File, int64_t Line) {
  const std::string *Best = nullptr;
  int64_t BestSpan = std::numeric_limits<int64_t>::max();
  for (const auto &[Name, S] : Sites) {
    if (S.File != File || S.EndLine < S.Line || Line < S.Line ||
        Line > S.EndLine)
      continue;
    int64_t Span = int64_t(S.EndLine) - S.Line;
    if (Span < BestSpan) {
      Best = &Name;
      BestSpan = Span;
    }
  }
  return Best;
}

/// Whether \p File has a region from facts of an older plugin, whose end
/// line is unknown: a finding there cannot be placed.
bool hasOpenRegion(const std::map<std::string, SourceSite> &Sites,
                   const std::string &File) {
  for (const auto &[Name, S] : Sites)
    if (S.File == File && S.EndLine == 0)
      return true;
  return false;
}

const char *sourceOf(const RegionEnergy &E) {
  if (E.MeasuredJ > 0 && E.ModelledJ > 0)
    return "measured and modelled";
  return E.MeasuredJ > 0 ? "measured" : "modelled";
}

} // namespace

json rankFindings(const json &Findings,
                  const std::map<std::string, SourceSite> &Sites,
                  const json &Rows) {
  // A region has a row per functional unit, all with the same energy.
  std::map<std::string, RegionEnergy> Energy;
  double ProcessJ = 0;
  for (const json &R : Rows) {
    const json &E = R["energy"];
    RegionEnergy Sum{number(E, "cpu_j") + number(E, "dram_j") +
                         number(E, "gpu_j"),
                     number(E, "measured_j"), number(E, "modelled_j")};
    if (R.value("scope", "") == "total")
      ProcessJ = Sum.Joules;
    else if (R.value("scope", "") == "region")
      Energy.emplace(R.value("name", ""), Sum);
  }
  struct Ranked {
    json Finding;
    double Joules;
    bool InRegion;
    size_t Order; // source order, for ties
  };
  std::vector<Ranked> List;
  for (const json &F : Findings) {
    json Out = F;
    const std::string *Region =
        regionAt(Sites, F.value("file", ""), F.value("line", int64_t(0)));
    auto It = Region ? Energy.find(*Region) : Energy.end();
    if (It == Energy.end()) {
      Out["region"] = Region ? json(*Region) : json(nullptr);
      Out["region_energy_j"] = nullptr;
      Out["process_share"] = nullptr;
      Out["why_unranked"] =
          Region ? "its region did not run in these ledgers"
          : hasOpenRegion(Sites, F.value("file", ""))
              ? "facts of an older plugin give no region end lines; rebuild "
                "with this plugin to place it"
              : "not inside an instrumented region";
      List.push_back({Out, 0, false, List.size()});
      continue;
    }
    Out["region"] = *Region;
    Out["region_energy_j"] = It->second.Joules;
    Out["process_share"] =
        ProcessJ > 0 ? json(It->second.Joules / ProcessJ) : json(nullptr);
    Out["energy_source"] = sourceOf(It->second);
    List.push_back({Out, It->second.Joules, true, List.size()});
  }
  // Costliest region first; ties and unranked findings in source order (the
  // list comes sorted by file and line).
  std::sort(List.begin(), List.end(), [](const Ranked &A, const Ranked &B) {
    if (A.InRegion != B.InRegion)
      return A.InRegion;
    if (A.Joules != B.Joules)
      return A.Joules > B.Joules;
    return A.Order < B.Order;
  });
  json Out = json::array();
  for (Ranked &R : List)
    Out.push_back(std::move(R.Finding));
  return Out;
}

} // namespace greenlint
