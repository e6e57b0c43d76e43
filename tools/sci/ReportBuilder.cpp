//===- ReportBuilder.cpp - Ledgers + methodology -> the report document ---===//
//
// The report document (docs/report-format.md) is the one model every format
// renders and `greenlint diff` reads, so the numbers a diff compares are the
// numbers the report printed.
//
//===----------------------------------------------------------------------===//
#include "ReportBuilder.h"
#include "BuildSection.h"
#include "ReportOptions.h"
#include "Significance.h"

#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>

namespace greenlint {

using nlohmann::json;

namespace {

constexpr int ReportFormatVersion = 1;

/// One SCI numerator and denominator, accumulated over runs and intervals.
struct RowAcc {
  std::string Scope, Name, Side, Unit;
  CarbonTerms Terms;
  double Units = 0;
  uint64_t Calls = 0;
  std::vector<RatioObservation> Runs, Intervals;
  // The same numerator on each what-if grid.
  std::vector<double> WhatIfCarbonG;
};

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

struct SourceSite {
  std::string File, Framework, Phase;
  int Line = 0;
};

constexpr int KnownFactsVersion = 1;

/// The planned regions of one facts file, checked before any is used.
bool readFactsRegions(const json &J, const std::string &File,
                      std::map<std::string, SourceSite> &Sites,
                      std::string &Error) {
  auto R = J.find("regions");
  if (R == J.end())
    return true;
  auto fail = [&](const std::string &What) {
    Error = "greenlint: " + File + ": facts field " + What +
            "; the file is damaged or not written by greenlint's plugin: "
            "delete it and rebuild with -fplugin-arg-greenlint-facts= to "
            "write it again";
    return false;
  };
  if (!R->is_array())
    return fail(std::string("/regions is ") + R->type_name() +
                ", expected a list");
  for (size_t I = 0; I < R->size(); ++I) {
    const json &Region = (*R)[I];
    std::string P = "/regions/" + std::to_string(I);
    if (!Region.is_object())
      return fail(P + " is " + Region.type_name() + ", expected an object");
    for (const char *K : {"name", "file", "framework", "phase"})
      if (auto F = Region.find(K); F != Region.end() && !F->is_string())
        return fail(P + "/" + K + " is " + F->type_name() +
                    ", expected a string");
    if (auto L = Region.find("line");
        L != Region.end() &&
        !(L->is_number_integer() && L->get<int64_t>() >= 0 &&
          L->get<int64_t>() <= std::numeric_limits<int>::max()))
      return fail(P + "/line is not a line number");
  }
  for (const json &Region : *R) {
    if (!Region.contains("name"))
      continue;
    SourceSite S;
    S.File = Region.value("file", std::string());
    S.Line = Region.value("line", 0);
    S.Framework = Region.value("framework", std::string());
    S.Phase = Region.value("phase", std::string());
    Sites.emplace(Region["name"].get<std::string>(), S);
  }
  return true;
}

/// Checks one parsed facts file \p J (read from \p F) and adds it.
bool addFactsFile(const std::string &F, const json &J,
                  std::map<std::string, SourceSite> &Sites, json &Files,
                  BuildSectionBuilder &Build, std::string &Error) {
  auto Format = J.is_object() ? J.find("format") : J.end();
  if (J.is_discarded() || !J.is_object() || Format == J.end() ||
      *Format != "greenlint-facts") {
    Error = "greenlint: " + F +
            ":1: not a greenlint facts file (JSON with "
            "\"format\":\"greenlint-facts\"); pass the plugin's facts "
            "folder";
    return false;
  }
  auto Version = J.find("version");
  if (Version == J.end() || !Version->is_number_integer() ||
      Version->get<int64_t>() < 1) {
    Error = "greenlint: " + F +
            ": facts field /version is not a whole number from 1; the "
            "file is damaged: delete it and rebuild with "
            "-fplugin-arg-greenlint-facts=";
    return false;
  }
  if (Version->get<int64_t>() > KnownFactsVersion) {
    Error = "greenlint: " + F + ": facts version " + Version->dump() +
            " is newer than this greenlint reads (" +
            std::to_string(KnownFactsVersion) +
            "); use the greenlint that matches the plugin that wrote it";
    return false;
  }
  std::map<std::string, SourceSite> FileSites;
  if (!readFactsRegions(J, F, FileSites, Error) || !Build.addFacts(J, F, Error))
    return false;
  Files.push_back(F);
  Sites.insert(FileSites.begin(), FileSites.end());
  return true;
}

bool readFacts(const std::vector<std::string> &Paths,
               std::map<std::string, SourceSite> &Sites, json &Files,
               BuildSectionBuilder &Build, std::string &Error) {
  namespace fs = std::filesystem;
  std::vector<std::string> Found;
  for (const std::string &P : Paths) {
    std::error_code EC;
    if (!fs::exists(P, EC)) {
      Error = "greenlint: " + P +
              ": no such facts file or folder; pass the folder given to "
              "-fplugin-arg-greenlint-facts=";
      return false;
    }
    if (!fs::is_directory(P, EC)) {
      Found.push_back(P);
      continue;
    }
    size_t Before = Found.size();
    for (auto It = fs::recursive_directory_iterator(P, EC);
         !EC && It != fs::recursive_directory_iterator(); It.increment(EC))
      if (It->is_regular_file() && It->path().extension() == ".json")
        Found.push_back(It->path().string());
    // As with an empty ledger folder: a report of nothing is a mistake.
    if (Found.size() == Before) {
      Error = "greenlint: " + P +
              ": no facts files (*.json) in this folder; build with "
              "-fplugin-arg-greenlint-facts=" +
              P + " first";
      return false;
    }
  }
  std::sort(Found.begin(), Found.end());
  for (const std::string &F : Found) {
    std::ifstream In(F);
    json J = json::parse(In, nullptr, false);
    if (!addFactsFile(F, J, Sites, Files, Build, Error))
      return false;
  }
  return true;
}

/// Builds the rows of one group of ledgers (all, or one test's runs).
class GroupBuilder {
public:
  GroupBuilder(const Methodology &M, const std::vector<Methodology> &WhatIf)
      : M(M), WhatIf(WhatIf) {}

