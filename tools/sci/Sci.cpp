//===- Sci.cpp - SCI = (E*I + M) per R, term by term ----------------------===//
#include "Sci.h"

#include <algorithm>

namespace greenlint {

DomainProvenance domainProvenance(const std::vector<LedgerMeter> &Meters) {
  DomainProvenance P;
  bool CpuModel = false, DramModel = false, GpuModel = false;
  for (const LedgerMeter &M : Meters) {
    for (const std::string &D : M.Domains) {
      bool &Covered = D == "cpu"    ? P.CpuCovered
                      : D == "dram" ? P.DramCovered
                                    : P.GpuCovered;
      bool &Model = D == "cpu" ? CpuModel : D == "dram" ? DramModel : GpuModel;
      Covered = true;
      Model = Model || !M.Measured;
    }
  }
  P.CpuMeasured = P.CpuCovered && !CpuModel;
  P.DramMeasured = P.DramCovered && !DramModel;
  P.GpuMeasured = P.GpuCovered && !GpuModel;
  return P;
}

double embodiedShareG(double TotalEmbodiedG, double TimeReservedS,
                      double LifespanS, double ResourcesReserved,
                      double TotalResources) {
  if (LifespanS <= 0 || TotalResources <= 0)
    return 0;
  return TotalEmbodiedG * (TimeReservedS / LifespanS) *
         (ResourcesReserved / TotalResources);
}

CarbonTerms &CarbonTerms::operator+=(const CarbonTerms &O) {
  ItEnergyJ += O.ItEnergyJ;
  MeasuredJ += O.MeasuredJ;
  ModelledJ += O.ModelledJ;
  Pue = O.Pue;
  EnergyKWh += O.EnergyKWh;
  IntensityGPerKWh = O.IntensityGPerKWh;
  OperationalG += O.OperationalG;
  EmbodiedTotalG = O.EmbodiedTotalG;
  LifespanS = O.LifespanS;
  TotalResources = O.TotalResources;
  double ReservedTime =
      ResourcesReserved * TimeReservedS + O.ResourcesReserved * O.TimeReservedS;
  TimeReservedS += O.TimeReservedS;
  ResourcesReserved = TimeReservedS > 0 ? ReservedTime / TimeReservedS : 0;
  EmbodiedG += O.EmbodiedG;
  CarbonG += O.CarbonG;
  CpuS += O.CpuS;
  return *this;
}

CarbonTerms carbonOf(const DomainEnergy &Energy, const DomainProvenance &Prov,
                     double CpuS, double RunWallS, double RunCpuS,
                     const Methodology &M) {
  CarbonTerms T;
  T.ItEnergyJ = Energy;
  T.CpuS = CpuS;
  T.MeasuredJ = (Prov.CpuMeasured ? Energy.Cpu : 0) +
                (Prov.DramMeasured ? Energy.Dram : 0) +
                (Prov.GpuMeasured ? Energy.Gpu : 0);
  T.ModelledJ = Energy.total() - T.MeasuredJ;
  T.Pue = M.Pue;
  T.EnergyKWh = Energy.total() / JoulesPerKWh * M.Pue;
  T.IntensityGPerKWh = M.IntensityGPerKWh;
  T.OperationalG = T.EnergyKWh * M.IntensityGPerKWh;

  T.EmbodiedTotalG = M.EmbodiedG;
  T.TimeReservedS = RunWallS;
  T.LifespanS = M.LifespanYears * SecondsPerYear;
  T.TotalResources = M.TotalThreads;
  if (M.ReservedThreads > 0)
    T.ResourcesReserved =
        RunCpuS > 0 ? M.ReservedThreads * std::min(1.0, CpuS / RunCpuS) : 0;
  else
    T.ResourcesReserved = RunWallS > 0 ? CpuS / RunWallS : 0;
  T.EmbodiedG = embodiedShareG(T.EmbodiedTotalG, T.TimeReservedS, T.LifespanS,
                               T.ResourcesReserved, T.TotalResources);
  T.CarbonG = T.OperationalG + T.EmbodiedG;
  return T;
}

static bool unitIn(const std::string &Unit,
                   std::initializer_list<const char *> Names) {
  for (const char *N : Names)
    if (Unit == N || Unit == std::string(N) + "s")
      return true;
  return false;
}

std::string sciSide(const std::string &Region, const std::string &Unit) {
  if (Region.rfind("infer:", 0) == 0)
    return "consumer";
  if (Region.rfind("train:", 0) == 0)
    return "provider";
  if (unitIn(Unit, {"inference", "token", "request"}))
    return "consumer";
  if (unitIn(Unit, {"step", "epoch"}))
    return "provider";
  return "";
}

} // namespace greenlint
