//===- GroupBuilder.h - SCI rows of one group of ledgers --------*- C++ -*-===//
//
// A report row is one SCI: a numerator (carbon) over a denominator (units)
// for the process, a side (consumer, provider) or a region, summed over the
// runs of a group, with the per-run and per-interval figures that the
// significance test of `greenlint diff` needs.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_GROUPBUILDER_H
#define GREENLINT_TOOLS_GROUPBUILDER_H

#include "FactsReader.h"
#include "LedgerReader.h"
#include "Sci.h"
#include "Significance.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace greenlint {

/// Builds the rows of one group of ledgers (all, or one test's runs).
class GroupBuilder {
public:
  GroupBuilder(const Methodology &M, const std::vector<Methodology> &WhatIf)
      : M(M), WhatIf(WhatIf) {}

  void addLedger(const Ledger &L);

  nlohmann::json toJson(const std::map<std::string, SourceSite> &Sites) const;

  int runs() const { return Runs; }

private:
  /// One SCI numerator and denominator, accumulated over runs and intervals.
  struct RowAcc {
    std::string Scope, Name, Side, Unit;
    CarbonTerms Terms;
    double Units = 0;
    uint64_t Calls = 0;
    std::vector<RatioObservation> Runs, Intervals;
    // The same numerator on each what-if grid.
    std::vector<double> WhatIfCarbonG;
    // Region rows: the self part, and of it what pool threads burned.
    DomainEnergy SelfJ, DispatchedJ;
  };

  RowAcc &row(const std::string &Scope, const std::string &Name,
              const std::string &Side, const std::string &Unit);

  void addRun(RowAcc &A, const DomainEnergy &E, const DomainProvenance &Prov,
              double CpuS, const Ledger &L, double Units, uint64_t Calls);

  void addInterval(const std::string &Scope, const std::string &Name,
                   const std::string &Unit, double CarbonG, double Units);

  nlohmann::json rowJson(const std::string &Key, const RowAcc &A,
                         const std::map<std::string, SourceSite> &Sites) const;

  const Methodology &M;
  const std::vector<Methodology> &WhatIf;
  std::map<std::string, RowAcc> Accumulators;
  int Runs = 0;
};

} // namespace greenlint

#endif
