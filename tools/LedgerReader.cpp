//===- LedgerReader.cpp - Reads the runtime's JSON-lines ledgers ----------===//
#include "LedgerReader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace greenlint {

using nlohmann::json;

static constexpr int KnownLedgerVersion = 1;

void RegionFigures::add(const RegionFigures &O) {
  Energy += O.Energy;
  SelfEnergy += O.SelfEnergy;
  CpuS += O.CpuS;
  SelfCpuS += O.SelfCpuS;
  WallS += O.WallS;
  Calls += O.Calls;
  for (const auto &[Unit, N] : O.Units)
    Units[Unit] += N;
}

std::string Ledger::label() const {
  if (!Test.empty())
    return Test;
  if (CommandLine.empty())
    return std::filesystem::path(Path).filename().string();
  std::string S;
  for (const std::string &A : CommandLine)
    S += (S.empty() ? "" : " ") + A;
  return S;
}

namespace {

/// Reads typed fields of one record, remembering the first problem with the
/// key that caused it, so the message says what is wrong, not just "invalid".
struct FieldReader {
  std::string Problem;

  double number(const json &Obj, const char *Key, bool Required = true) {
    auto It = Obj.find(Key);
    if (It == Obj.end()) {
      if (Required && Problem.empty())
        Problem = std::string("missing '") + Key + "'";
      return 0;
    }
    if (!It->is_number()) {
      if (Problem.empty())
        Problem = std::string("'") + Key + "' is not a number";
      return 0;
    }
    return It->get<double>();
  }

  std::string string(const json &Obj, const char *Key) {
    auto It = Obj.find(Key);
    if (It == Obj.end() || !It->is_string())
      return std::string();
    return It->get<std::string>();
  }

  DomainEnergy energy(const json &Obj, const char *Key) {
    DomainEnergy E;
    auto It = Obj.find(Key);
    if (It == Obj.end() || !It->is_object()) {
      if (Problem.empty())
        Problem = std::string("missing object '") + Key + "'";
      return E;
    }
    E.Cpu = number(*It, "cpu", false);
    E.Dram = number(*It, "dram", false);
    E.Gpu = number(*It, "gpu", false);
    return E;
  }

  RegionFigures region(const json &Obj) {
    RegionFigures R;
    R.Energy = energy(Obj, "energy_j");
    R.SelfEnergy = energy(Obj, "self_energy_j");
    R.CpuS = number(Obj, "cpu_s");
    R.SelfCpuS = number(Obj, "self_cpu_s");
    R.WallS = number(Obj, "wall_s", false);
    R.Calls = static_cast<uint64_t>(number(Obj, "calls", false));
    auto Units = Obj.find("units");
    if (Units != Obj.end() && Units->is_object())
      for (auto It = Units->begin(); It != Units->end(); ++It)
        if (It->is_number())
          R.Units[It.key()] = It->get<double>();
    return R;
  }
};

std::string at(const std::string &Path, int Line) {
  return "greenlint: " + Path + ":" + std::to_string(Line) + ": ";
}

bool readHeader(const json &J, Ledger &L, int Line, std::string &Error) {
  if (J.value("format", std::string()) != "greenlint-ledger") {
    Error = at(L.Path, Line) +
            "not a greenlint ledger (the first record must be the header "
            "with \"format\":\"greenlint-ledger\"); pass only folders or "
            "files that GREENLINT_LEDGER wrote";
    return false;
  }
  FieldReader F;
  L.Version = static_cast<int>(F.number(J, "version"));
  if (L.Version > KnownLedgerVersion) {
    Error = at(L.Path, Line) + "ledger version " + std::to_string(L.Version) +
            " is newer than this greenlint reads (" +
            std::to_string(KnownLedgerVersion) +
            "); use the greenlint that matches the runtime that wrote it";
    return false;
  }
  L.GreenlintVersion = F.string(J, "greenlint_version");
  L.Host = F.string(J, "host");
  L.Pid = static_cast<int64_t>(F.number(J, "pid", false));
  L.Ppid = static_cast<int64_t>(F.number(J, "ppid", false));
  L.StartTime = F.number(J, "start_time", false);
  L.StartTimeUtc = F.string(J, "start_time_utc");
  L.MeterReason = F.string(J, "meter_reason");
  L.Test = F.string(J, "test");
  if (auto It = J.find("command_line"); It != J.end() && It->is_array())
    for (const json &A : *It)
      if (A.is_string())
        L.CommandLine.push_back(A.get<std::string>());
  auto Profile = J.find("profile");
  if (Profile == J.end() || !Profile->is_object()) {
    Error = at(L.Path, Line) +
            "the header has no 'profile'; the ledger is damaged, re-run the "
            "program with GREENLINT_LEDGER set";
    return false;
  }
  L.ProfileId = F.string(*Profile, "id");
  L.ProfileName = F.string(*Profile, "name");
  L.ProfileKind = F.string(*Profile, "kind");
  L.ProfileSource = F.string(*Profile, "source");
  L.ProfileGeneric = Profile->value("generic", false);
  L.ProfileCores = static_cast<int>(F.number(*Profile, "cores", false));
  L.ProfileThreads = static_cast<int>(F.number(*Profile, "threads", false));
  if (auto It = J.find("meters"); It != J.end() && It->is_array()) {
    for (const json &M : *It) {
      if (!M.is_object())
        continue;
      LedgerMeter Meter;
      Meter.Name = F.string(M, "name");
      Meter.Measured = M.value("measured", false);
      Meter.Detail = F.string(M, "detail");
      if (auto D = M.find("domains"); D != M.end() && D->is_array())
        for (const json &Domain : *D)
          if (Domain.is_string())
            Meter.Domains.push_back(Domain.get<std::string>());
      L.Meters.push_back(std::move(Meter));
    }
  }
  if (!F.Problem.empty()) {
    Error = at(L.Path, Line) + "header: " + F.Problem +
            "; the ledger is damaged, re-run the program with "
            "GREENLINT_LEDGER set";
    return false;
  }
  return true;
}

bool readSample(const json &J, Ledger &L, int Line, std::string &Error) {
  FieldReader F;
  LedgerRecord R;
  auto Process = J.find("process");
  if (Process == J.end() || !Process->is_object()) {
    F.Problem = "missing object 'process'";
  } else {
    R.WallS = F.number(*Process, "wall_s");
    R.CpuS = F.number(*Process, "cpu_s");
    R.Energy = F.energy(*Process, "energy_j");
  }
  if (auto Regions = J.find("regions");
      Regions != J.end() && Regions->is_array()) {
    for (const json &Region : *Regions) {
      if (!Region.is_object() || !Region.contains("name") ||
          !Region["name"].is_string()) {
        if (F.Problem.empty())
          F.Problem = "a region without a 'name'";
        continue;
      }
      R.Regions[Region["name"].get<std::string>()].add(F.region(Region));
    }
  }
  if (!F.Problem.empty()) {
    Error = at(L.Path, Line) + "sample record: " + F.Problem +
            "; the ledger is damaged: delete it or re-run the program";
    return false;
  }
  L.WallS += R.WallS;
  L.CpuS += R.CpuS;
  L.Energy += R.Energy;
  for (const auto &[Name, Figures] : R.Regions)
    L.Regions[Name].add(Figures);
  L.Records.push_back(std::move(R));
  return true;
}

} // namespace

