//===- Profile.cpp - Hardware profiles for modelled energy ----------------===//

#include "greenlint/data/Profile.h"
#include "ProfileFiles.h"
#include "YamlUtil.h"

#include <algorithm>
#include <regex>
#include <sstream>

namespace greenlint {
namespace data {

double HardwareProfile::powerAtUtilisation(double U) const {
  U = std::min(1.0, std::max(0.0, U));
  if (Curve.empty())
    return IdleW + (MaxW - IdleW) * U;
  if (U <= Curve.front().first)
    return Curve.front().second;
  for (size_t I = 1; I < Curve.size(); ++I) {
    const auto &Lo = Curve[I - 1], &Hi = Curve[I];
    if (U <= Hi.first) {
      double Span = Hi.first - Lo.first;
      double T = Span > 0 ? (U - Lo.first) / Span : 1.0;
      return Lo.second + (Hi.second - Lo.second) * T;
    }
  }
  return Curve.back().second;
}

namespace {

const char *const ProfileFormat = "see docs/profiles.md";

/// Every group of figures must say where they come from and when.
bool readGroupSource(const YAML::Node &Group, const std::string &Name,
                     const std::string &File, HardwareProfile &Out,
                     std::string &Error) {
  FigureSource S;
  S.Group = Name;
  if (!getString(Group, "source", File, true, S.Text, Error) ||
      !getInt(Group, "year", File, true, S.Year, Error))
    return false;
  if (S.Year < 1990 || S.Year > 2100) {
    Error = errorPrefix(File, Group["year"].Mark()) + "year " +
            std::to_string(S.Year) +
            " is not a plausible publication year; write the year the "
            "figure was published";
    return false;
  }
  Out.Sources.push_back(S);
  return true;
}

bool readCurve(const YAML::Node &Power, const std::string &Key, double Scale,
               const std::string &File, HardwareProfile &Out,
               std::string &Error) {
  YAML::Node Points = Power[Key];
  if (!Points.IsSequence() || Points.size() < 2) {
    Error = errorPrefix(File, Points.Mark()) + "'" + Key +
            "' must be a list of [utilisation, value] points; give at least "
            "the points at 0 and 1 (Teads-style: 0, 0.1, 0.5, 1)";
    return false;
  }
  for (const YAML::Node &P : Points) {
    double U = 0, V = 0;
    if (!P.IsSequence() || P.size() != 2 || !P[0].IsScalar() ||
        !P[1].IsScalar() || !parseNumber(P[0].Scalar(), U) ||
        !parseNumber(P[1].Scalar(), V)) {
      Error = errorPrefix(File, P.Mark()) +
              "non-numeric or malformed point "
              "in '" +
              Key +
              "'; write each point as [utilisation, value], "
              "e.g. [0.5, 0.75]";
      return false;
    }
    if (U < 0 || U > 1 || V < 0 ||
        (!Out.Curve.empty() && U <= Out.Curve.back().first)) {
      Error = errorPrefix(File, P.Mark()) + "point [" + P[0].Scalar() + ", " +
              P[1].Scalar() + "] in '" + Key +
              "' is out of order or range; utilisation rises from 0 to 1 and "
              "values are not negative";
      return false;
    }
    Out.Curve.push_back({U, V * Scale});
  }
  if (Out.Curve.front().first != 0.0 || Out.Curve.back().first != 1.0) {
    Error = errorPrefix(File, Points.Mark()) + "'" + Key +
            "' must start at utilisation 0 and end at 1; add those points";
    return false;
  }
  return true;
}

bool readPower(const YAML::Node &Root, const std::string &File,
               HardwareProfile &Out, std::string &Error) {
  YAML::Node Power = Root["power"];
  if (!Power.IsDefined()) {
    Error = errorPrefix(File, Root.Mark()) +
            "missing required field 'power'; add a power group with tdp_w, "
            "a curve, source and year (" +
            ProfileFormat + ")";
    return false;
  }
  if (!requireMap(Power, File, "'power'", Error) ||
      !checkKeys(Power,
                 {"tdp_w", "idle_w", "max_w", "power_curve_tdp_fraction",
                  "power_curve_w", "source", "year"},
                 File, "'power'", Error) ||
      !getNumber(Power, "tdp_w", File, true, "watts", Out.TdpW, Error) ||
      !getNumber(Power, "idle_w", File, false, "watts", Out.IdleW, Error) ||
      !getNumber(Power, "max_w", File, false, "watts", Out.MaxW, Error) ||
      !readGroupSource(Power, "power", File, Out, Error))
    return false;
  Out.Source = Out.Sources.back().Text;
  Out.Year = Out.Sources.back().Year;

  bool Fraction = Power["power_curve_tdp_fraction"].IsDefined();
  bool Watts = Power["power_curve_w"].IsDefined();
  bool IdleMax = Power["idle_w"].IsDefined() && Power["max_w"].IsDefined();
  if (Fraction && Watts) {
    Error = errorPrefix(File, Power["power_curve_w"].Mark()) +
            "both power_curve_tdp_fraction and power_curve_w are given; keep "
            "one";
    return false;
  }
  if (Fraction) {
    if (!readCurve(Power, "power_curve_tdp_fraction", Out.TdpW, File, Out,
                   Error))
      return false;
  } else if (Watts) {
    if (!readCurve(Power, "power_curve_w", 1.0, File, Out, Error))
      return false;
  } else if (IdleMax) {
    // Two points make the linear min/max model Cloud Carbon Footprint uses.
    Out.Curve = {{0.0, Out.IdleW}, {1.0, Out.MaxW}};
  } else {
    Error = errorPrefix(File, Power.Mark()) +
            "missing power curve; give power_curve_tdp_fraction, "
            "power_curve_w, or both idle_w and max_w";
    return false;
  }
  if (!IdleMax) {
    Out.IdleW = Out.Curve.front().second;
    Out.MaxW = Out.Curve.back().second;
  }
  if (Out.TdpW <= 0 || Out.MaxW < Out.IdleW) {
    Error = errorPrefix(File, Power.Mark()) +
            "power figures are inconsistent (tdp_w must be positive and "
            "max_w at least idle_w); correct them";
    return false;
  }
  return true;
}

bool readMatch(const YAML::Node &Root, const std::string &File,
               HardwareProfile &Out, std::string &Error) {
  YAML::Node Match = Root["match"];
  if (!Match.IsDefined()) {
    if (Out.Generic)
      return true;
    Error = errorPrefix(File, Root.Mark()) +
            "missing required field 'match'; list the /proc/cpuinfo model "
            "name or NVML device name substrings that identify this part";
    return false;
  }
  if (!Match.IsSequence()) {
    Error = errorPrefix(File, Match.Mark()) +
            "'match' must be a list of strings; write match: [\"...\"]";
    return false;
  }
  for (const YAML::Node &M : Match) {
    if (!M.IsScalar() || M.Scalar().empty()) {
      Error = errorPrefix(File, M.Mark()) +
              "each 'match' entry must be a non-empty string; quote it";
      return false;
    }
    const std::string &S = M.Scalar();
    if (S.compare(0, 3, "re:") == 0) {
      try {
        std::regex R(S.substr(3), std::regex::ECMAScript | std::regex::icase);
      } catch (const std::regex_error &E) {
        Error = errorPrefix(File, M.Mark()) + "bad regular expression '" +
                S.substr(3) + "' (" + E.what() +
                "); write an ECMAScript regex after 're:'";
        return false;
      }
    }
    Out.Match.push_back(S);
  }
  return true;
}

bool parseProfile(const DataFile &F, HardwareProfile &Out, std::string &Error) {
  Out = HardwareProfile();
  Out.File = F.Display;
  const std::string &File = F.Display;
  YAML::Node Root;
  if (!parseYaml(F, Root, Error) ||
      !requireMap(Root, File, "a hardware profile", Error) ||
      !checkKeys(Root,
                 {"id", "name", "kind", "vendor", "generic", "match", "power",
                  "topology", "embodied", "performance"},
                 File, "a hardware profile", Error) ||
      !getString(Root, "id", File, true, Out.Id, Error) ||
      !getString(Root, "name", File, true, Out.Name, Error) ||
      !getString(Root, "kind", File, true, Out.Kind, Error) ||
      !getString(Root, "vendor", File, true, Out.Vendor, Error) ||
      !getBool(Root, "generic", File, false, Out.Generic, Error))
    return false;
  if (Out.Kind != "cpu" && Out.Kind != "gpu") {
    Error = errorPrefix(File, Root["kind"].Mark()) + "kind '" + Out.Kind +
            "' is not known; write cpu or gpu";
    return false;
  }
  if (!readMatch(Root, File, Out, Error) || !readPower(Root, File, Out, Error))
    return false;

  YAML::Node Topology = Root["topology"];
  if (Topology.IsDefined()) {
    if (!requireMap(Topology, File, "'topology'", Error) ||
        !checkKeys(Topology, {"cores", "threads", "source", "year"}, File,
                   "'topology'", Error) ||
        !getInt(Topology, "cores", File, true, Out.Cores, Error) ||
        !getInt(Topology, "threads", File, true, Out.Threads, Error) ||
        !readGroupSource(Topology, "topology", File, Out, Error))
      return false;
  } else if (Out.Kind == "cpu") {
    // The model meter divides power among logical CPUs, so a CPU needs them.
    Error = errorPrefix(File, Root.Mark()) +
            "missing required field 'topology' for a cpu; add cores, threads, "
            "source and year";
    return false;
  }

  YAML::Node Embodied = Root["embodied"];
  if (!Embodied.IsDefined()) {
    Error = errorPrefix(File, Root.Mark()) +
            "missing required field 'embodied'; add embodied_kgco2e, "
            "lifespan_years, source and year (mark estimates as such)";
    return false;
  }
  if (!requireMap(Embodied, File, "'embodied'", Error) ||
      !checkKeys(Embodied,
                 {"embodied_kgco2e", "lifespan_years", "source", "year"}, File,
                 "'embodied'", Error) ||
      !getNumber(Embodied, "embodied_kgco2e", File, true, "kgCO2e",
                 Out.EmbodiedKgCO2e, Error) ||
      !getNumber(Embodied, "lifespan_years", File, true, "years",
                 Out.LifespanYears, Error) ||
      !readGroupSource(Embodied, "embodied", File, Out, Error))
    return false;
  if (Out.LifespanYears <= 0) {
    Error = errorPrefix(File, Embodied["lifespan_years"].Mark()) +
            "lifespan_years must be positive; the SCI default is 4";
    return false;
  }

  YAML::Node Perf = Root["performance"];
  if (Perf.IsDefined()) {
    if (!requireMap(Perf, File, "'performance'", Error) ||
        !checkKeys(Perf,
                   {"peak_tflops", "mem_bandwidth_gb_per_s", "source", "year"},
                   File, "'performance'", Error) ||
        !getNumber(Perf, "mem_bandwidth_gb_per_s", File, false, "GB/s",
                   Out.MemBandwidthGBs, Error) ||
        !readGroupSource(Perf, "performance", File, Out, Error))
      return false;
    YAML::Node Peak = Perf["peak_tflops"];
    if (Peak.IsDefined()) {
      if (!requireMap(Peak, File, "'peak_tflops'", Error))
        return false;
      for (const auto &KV : Peak) {
        double T = 0;
        if (!getNumber(Peak, KV.first.Scalar(), File, true, "TFLOP/s", T,
                       Error))
          return false;
        // Stored in FLOP/s so callers never juggle prefixes.
        Out.PeakFlops[KV.first.Scalar()] = T * 1e12;
      }
    }
  }
  return true;
}

bool looksLikePath(const std::string &S) {
  auto EndsWith = [&](const std::string &Suffix) {
    return S.size() >= Suffix.size() &&
           S.compare(S.size() - Suffix.size(), Suffix.size(), Suffix) == 0;
  };
  return S.find('/') != std::string::npos || EndsWith(".yaml") ||
         EndsWith(".yml");
}

std::string suggestIds(const std::string &Query,
                       const std::vector<HardwareProfile> &All) {
  // Ids sharing a word with the query come first: "epyc" finds the EPYCs.
  std::vector<std::string> Words, Near, Rest;
  std::stringstream SS(toLower(Query));
  std::string W;
  while (std::getline(SS, W, '-'))
    if (W.size() >= 2)
      Words.push_back(W);
  for (const HardwareProfile &P : All) {
    bool Close = false;
    for (const std::string &Word : Words)
      Close = Close || P.Id.find(Word) != std::string::npos;
    (Close ? Near : Rest).push_back(P.Id);
  }
  std::sort(Near.begin(), Near.end());
  std::sort(Rest.begin(), Rest.end());
  Near.insert(Near.end(), Rest.begin(), Rest.end());
  std::string Out;
  for (size_t I = 0; I < Near.size() && I < 6; ++I)
    Out += (I ? ", " : "") + Near[I];
  return Out;
}

} // namespace

bool loadAllProfiles(std::vector<HardwareProfile> &Out,
                     std::vector<std::string> &Errors) {
  std::vector<DataFile> Files;
  std::string Error;
  if (!dataFiles("profiles", Files, Error)) {
    Errors.push_back(Error);
    return false;
  }
  for (const DataFile &F : Files) {
    HardwareProfile P;
    if (parseProfile(F, P, Error))
      Out.push_back(std::move(P));
    else
      Errors.push_back(Error);
  }
  return true;
}

bool loadProfile(const std::string &IdOrPath, HardwareProfile &Out,
                 std::string &Error) {
  if (IdOrPath.empty()) {
    Error = "greenlint: empty hardware profile name; give a profile id such "
            "as amd-epyc-7b13 or a path to a profile YAML file";
    return false;
  }
  if (looksLikePath(IdOrPath)) {
    DataFile F;
    return readDataFile(IdOrPath, F, Error) && parseProfile(F, Out, Error);
  }
  std::vector<DataFile> Files;
  if (!dataFiles("profiles", Files, Error))
    return false;
  // By convention the file is named after the id; its errors are the user's.
  for (const DataFile &F : Files)
    if (F.Name == "profiles/" + IdOrPath + ".yaml" &&
        parseProfile(F, Out, Error))
      if (Out.Id == IdOrPath)
        return true;
  if (!Error.empty())
    return false;

  std::vector<HardwareProfile> All;
  std::vector<std::string> Errors;
  loadAllProfiles(All, Errors);
  for (const HardwareProfile &P : All)
    if (P.Id == IdOrPath) {
      Out = P;
      return true;
    }
  Error = "greenlint: unknown hardware profile '" + IdOrPath +
          "'; use a known id such as " + suggestIds(IdOrPath, All) + " (" +
          std::to_string(All.size()) +
          " in all: `greenlint profiles` lists them) or a path to a profile "
          "YAML file";
  if (!Errors.empty())
    Error +=
        " (some profile files failed to load; first: " + Errors.front() + ")";
  return false;
}

std::vector<std::string> listProfileIds() {
  std::vector<HardwareProfile> All;
  std::vector<std::string> Errors;
  loadAllProfiles(All, Errors);
  std::vector<std::string> Ids;
  for (const HardwareProfile &P : All)
    Ids.push_back(P.Id);
  std::sort(Ids.begin(), Ids.end());
  return Ids;
}

} // namespace data
} // namespace greenlint
