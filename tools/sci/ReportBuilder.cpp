//===- ReportBuilder.cpp - Ledgers + methodology -> the report document ---===//
//
// The report document (docs/report-format.md) is the one model every format
// renders and `greenlint diff` reads, so the numbers a diff compares are the
// numbers the report printed.
//
//===----------------------------------------------------------------------===//
#include "ReportBuilder.h"
#include "BuildSection.h"
#include "FactsReader.h"
#include "FindingRanking.h"
#include "GroupBuilder.h"
#include "LedgerSource.h"
#include "ReportOptions.h"
#include "Sci.h"

#include <cstdio>
#include <map>
#include <set>

namespace greenlint {

using nlohmann::json;

namespace {

constexpr int ReportFormatVersion = 1;

json gridJson(const Methodology &M) {
  return {{"id", M.GridId},
          {"grid", M.GridName},
          {"intensity_gco2e_per_kwh", M.IntensityGPerKWh},
          {"kind", M.IntensityKind},
          {"source", M.IntensitySource},
          {"year", M.IntensityYear},
          {"licence", M.IntensityLicence},
          {"pue", M.Pue},
          {"pue_source", M.PueSource}};
}

std::string domainText(bool Covered, bool Measured,
                       const std::vector<LedgerMeter> &Meters,
                       const std::string &Domain, const Methodology &M,
                       const Ledger &L) {
  if (!Covered)
    return "";
  std::string Names;
  for (const LedgerMeter &Meter : Meters)
    for (const std::string &D : Meter.Domains)
      if (D == Domain)
        Names += (Names.empty() ? "" : "+") + Meter.Name;
  if (Measured)
    return "measured by " + Names;
  if (Domain == "dram")
    return "not metered (the model meter has no DRAM term)";
  return "modelled by " + Names + " from profile " + L.ProfileId;
  (void)M;
}

json boundaryJson(const Ledger &L, const Methodology &M) {
  DomainProvenance P = domainProvenance(L.Meters);
  json Counted = json::array(), NotCounted = json::array();
  bool ModelCpu = P.CpuCovered && !P.CpuMeasured;
  std::string Cpu =
      domainText(P.CpuCovered, P.CpuMeasured, L.Meters, "cpu", M, L);
  if (!Cpu.empty())
    Counted.push_back("CPU package energy, " + Cpu +
                      (P.CpuMeasured
                           ? " (machine counter, charged by the process's "
                             "share of busy CPU time)"
                           : " (P(U) per logical CPU x process CPU time)"));
  else
    NotCounted.push_back("CPU energy: no CPU meter in the ledger");
  bool DramModelOnly = true;
  for (const LedgerMeter &Meter : L.Meters)
    if (Meter.Measured)
      for (const std::string &D : Meter.Domains)
        if (D == "dram")
          DramModelOnly = false;
  if (P.DramCovered && !DramModelOnly)
    Counted.push_back(
        "DRAM energy, " +
        domainText(P.DramCovered, P.DramMeasured, L.Meters, "dram", M, L) +
        " (where the platform exposes a DRAM counter)");
  else
    NotCounted.push_back(
        "DRAM energy: the model meter has no DRAM term and no DRAM counter "
        "was read");
  if (P.GpuCovered)
    Counted.push_back("GPU energy, " +
                      domainText(true, P.GpuMeasured, L.Meters, "gpu", M, L) +
                      " (whole GPUs charged to the process)");
  else
    NotCounted.push_back("GPU energy: no GPU meter in use");
  Counted.push_back(
      ModelCpu ? std::string("idle power, in proportion to the process's "
                             "utilisation (the profile's curve starts at its "
                             "idle watts)")
               : std::string("idle power, in proportion to the process's "
                             "share of busy CPU time"));
  Counted.push_back("embodied carbon of the CPU socket of profile " +
                    M.ProfileId + ", amortised by SCI's M term");
  Counted.push_back("data-centre overhead: PUE " +
                    [&] {
                      char B[32];
                      std::snprintf(B, sizeof B, "%g", M.Pue);
                      return std::string(B);
                    }() +
                    " (" + M.PueSource + ")");
  NotCounted.push_back("network");
  NotCounted.push_back("storage");
  NotCounted.push_back("client and end-user devices");
  NotCounted.push_back("embodied carbon of GPUs, memory and the rest of the "
                       "server beyond the profile's socket");
  NotCounted.push_back("other processes and hosts without a ledger, and the "
                       "build itself");
  return {{"counted", Counted}, {"not_counted", NotCounted}};
}

/// Builds the report from \p Source. A ledger that does not read is left
/// out with a warning naming its file and line, so one damaged run does not
/// cost the others; when none reads, the first one's error is the answer.
/// A methodology problem comes after that.
bool buildReportFrom(LedgerSource &Source, const ReportOptions &O, json &Out,
                     std::string &Error) {
  std::vector<Ledger> Headers; // what the methodology sees: headers only
  std::vector<std::string> Skipped(Source.size());
  std::string SetupError;
  Methodology M;
  std::vector<Methodology> WhatIf;
  std::map<std::string, SourceSite> Sites;
  json FactsFiles = json::array();
  BuildSectionBuilder Build;
  for (size_t I = 0; I < Source.size(); ++I) {
    Skipped[I] = Source.headerError(I);
    if (Skipped[I].empty())
      Headers.push_back(Source.ledger(I));
  }
  auto Setup = [&] {
    if (Headers.empty())
      return false;
    if (!resolveMethodology(O, Headers, M, SetupError))
      return false;
    for (const std::string &G : O.WhatIfGrids) {
      Methodology W;
      if (!methodologyOnGrid(M, O, G, W, SetupError))
        return false;
      WhatIf.push_back(W);
    }
    return readFacts(O.Facts, Sites, FactsFiles, Build, SetupError);
  };
  bool SetupOk = Setup();

  // Groups: everything pooled, or one per test (command line).
  std::vector<std::string> GroupNames;
  std::vector<size_t> GroupOf(Source.size(), 0);
  if (O.ByTest) {
    std::map<std::string, size_t> Index;
    for (size_t I = 0; I < Source.size(); ++I) {
      if (!Skipped[I].empty())
        continue;
      std::string Label = Source.ledger(I).label();
      auto [It, New] = Index.emplace(Label, GroupNames.size());
      if (New)
        GroupNames.push_back(Label);
      GroupOf[I] = It->second;
    }
  } else {
    GroupNames.push_back("(all)");
  }
  std::vector<GroupBuilder> Builders;
  Builders.reserve(GroupNames.size());
  for (size_t G = 0; G < GroupNames.size(); ++G)
    Builders.emplace_back(M, WhatIf);
  size_t Loaded = 0, FirstLoaded = 0;
  for (size_t I = 0; I < Source.size(); ++I) {
    if (!Skipped[I].empty())
      continue;
    if (!Source.load(I, Skipped[I]))
      continue;
    if (Loaded++ == 0)
      FirstLoaded = I;
    if (SetupOk)
      Builders[GroupOf[I]].addLedger(Source.ledger(I));
    Source.release(I);
  }
  if (Loaded == 0) {
    for (const std::string &E : Skipped)
      if (!E.empty()) {
        Error = E;
        break;
      }
    return false;
  }
  if (!SetupOk) {
    Error = SetupError;
    return false;
  }

  const Ledger &First = Source.ledger(FirstLoaded);
  DomainProvenance Prov = domainProvenance(First.Meters);
  json Doc;
  Doc["format"] = "greenlint-report";
  Doc["version"] = ReportFormatVersion;
  Doc["greenlint_version"] = GREENLINT_VERSION;
  json Meth;
  Meth["standard"] = "ISO/IEC 21031:2024 SCI = (E*I + M) per R; consumer and "
                     "provider sides per the GSF SCI for AI";
  Meth["grid"] = gridJson(M);
  Meth["pue"] = {{"value", M.Pue}, {"source", M.PueSource}};
  Meth["profile"] = {{"id", M.ProfileId},
                     {"name", M.ProfileName},
                     {"file", M.ProfileFile},
                     {"generic", First.ProfileGeneric},
                     {"ledger_source", First.ProfileSource}};
  Meth["embodied"] = {
      {"te_g", M.EmbodiedG},
      {"lifespan_years", M.LifespanYears},
      {"tor_threads", M.TotalThreads},
      {"rr", M.ReservedThreads > 0 ? "reserved-threads" : "cpu-time-used"},
      {"reserved_threads", M.ReservedThreads},
      {"source", M.EmbodiedSource},
      {"year", M.EmbodiedYear}};
  json Meters = json::array();
  for (const LedgerMeter &Meter : First.Meters)
    Meters.push_back({{"name", Meter.Name},
                      {"measured", Meter.Measured},
                      {"domains", Meter.Domains},
                      {"detail", Meter.Detail}});
  Meth["meters"] = Meters;
  // Ranges: modelled joules x the profile kind's factors; one grid year, so
  // the intensity's own spread is not known.
  Meth["ranges"] = {
      {"energy_basis",
       M.SpreadBasis.empty() ? json(nullptr) : json(M.SpreadBasis)},
      {"low_factor", M.SpreadLow},
      {"high_factor", M.SpreadHigh},
      {"source", M.SpreadSource},
      {"year", M.SpreadYear},
      {"grid", "not known: the grid data holds one year per grid"}};
  Meth["energy_provenance"] = {
      {"cpu", domainText(Prov.CpuCovered, Prov.CpuMeasured, First.Meters, "cpu",
                         M, First)},
      {"dram", domainText(Prov.DramCovered, Prov.DramMeasured, First.Meters,
                          "dram", M, First)},
      {"gpu", domainText(Prov.GpuCovered, Prov.GpuMeasured, First.Meters, "gpu",
                         M, First)}};
  Meth["attribution"] = "regions: inclusive (callees included); consumer and "
                        "provider scores: self figures of their regions, so "
                        "nothing is counted twice";
  Meth["grouping"] = O.ByTest ? "by-test" : "all";
  Doc["methodology"] = Meth;
  Doc["boundary"] = boundaryJson(First, M);

  json Inputs = json::array();
  // Every warning; the data ones (damage, not a crash) also on their own,
  // since diff refuses a side that has them.
  json Warnings = json::array(), DataWarnings = json::array();
  for (size_t I = 0; I < Source.size(); ++I) {
    if (!Skipped[I].empty()) {
      // The reader's error, less its "greenlint: " prefix.
      std::string Why = Skipped[I].rfind("greenlint: ", 0) == 0
                            ? Skipped[I].substr(11)
                            : Skipped[I];
      Warnings.push_back(Why + " (this run is left out of the report)");
      DataWarnings.push_back(Warnings.back());
      continue;
    }
    const Ledger &L = Source.ledger(I);
    for (const std::string &W : L.Warnings) {
      Warnings.push_back(W);
      DataWarnings.push_back(W);
    }
    Inputs.push_back({{"path", L.Path},
                      {"command_line", L.label()},
                      {"host", L.Host},
                      {"pid", L.Pid},
                      {"start_time_utc", L.StartTimeUtc},
                      {"records", L.RecordCount},
                      {"wall_s", L.WallS},
                      {"complete", L.HasFooter},
                      {"truncated_line", L.TruncatedLine}});
    if (L.TruncatedLine)
      Warnings.push_back(L.Path + ":" + std::to_string(L.TruncatedLine) +
                         ": truncated last line dropped (the process was "
                         "killed while writing it)");
    if (!L.HasFooter)
      Warnings.push_back(L.Path +
                         ": no footer: the process crashed or was killed; "
                         "its last interval (at most flush_ms) is missing");
  }
  Doc["ledgers"] = Inputs;
  Doc["facts"] = FactsFiles;
  if (!O.Facts.empty())
    Doc["build"] = Build.toJson();
  Doc["warnings"] = Warnings;
  Doc["data_warnings"] = DataWarnings;
  json WhatIfJ = json::array();
  for (const Methodology &W : WhatIf)
    WhatIfJ.push_back(gridJson(W));
  Doc["what_if"] = WhatIfJ;

  std::set<std::string> Units;
  json GroupsJ = json::array();
  for (size_t G = 0; G < GroupNames.size(); ++G) {
    if (O.ByTest && Builders[G].runs() == 0)
      continue; // every run of this test was left out
    json Rows = Builders[G].toJson(Sites);
    for (const json &R : Rows)
      if (R["scope"] != "total")
        Units.insert(R["unit"].get<std::string>());
    json Group = {
        {"test", GroupNames[G]}, {"runs", Builders[G].runs()}, {"rows", Rows}};
    if (!O.Facts.empty())
      Group["findings"] =
          rankFindings(Doc["build"]["findings_list"], Sites, Rows);
    GroupsJ.push_back(std::move(Group));
  }
  Doc["methodology"]["functional_units"] = Units;
  Doc["groups"] = GroupsJ;
  Out = std::move(Doc);
  return true;
}

/// With --facts and no ledgers: the build section alone, no SCI.
bool buildFactsOnlyReport(const ReportOptions &O, json &Out,
                          std::string &Error) {
  std::map<std::string, SourceSite> Sites;
  json FactsFiles = json::array();
  BuildSectionBuilder Build;
  if (!readFacts(O.Facts, Sites, FactsFiles, Build, Error))
    return false;
  Out = {{"format", "greenlint-report"},
         {"version", ReportFormatVersion},
         {"greenlint_version", GREENLINT_VERSION},
         {"ledgers", json::array()},
         {"facts", FactsFiles},
         {"build", Build.toJson()},
         {"warnings", json::array()},
         {"data_warnings", json::array()},
         {"what_if", json::array()},
         {"groups", json::array()}};
  return true;
}

} // namespace

bool buildReport(const std::vector<Ledger> &Ledgers, const ReportOptions &O,
                 json &Out, std::string &Error) {
  if (Ledgers.empty() && !O.Facts.empty())
    return buildFactsOnlyReport(O, Out, Error);
  if (Ledgers.empty()) {
    Error = "greenlint: no ledgers to report on; pass the folder "
            "GREENLINT_LEDGER named";
    return false;
  }
  MemorySource Source(Ledgers);
  return buildReportFrom(Source, O, Out, Error);
}

bool buildReportFromPaths(const std::vector<std::string> &Paths,
                          const ReportOptions &O, json &Out,
                          std::string &Error) {
  if (Paths.empty() && !O.Facts.empty())
    return buildFactsOnlyReport(O, Out, Error);
  std::vector<std::string> Files;
  if (!findLedgers(Paths, Files, Error))
    return false;
  if (Files.empty()) {
    Error = "greenlint: no ledgers given; pass the folder GREENLINT_LEDGER "
            "named";
    return false;
  }
  FileSource Source;
  Source.readHeaders(Files);
  return buildReportFrom(Source, O, Out, Error);
}

} // namespace greenlint
