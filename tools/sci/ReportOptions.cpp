//===- ReportOptions.cpp - Methodology options and their resolution -------===//
#include "ReportOptions.h"

#include "greenlint/data/Grid.h"
#include "greenlint/data/ModelSpread.h"
#include "greenlint/data/Profile.h"

#include <cstdio>
#include <cstdlib>
#include <set>

namespace greenlint {

static bool parsePositive(const std::string &Text, double &Out) {
  char *End = nullptr;
  Out = std::strtod(Text.c_str(), &End);
  return !Text.empty() && End && *End == '\0' && Out > 0;
}

static std::vector<std::string> splitComma(const std::string &S) {
  std::vector<std::string> Out;
  size_t Start = 0;
  while (Start <= S.size()) {
    size_t End = S.find(',', Start);
    if (End == std::string::npos)
      End = S.size();
    if (End > Start)
      Out.push_back(S.substr(Start, End - Start));
    Start = End + 1;
  }
  return Out;
}

int parseReportOption(int Argc, const char **Argv, int &I, ReportOptions &O,
                      std::string &Error) {
  std::string Arg = Argv[I];
  std::string Name = Arg, Value;
  bool HasValue = false;
  if (size_t Eq = Arg.find('=');
      Arg.rfind("--", 0) == 0 && Eq != std::string::npos) {
    Name = Arg.substr(0, Eq);
    Value = Arg.substr(Eq + 1);
    HasValue = true;
  }
  static const std::set<std::string> Valued = {
      "--grid",  "--intensity",   "--pue", "--profile", "--reserved-threads",
      "--facts", "--what-if-grid"};
  if (Name == "--by-test") {
    O.ByTest = true;
    return 1;
  }
  if (!Valued.count(Name))
    return 0;
  if (!HasValue) {
    if (I + 1 >= Argc) {
      Error = Name + " needs a value";
      return -1;
    }
    Value = Argv[++I];
  }
  if (Name == "--grid") {
    O.Grid = Value;
  } else if (Name == "--intensity") {
    if (!parsePositive(Value, O.Intensity)) {
      Error = "--intensity wants grams CO2e per kWh, a number above 0 (e.g. "
              "--intensity 350), not '" +
              Value + "'";
      return -1;
    }
  } else if (Name == "--pue") {
    if (!parsePositive(Value, O.Pue) || O.Pue < 1) {
      Error = "--pue wants a number of at least 1.0 (e.g. --pue 1.2), not '" +
              Value + "'";
      return -1;
    }
  } else if (Name == "--profile") {
    O.Profile = Value;
  } else if (Name == "--reserved-threads") {
    if (!parsePositive(Value, O.ReservedThreads)) {
      Error = "--reserved-threads wants the logical CPUs the run reserved (a "
              "number above 0), not '" +
              Value + "'";
      return -1;
    }
  } else if (Name == "--facts") {
    O.Facts.push_back(Value);
  } else if (Name == "--what-if-grid") {
    for (const std::string &G : splitComma(Value))
      O.WhatIfGrids.push_back(G);
  }
  return 1;
}

const char *reportOptionsHelp() {
  return "  --grid ID             grid (DE, WORLD) or cloud region "
         "(aws:eu-central-1) for I\n"
         "  --intensity G         I in gCO2e/kWh; overrides the grid's value\n"
         "                        (one of --grid or --intensity is required)\n"
         "  --pue X               PUE; default: the cloud provider's fleet PUE "
         "for a\n"
         "                        cloud region, else 1.0 (IT energy only)\n"
         "  --profile ID|PATH     hardware profile for M; default: the one in "
         "the ledgers\n"
         "  --reserved-threads N  logical CPUs reserved for the run (RR); "
         "default: the\n"
         "                        CPU time used over the run's wall time\n"
         "  --facts DIR|FILE      the plugin's facts: regions' source lines "
         "and the\n"
         "                        build section (estimates, findings, compile "
         "energy)\n"
         "  --what-if-grid A,B    also the SCI on these grids\n"
         "  --by-test             one group per test (ledgers with the same "
         "command line)\n";
}

static std::string joinSet(const std::set<std::string> &S) {
  std::string Out;
  for (const std::string &X : S)
    Out += (Out.empty() ? "" : ", ") + X;
  return Out;
}

static bool applyGrid(const std::string &Grid, double Intensity, Methodology &M,
                      std::string &Error) {
  if (!Grid.empty()) {
    data::GridIntensity G;
    if (!data::lookupGrid(Grid, G, Error)) {
      if (Error.rfind("greenlint:", 0) != 0)
        Error = "greenlint: " + Error;
      return false;
    }
    M.GridId = G.Id;
    // A cloud region's name already says which grid it draws from.
    M.GridName = G.Id != G.GridId
                     ? G.Name
                     : G.Id + (G.Name.empty() ? "" : " (" + G.Name + ")");
    M.IntensityGPerKWh = G.GCO2ePerKWh;
    M.IntensityKind = G.Kind;
    M.IntensitySource = G.Source;
    M.IntensityLicence = G.Licence;
    M.IntensityYear = G.Year;
  }
  if (Intensity > 0) {
    if (Grid.empty()) {
      M.GridId = "--intensity";
      M.GridName = "--intensity";
    }
    M.IntensityGPerKWh = Intensity;
    M.IntensityKind = "as given";
    char Value[32];
    std::snprintf(Value, sizeof Value, "%g", Intensity);
    M.IntensitySource = std::string("--intensity ") + Value +
                        " on the command line (location-based, per ISO/IEC "
                        "21031; the user vouches for it)";
    M.IntensityLicence.clear();
    M.IntensityYear = 0;
  }
  return true;
}

static void applyPue(const ReportOptions &O, const std::string &Grid,
                     Methodology &M) {
  if (O.Pue > 0) {
    M.Pue = O.Pue;
    M.PueSource = "--pue on the command line";
    return;
  }
  M.Pue = data::providerPue(Grid, M.PueSource);
}

bool resolveMethodology(const ReportOptions &O,
                        const std::vector<Ledger> &Ledgers, Methodology &M,
                        std::string &Error) {
  M = Methodology();
  if (O.Grid.empty() && O.Intensity <= 0) {
    Error = "greenlint: no grid given: SCI's I term needs one; pass --grid "
            "<id> (DE, WORLD, aws:eu-central-1; list in docs/grid.md) or "
            "--intensity <gCO2e/kWh>";
    return false;
  }
  if (!applyGrid(O.Grid, O.Intensity, M, Error))
    return false;
  applyPue(O, O.Grid, M);

  std::set<std::string> Ids;
  for (const Ledger &L : Ledgers)
    Ids.insert(L.ProfileId);
  std::string ProfileId = O.Profile;
  if (ProfileId.empty()) {
    if (Ids.size() != 1) {
      Error = "greenlint: the ledgers were recorded with different hardware "
              "profiles (" +
              joinSet(Ids) +
              "); report them separately, or pass --profile to use one for M";
      return false;
    }
    ProfileId = *Ids.begin();
  }
  data::HardwareProfile P;
  if (!data::loadProfile(ProfileId, P, Error)) {
    if (O.Profile.empty())
      Error += " (the profile recorded in " + Ledgers.front().Path +
               "; pass --profile <id or YAML path> to name it)";
    return false;
  }
  M.ProfileId = P.Id;
  M.ProfileName = P.Name;
  M.ProfileFile = P.File;
  M.EmbodiedG = P.EmbodiedKgCO2e * 1000;
  M.LifespanYears = P.LifespanYears > 0 ? P.LifespanYears : 4;
  M.TotalThreads = P.Threads > 0 ? P.Threads : P.Cores;
  // A generic profile is scaled to the machine's CPUs when the run starts;
  // the ledger holds the scaled size, which is what the run reserved from.
  if (!Ledgers.empty() && Ledgers.front().ProfileId == P.Id &&
      Ledgers.front().ProfileThreads > 0)
    M.TotalThreads = Ledgers.front().ProfileThreads;
  if (M.TotalThreads <= 0)
    M.TotalThreads = 1;
  M.ReservedThreads = O.ReservedThreads;
  for (const data::FigureSource &S : P.Sources)
    if (S.Group == "embodied") {
      M.EmbodiedSource = S.Text;
      M.EmbodiedYear = S.Year;
    }
  // The joules were modelled with the profile the ledger names, even when
  // --profile picks another one for M.
  bool ModelledGeneric =
      Ledgers.empty() ? P.Generic : Ledgers.front().ProfileGeneric;
  data::ModelSpread Spread;
  std::string SpreadError;
  if (data::modelSpread(ModelledGeneric, Spread, SpreadError)) {
    M.SpreadBasis = Spread.Basis;
    M.SpreadSource = Spread.Source;
    M.SpreadLow = Spread.LowFactor;
    M.SpreadHigh = Spread.HighFactor;
    M.SpreadYear = Spread.Year;
  } else {
    M.SpreadSource = SpreadError;
  }

  // Measured and modelled joules are not the same methodology: one report
  // holds one meter set.
  auto meterKey = [](const Ledger &L) {
    std::string K;
    for (const LedgerMeter &Meter : L.Meters)
      K += (K.empty() ? "" : ",") + Meter.Name +
           (Meter.Measured ? "(measured)" : "(modelled)");
    return K;
  };
  for (const Ledger &L : Ledgers)
    if (meterKey(L) != meterKey(Ledgers.front())) {
      Error = "greenlint: " + L.Path + ": recorded with meters " + meterKey(L) +
              " but " + Ledgers.front().Path + " with " +
              meterKey(Ledgers.front()) +
              "; report ledgers of one meter set together (set "
              "GREENLINT_METER to the same value for every run)";
      return false;
    }
  return true;
}

bool methodologyOnGrid(const Methodology &Base, const ReportOptions &O,
                       const std::string &Grid, Methodology &Out,
                       std::string &Error) {
  Out = Base;
  if (!applyGrid(Grid, 0, Out, Error))
    return false;
  applyPue(O, Grid, Out);
  return true;
}

bool loadLedgers(const std::vector<std::string> &Paths,
                 std::vector<Ledger> &Out, std::string &Error) {
  std::vector<std::string> Files;
  if (!findLedgers(Paths, Files, Error))
    return false;
  for (const std::string &F : Files) {
    Ledger L;
    if (!readLedger(F, L, Error))
      return false;
    Out.push_back(std::move(L));
  }
  return true;
}

} // namespace greenlint