  void addLedger(const Ledger &L) {
    DomainProvenance Prov = domainProvenance(L.Meters);
    ++Runs;
    // The whole process, per run.
    addRun(row("total", "(process)", "", "run"), L.Energy, Prov, L.CpuS, L, 1,
           0);

    std::map<std::string, RowAcc *> RunRows; // rows touched by this ledger
    // Regions, inclusive: the cost of the hot path with its callees.
    for (const auto &[Name, R] : L.Regions) {
      std::string Side = regionSide(Name, R.Units);
      if (R.Units.empty()) {
        addRun(row("region", Name, Side, "call"), R.Energy, Prov, R.CpuS, L,
               static_cast<double>(R.Calls), R.Calls);
      } else {
        for (const auto &[Unit, N] : R.Units)
          addRun(row("region", Name, Side, Unit), R.Energy, Prov, R.CpuS, L, N,
                 R.Calls);
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
        addRun(row(Side, Side, Side, Unit), SideEnergy[Side], Prov,
               SideCpu[Side], L, N, 0);

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

  json toJson(const std::map<std::string, SourceSite> &Sites) const {
    json Rows = json::array();
    // Total first, then consumer and provider scores, then regions.
    static const char *Order[] = {"total", "consumer", "provider", "region"};
    for (const char *Scope : Order)
      for (const auto &[Key, A] : Rows_)
        if (A.Scope == Scope)
          Rows.push_back(rowJson(Key, A, Sites));
    return Rows;
  }

  int runs() const { return Runs; }

private:
  RowAcc &row(const std::string &Scope, const std::string &Name,
              const std::string &Side, const std::string &Unit) {
    RowAcc &A = Rows_[rowKey(Scope, Name, Unit)];
    if (A.Scope.empty()) {
      A.Scope = Scope;
      A.Name = Name;
      A.Side = Side;
      A.Unit = Unit;
      A.WhatIfCarbonG.assign(WhatIf.size(), 0);
    }
    return A;
  }

  void addRun(RowAcc &A, const DomainEnergy &E, const DomainProvenance &Prov,
              double CpuS, const Ledger &L, double Units, uint64_t Calls) {
    CarbonTerms T = carbonOf(E, Prov, CpuS, L.WallS, L.CpuS, M);
    A.Terms += T;
    A.Units += Units;
    A.Calls += Calls;
    A.Runs.push_back({T.CarbonG, Units});
    for (size_t I = 0; I < WhatIf.size(); ++I)
      A.WhatIfCarbonG[I] +=
          carbonOf(E, Prov, CpuS, L.WallS, L.CpuS, WhatIf[I]).CarbonG;
  }

  void addInterval(const std::string &Scope, const std::string &Name,
                   const std::string &Unit, double CarbonG, double Units) {
    auto It = Rows_.find(rowKey(Scope, Name, Unit));
    if (It != Rows_.end())
      It->second.Intervals.push_back({CarbonG, Units});
  }

  json rowJson(const std::string &Key, const RowAcc &A,
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
    R["intensity_gco2e_per_kwh"] = T.IntensityGPerKWh;
    R["operational_g"] = T.OperationalG;
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

  const Methodology &M;
  const std::vector<Methodology> &WhatIf;
  std::map<std::string, RowAcc> Rows_;
  int Runs = 0;
};

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

/// The ledgers a report reads: already in memory, or read one at a time so
/// that only one ledger's records are held (1,000 ledgers of 1,000 records
/// would otherwise take gigabytes).
class LedgerSource {
public:
  virtual ~LedgerSource() = default;
  virtual size_t size() const = 0;
  /// Ledger \p I: its header, and after load(I) its totals too.
  virtual const Ledger &ledger(size_t I) const = 0;
  /// Reads ledger \p I fully; its records are kept until release(I).
  virtual bool load(size_t I, std::string &Error) = 0;
  /// Why ledger \p I's header did not read; empty when it did.
  virtual const std::string &headerError(size_t I) const = 0;
  virtual void release(size_t I) = 0;
};

class MemorySource : public LedgerSource {
public:
  explicit MemorySource(const std::vector<Ledger> &Ledgers)
      : Ledgers(Ledgers) {}
  size_t size() const override { return Ledgers.size(); }
  const Ledger &ledger(size_t I) const override { return Ledgers[I]; }
  bool load(size_t, std::string &) override { return true; }
  void release(size_t) override {}
  const std::string &headerError(size_t) const override { return None; }

private:
  const std::vector<Ledger> &Ledgers;
  const std::string None;
};

class FileSource : public LedgerSource {
public:
  /// Reads every header; headerError() says why one did not read.
  void readHeaders(const std::vector<std::string> &Files) {
    this->Files = Files;
    Ledgers.resize(Files.size());
    HeaderErrors.assign(Files.size(), std::string());
    for (size_t I = 0; I < Files.size(); ++I)
      readLedger(Files[I], Ledgers[I], HeaderErrors[I], LedgerPart::HeaderOnly);
  }
  const std::string &headerError(size_t I) const override {
    return HeaderErrors[I];
  }
  size_t size() const override { return Ledgers.size(); }
  const Ledger &ledger(size_t I) const override { return Ledgers[I]; }
  bool load(size_t I, std::string &Error) override {
    return readLedger(Files[I], Ledgers[I], Error);
  }
  void release(size_t I) override {
    std::vector<LedgerRecord>().swap(Ledgers[I].Records);
  }

private:
  std::vector<std::string> Files, HeaderErrors;
  std::vector<Ledger> Ledgers;
};

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
  auto setup = [&] {
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
  bool SetupOk = setup();

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
    GroupsJ.push_back({{"test", GroupNames[G]},
                       {"runs", Builders[G].runs()},
                       {"rows", Rows}});
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

bool parseFactsFile(const std::string &Path, const std::string &Text,
                    json &Build, std::string &Error) {
  std::map<std::string, SourceSite> Sites;
  json Files = json::array();
  BuildSectionBuilder Builder;
  json J = json::parse(Text, nullptr, false);
  if (!addFactsFile(Path, J, Sites, Files, Builder, Error))
    return false;
  Build = Builder.toJson();
  return true;
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
