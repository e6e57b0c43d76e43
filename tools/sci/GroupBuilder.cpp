//===- GroupBuilder.cpp - SCI rows of one group of ledgers ----------------===//
#include "GroupBuilder.h"

#include <set>

namespace greenlint {

using nlohmann::json;

namespace {

std::string rowKey(const std::string &Scope, const std::string &Name,
                   const std::string &Unit) {
  return Scope + ":" + Name + "/" + Unit;
}

/// A region's side: its phase prefix, else the side all its units agree on.
std::string regionSide(const std::string &Name,
                       const std::map<std::string, double> &Units) {
  std::string Side = sciSide(Name, "");
  if (!Side.empty())
    return Side;
  std::set<std::string> Sides;
  for (const auto &[Unit, N] : Units)
    Sides.insert(sciSide(Name, Unit));
  return Sides.size() == 1 ? *Sides.begin() : std::string();
}

} // namespace

void GroupBuilder::addLedger(const Ledger &L) {
  DomainProvenance Prov = domainProvenance(L.Meters);
  ++Runs;
  // The whole process, per run.
  addRun(row("total", "(process)", "", "run"), L.Energy, Prov, L.CpuS, L, 1, 0);

  std::map<std::string, RowAcc *> RunRows; // rows touched by this ledger
  // Regions, inclusive: the cost of the hot path with its callees.
  for (const auto &[Name, R] : L.Regions) {
    std::string Side = regionSide(Name, R.Units);
    const RegionFigures &Figures = R;
    auto AddParts = [&Figures](RowAcc &A) -> RowAcc & {
      A.SelfJ += Figures.SelfEnergy;
      A.DispatchedJ += Figures.DispatchedEnergy;
      return A;
    };
    if (R.Units.empty()) {
      addRun(AddParts(row("region", Name, Side, "call")), R.Energy, Prov,
             R.CpuS, L, static_cast<double>(R.Calls), R.Calls);
    } else {
      for (const auto &[Unit, N] : R.Units)
        addRun(AddParts(row("region", Name, Side, Unit)), R.Energy, Prov,
               R.CpuS, L, N, R.Calls);
    }
  }
  // Sides, from self figures so a region nested in another is counted
  // once, on its own side: training never leaks into the consumer score.
  std::map<std::string, DomainEnergy> SideEnergy;
  std::map<std::string, double> SideCpu;
  std::map<std::string, std::map<std::string, double>> SideUnits;
  for (const auto &[Name, R] : L.Regions) {
    std::string Side = regionSide(Name, R.Units);
    if (Side.empty())
      continue;
    SideEnergy[Side] += R.SelfEnergy;
    SideCpu[Side] += R.SelfCpuS;
    for (const auto &[Unit, N] : R.Units)
      SideUnits[Side][Unit] += N;
  }
  for (const auto &[Side, Units] : SideUnits)
    for (const auto &[Unit, N] : Units)
      addRun(row(Side, Side, Side, Unit), SideEnergy[Side], Prov, SideCpu[Side],
             L, N, 0);

  // Interval clusters for the significance of a single run.
  for (const LedgerRecord &Rec : L.Records) {
    std::map<std::string, DomainEnergy> RecSideEnergy;
    std::map<std::string, double> RecSideCpu;
    std::map<std::string, std::map<std::string, double>> RecSideUnits;
    for (const auto &[Name, R] : Rec.Regions) {
      auto Whole = L.Regions.find(Name);
      std::string Side = regionSide(Name, Whole->second.Units);
      double C =
          carbonOf(R.Energy, Prov, R.CpuS, Rec.WallS, Rec.CpuS, M).CarbonG;
      if (Whole->second.Units.empty()) {
        addInterval("region", Name, "call", C, static_cast<double>(R.Calls));
      } else {
        for (const auto &[Unit, N] : Whole->second.Units) {
          auto U = R.Units.find(Unit);
          addInterval("region", Name, Unit, C,
                      U == R.Units.end() ? 0 : U->second);
        }
      }
      if (!Side.empty()) {
        RecSideEnergy[Side] += R.SelfEnergy;
        RecSideCpu[Side] += R.SelfCpuS;
        for (const auto &[Unit, N] : R.Units)
          RecSideUnits[Side][Unit] += N;
      }
    }
    for (const auto &[Side, Units] : SideUnits) {
      double C = carbonOf(RecSideEnergy[Side], Prov, RecSideCpu[Side],
                          Rec.WallS, Rec.CpuS, M)
                     .CarbonG;
      for (const auto &[Unit, N] : Units)
        addInterval(Side, Side, Unit, C, RecSideUnits[Side][Unit]);
    }
  }
}

json GroupBuilder::toJson(
    const std::map<std::string, SourceSite> &Sites) const {
  json Rows = json::array();
  // Total first, then consumer and provider scores, then regions.
  static const char *Order[] = {"total", "consumer", "provider", "region"};
  for (const char *Scope : Order)
    for (const auto &[Key, A] : Accumulators)
      if (A.Scope == Scope)
        Rows.push_back(rowJson(Key, A, Sites));
  return Rows;
}

GroupBuilder::RowAcc &GroupBuilder::row(const std::string &Scope,
                                        const std::string &Name,
                                        const std::string &Side,
                                        const std::string &Unit) {
  RowAcc &A = Accumulators[rowKey(Scope, Name, Unit)];
  if (A.Scope.empty()) {
    A.Scope = Scope;
    A.Name = Name;
    A.Side = Side;
    A.Unit = Unit;
    A.WhatIfCarbonG.assign(WhatIf.size(), 0);
  }
  return A;
}

void GroupBuilder::addRun(RowAcc &A, const DomainEnergy &E,
                          const DomainProvenance &Prov, double CpuS,
                          const Ledger &L, double Units, uint64_t Calls) {
  CarbonTerms T = carbonOf(E, Prov, CpuS, L.WallS, L.CpuS, M);
  A.Terms += T;
  A.Units += Units;
  A.Calls += Calls;
  A.Runs.push_back({T.CarbonG, Units});
  for (size_t I = 0; I < WhatIf.size(); ++I)
    A.WhatIfCarbonG[I] +=
        carbonOf(E, Prov, CpuS, L.WallS, L.CpuS, WhatIf[I]).CarbonG;
}

void GroupBuilder::addInterval(const std::string &Scope,
                               const std::string &Name, const std::string &Unit,
                               double CarbonG, double Units) {
  auto It = Accumulators.find(rowKey(Scope, Name, Unit));
  if (It != Accumulators.end())
    It->second.Intervals.push_back({CarbonG, Units});
}

json GroupBuilder::rowJson(
    const std::string &Key, const RowAcc &A,
    const std::map<std::string, SourceSite> &Sites) const {
  const CarbonTerms &T = A.Terms;
  json R;
  R["key"] = Key;
  R["scope"] = A.Scope;
  R["name"] = A.Name;
  R["side"] = A.Side;
  R["unit"] = A.Unit;
  R["units"] = A.Units;
  if (A.Scope == "region")
    R["calls"] = A.Calls;
  R["energy"] = {{"cpu_j", T.ItEnergyJ.Cpu},
                 {"dram_j", T.ItEnergyJ.Dram},
                 {"gpu_j", T.ItEnergyJ.Gpu},
                 {"measured_j", T.MeasuredJ},
                 {"modelled_j", T.ModelledJ},
                 {"it_kwh", T.ItEnergyJ.total() / JoulesPerKWh},
                 {"pue", T.Pue},
                 {"kwh", T.EnergyKWh}};
  if (A.Scope == "region") {
    // IT joules, before PUE: where the region's own energy came from.
    R["energy"]["self_j"] = A.SelfJ.total();
    R["energy"]["dispatched_j"] = A.DispatchedJ.total();
  }
  R["intensity_gco2e_per_kwh"] = T.IntensityGPerKWh;
  R["operational_g"] = T.OperationalG;
  // Measured joules are exact here; only the modelled share gets the spread.
  // The same factors scale E x I (the grid's own spread is not known).
  if (!M.SpreadBasis.empty() && T.ModelledJ > 0) {
    double ItJ = T.MeasuredJ + T.ModelledJ;
    double Low = (T.MeasuredJ + T.ModelledJ * M.SpreadLow) / ItJ;
    double High = (T.MeasuredJ + T.ModelledJ * M.SpreadHigh) / ItJ;
    R["energy"]["low_kwh"] = T.EnergyKWh * Low;
    R["energy"]["high_kwh"] = T.EnergyKWh * High;
    R["operational_range_g"] = {{"low", T.OperationalG * Low},
                                {"high", T.OperationalG * High}};
    // SCI per R with E*I at its range and M as it is (M is not ranged).
    if (A.Units > 0)
      R["sci_range"] = {
          {"low", (T.OperationalG * Low + T.EmbodiedG) / A.Units},
          {"high", (T.OperationalG * High + T.EmbodiedG) / A.Units}};
  }
  R["energy"]["range"] = T.ModelledJ <= 0        ? "measured"
                         : M.SpreadBasis.empty() ? "not known"
                                                 : "modelled";
  R["embodied"] = {{"te_g", T.EmbodiedTotalG}, {"tir_s", T.TimeReservedS},
                   {"el_s", T.LifespanS},      {"rr", T.ResourcesReserved},
                   {"tor", T.TotalResources},  {"m_g", T.EmbodiedG}};
  R["carbon_g"] = T.CarbonG;
  R["sci"] = A.Units > 0 ? json(T.CarbonG / A.Units) : json(nullptr);
  R["sci_unit"] = "gCO2e/" + A.Unit;
  json Runs = json::array();
  for (const RatioObservation &O : A.Runs)
    Runs.push_back({{"carbon_g", O.Numerator}, {"units", O.Denominator}});
  R["runs"] = Runs;
  RatioEstimate E = ratioEstimate(A.Intervals);
  R["intervals"] = {{"n", E.N}, {"sci", E.Value}, {"se", E.StdError}};
  if (A.Scope == "region")
    if (auto S = Sites.find(A.Name); S != Sites.end())
      R["source"] = {{"file", S->second.File},
                     {"line", S->second.Line},
                     {"framework", S->second.Framework}};
  json WhatIfJ = json::array();
  for (double C : A.WhatIfCarbonG)
    WhatIfJ.push_back(A.Units > 0 ? json(C / A.Units) : json(nullptr));
  if (!WhatIf.empty())
    R["what_if_sci"] = WhatIfJ;
  return R;
}

} // namespace greenlint