bool readLedger(const std::string &Path, Ledger &Out, std::string &Error) {
  Out = Ledger();
  Out.Path = Path;
  std::ifstream In(Path, std::ios::binary);
  if (!In) {
    Error = "greenlint: " + Path +
            ": cannot open the ledger; check the path (GREENLINT_LEDGER "
            "names the folder the runtime wrote)";
    return false;
  }
  std::vector<std::string> Lines;
  for (std::string Line; std::getline(In, Line);)
    Lines.push_back(std::move(Line));
  while (!Lines.empty() && Lines.back().empty())
    Lines.pop_back();
  if (Lines.empty()) {
    Error = "greenlint: " + Path +
            ": empty ledger (no header); the process wrote nothing: delete "
            "the file or re-run the program";
    return false;
  }
  for (size_t I = 0; I < Lines.size(); ++I) {
    int LineNo = static_cast<int>(I) + 1;
    json J = json::parse(Lines[I], nullptr, /*allow_exceptions=*/false);
    if (J.is_discarded() || !J.is_object()) {
      // The runtime appends each record with one write(2): only the last
      // line can be cut short, by a kill inside that write.
      if (I + 1 == Lines.size() && I > 0) {
        Out.TruncatedLine = LineNo;
        break;
      }
      Error = at(Path, LineNo) +
              "corrupt ledger record (not a JSON object); only a last line "
              "may be cut short by a crash: repair or delete the ledger, or "
              "re-run the program";
      return false;
    }
    std::string Type = J.value("type", std::string());
    if (I == 0 && Type != "header") {
      Error = at(Path, LineNo) +
              "the first record is not a header; pass only ledgers that "
              "GREENLINT_LEDGER wrote";
      return false;
    }
    if (Type == "header") {
      if (I != 0) {
        Error = at(Path, LineNo) +
                "a second header; two processes wrote into one ledger: "
                "split or delete the file";
        return false;
      }
      if (!readHeader(J, Out, LineNo, Error))
        return false;
    } else if (Type == "sample") {
      if (!readSample(J, Out, LineNo, Error))
        return false;
    } else if (Type == "footer") {
      Out.HasFooter = true;
      Out.FooterReason = J.value("reason", std::string());
    }
    // Unknown record types are newer additions: ignored, as the format says.
  }
  return true;
}

bool findLedgers(const std::vector<std::string> &Paths,
                 std::vector<std::string> &Out, std::string &Error) {
  namespace fs = std::filesystem;
  for (const std::string &P : Paths) {
    std::error_code EC;
    fs::file_status S = fs::status(P, EC);
    if (EC || !fs::exists(S)) {
      Error = "greenlint: " + P +
              ": no such file or folder; pass the folder GREENLINT_LEDGER "
              "named, or ledger files";
      return false;
    }
    if (!fs::is_directory(S)) {
      Out.push_back(P);
      continue;
    }
    std::vector<std::string> Found;
    for (auto It = fs::recursive_directory_iterator(P, EC);
         !EC && It != fs::recursive_directory_iterator(); It.increment(EC))
      if (It->is_regular_file() && It->path().extension() == ".jsonl")
        Found.push_back(It->path().string());
    if (Found.empty()) {
      Error = "greenlint: " + P +
              ": no ledgers (*.jsonl) in this folder; run the program or "
              "tests with GREENLINT_LEDGER=" +
              P + " first";
      return false;
    }
    std::sort(Found.begin(), Found.end());
    Out.insert(Out.end(), Found.begin(), Found.end());
  }
  return true;
}

} // namespace greenlint
