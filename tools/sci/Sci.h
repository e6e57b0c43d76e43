//===- Sci.h - SCI = (E*I + M) per R, term by term --------------*- C++ -*-===//
//
// The arithmetic of ISO/IEC 21031:2024 as docs/sci-methodology.md states it:
// E (kWh) = IT energy x PUE, measured and modelled parts kept apart;
// I (gCO2e/kWh) a location-based grid average; M = TE x (TiR/EL) x (RR/ToR);
// R a functional unit counted at run time. The GSF's SCI for AI decides which
// side (consumer: inference, provider: training) a score belongs to.
//
//===----------------------------------------------------------------------===//

#ifndef GREENLINT_TOOLS_SCI_H
#define GREENLINT_TOOLS_SCI_H

#include "LedgerReader.h"

#include <string>

namespace greenlint {

constexpr double JoulesPerKWh = 3.6e6;
constexpr double SecondsPerYear = 365.0 * 24 * 3600; // the spec's 365 x 24 h

/// Everything that must be identical for two SCI values to be comparable.
struct Methodology {
  // I
  std::string GridId; // what was asked: "DE", "aws:eu-central-1", "--intensity"
  std::string GridName; // the grid the value belongs to
  double IntensityGPerKWh = 0;
  std::string IntensityKind, IntensitySource, IntensityLicence;
  int IntensityYear = 0;
  // PUE
  double Pue = 1;
  std::string PueSource;
  // M
  std::string ProfileId, ProfileName, ProfileFile;
  double EmbodiedG = 0;       // TE
  double LifespanYears = 4;   // EL
  int TotalThreads = 0;       // ToR: logical CPUs of the profiled socket
  double ReservedThreads = 0; // RR override; 0: the CPU time actually used
  std::string EmbodiedSource;
  int EmbodiedYear = 0;
  // Range of modelled joules (runtime/data/model-spread.yaml), by the kind of
  // profile the ledgers' energy was modelled with; empty basis: not known.
  std::string SpreadBasis, SpreadSource;
  double SpreadLow = 1, SpreadHigh = 1;
  int SpreadYear = 0;
};

/// Which meters filled which energy domain: a domain is measured only when
/// every meter that fills it reads a counter.
struct DomainProvenance {
  bool CpuMeasured = false, DramMeasured = false, GpuMeasured = false;
  bool CpuCovered = false, DramCovered = false, GpuCovered = false;
};
DomainProvenance domainProvenance(const std::vector<LedgerMeter> &Meters);

/// The terms of one SCI numerator.
struct CarbonTerms {
  DomainEnergy ItEnergyJ; // as metered or modelled, before PUE
  double MeasuredJ = 0, ModelledJ = 0;
  double Pue = 1;
  double EnergyKWh = 0; // E = IT energy x PUE
  double IntensityGPerKWh = 0;
  double OperationalG = 0; // E x I
  double EmbodiedTotalG = 0, TimeReservedS = 0, LifespanS = 0;
  double ResourcesReserved = 0, TotalResources = 0;
  double EmbodiedG = 0; // M
  double CarbonG = 0;   // E x I + M
  double CpuS = 0;

  /// Sums numerators; M's terms are re-derived so TE x TiR/EL x RR/ToR still
  /// reads true for the sum (RR becomes the time-weighted average).
  CarbonTerms &operator+=(const CarbonTerms &O);
};

/// M = TE x (TiR/EL) x (RR/ToR).
double embodiedShareG(double TotalEmbodiedG, double TimeReservedS,
                      double LifespanS, double ResourcesReserved,
                      double TotalResources);

/// The carbon of a scope that drew \p Energy and used \p CpuS CPU-seconds in
/// a run of \p RunWallS wall seconds in which the whole process used
/// \p RunCpuS. RR is CpuS / RunWallS logical CPUs (the average in use), or
/// the methodology's reserved threads times this scope's share of the
/// process's CPU time.
CarbonTerms carbonOf(const DomainEnergy &Energy, const DomainProvenance &Prov,
                     double CpuS, double RunWallS, double RunCpuS,
                     const Methodology &M);

/// SCI for AI side of a region and unit: "consumer" (inference), "provider"
/// (training) or "" (neither). The region's phase prefix wins over the unit.
std::string sciSide(const std::string &Region, const std::string &Unit);

} // namespace greenlint

#endif
