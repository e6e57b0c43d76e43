//===- ProfileDetection.cpp - Which profile fits this machine -------------===//
//
// Picks the profile for the host's CPU (/proc/cpuinfo) or an NVML GPU name,
// scaling a generic profile to the host's CPU count when no part matches.
//
//===----------------------------------------------------------------------===//
#include "ProfileFiles.h"
#include "YamlUtil.h"
#include "greenlint/data/Profile.h"

#include <algorithm>
#include <regex>
#include <sstream>

namespace greenlint {
namespace data {

namespace {

struct CpuInfo {
  std::string Model, VendorId, CpuPart;
  int Logical = 0, CoresPerSocket = 0, Siblings = 0;
};

std::string trim(const std::string &S) {
  size_t B = S.find_first_not_of(" \t\r\n");
  if (B == std::string::npos)
    return "";
  size_t E = S.find_last_not_of(" \t\r\n");
  return S.substr(B, E - B + 1);
}

CpuInfo parseCpuinfo(const std::string &Text) {
  CpuInfo Info;
  std::string Implementer, Part;
  bool AnyField = false;
  std::stringstream SS(Text);
  std::string Line;
  while (std::getline(SS, Line)) {
    size_t Colon = Line.find(':');
    if (Colon == std::string::npos)
      continue;
    AnyField = true;
    std::string Key = toLower(trim(Line.substr(0, Colon)));
    std::string Value = trim(Line.substr(Colon + 1));
    double N = 0;
    if (Key == "processor")
      ++Info.Logical;
    else if (Key == "model name" && Info.Model.empty())
      Info.Model = Value;
    else if (Key == "vendor_id" && Info.VendorId.empty())
      Info.VendorId = Value;
    else if (Key == "cpu implementer" && Implementer.empty())
      Implementer = toLower(Value);
    else if (Key == "cpu part" && Part.empty())
      Part = toLower(Value);
    else if (Key == "cpu cores" && !Info.CoresPerSocket &&
             parseNumber(Value, N))
      Info.CoresPerSocket = static_cast<int>(N);
    else if (Key == "siblings" && !Info.Siblings && parseNumber(Value, N))
      Info.Siblings = static_cast<int>(N);
  }
  if (!Implementer.empty() && !Part.empty())
    Info.CpuPart = Implementer + ":" + Part;
  // macOS has no /proc/cpuinfo; its brand string arrives on its own.
  if (!AnyField)
    Info.Model = trim(Text);
  return Info;
}

/// How well \p Pattern identifies the part; 0 when it does not match. Model
/// names beat regexes beat core types, and longer patterns beat shorter.
size_t matchScore(const std::string &Pattern, const std::string &Name,
                  const std::string &CpuPart) {
  if (Pattern.compare(0, 9, "cpu-part:") == 0)
    return !CpuPart.empty() && toLower(Pattern.substr(9)) == CpuPart ? 1 : 0;
  if (Name.empty())
    return 0;
  if (Pattern.compare(0, 3, "re:") == 0) {
    std::regex R(Pattern.substr(3), std::regex::ECMAScript | std::regex::icase);
    return std::regex_search(Name, R) ? 500 + Pattern.size() : 0;
  }
  return toLower(Name).find(toLower(Pattern)) != std::string::npos
             ? 1000 + Pattern.size()
             : 0;
}

const HardwareProfile *bestMatch(const std::vector<HardwareProfile> &All,
                                 const std::string &Kind,
                                 const std::string &Name,
                                 const std::string &CpuPart,
                                 std::string &Pattern) {
  const HardwareProfile *Best = nullptr;
  size_t BestScore = 0;
  for (const HardwareProfile &P : All) {
    if (P.Kind != Kind || P.Generic)
      continue;
    for (const std::string &M : P.Match) {
      size_t Score = matchScore(M, Name, CpuPart);
      if (Score > BestScore) {
        BestScore = Score;
        Best = &P;
        Pattern = M;
      }
    }
  }
  return Best;
}

/// Used only when no generic profile loads (a broken GREENLINT_DATA_DIR), so
/// the runtime can still model energy; the note carries the load error.
HardwareProfile builtinFallback(const std::string &Kind) {
  HardwareProfile P;
  P.Kind = Kind;
  P.Generic = true;
  P.Vendor = Kind == "gpu" ? "nvidia" : "unknown";
  P.Id = Kind == "gpu" ? "builtin-generic-gpu" : "builtin-generic-cpu";
  P.Name = Kind == "gpu" ? "Built-in generic GPU" : "Built-in generic CPU";
  if (Kind == "gpu") {
    P.IdleW = 35;
    P.MaxW = P.TdpW = 306;
    P.EmbodiedKgCO2e = 150;
  } else {
    P.IdleW = 47;
    P.MaxW = P.TdpW = 224;
    P.Cores = 32;
    P.Threads = 64;
    P.EmbodiedKgCO2e = 500;
  }
  P.Curve = {{0.0, P.IdleW}, {1.0, P.MaxW}};
  P.LifespanYears = 4;
  P.Source = "built-in fallback: Cloud Carbon Footprint average min/max "
             "watts (estimate)";
  P.Year = 2024;
  return P;
}

std::string genericVendor(const CpuInfo &Info) {
  if (Info.VendorId == "GenuineIntel")
    return "intel";
  if (Info.VendorId == "AuthenticAMD" || Info.VendorId == "HygonGenuine")
    return "amd";
  std::string Model = toLower(Info.Model);
  if (!Info.CpuPart.empty() || Model.find("apple") != std::string::npos ||
      Model.find("arm") != std::string::npos ||
      Model.find("neoverse") != std::string::npos)
    return "arm";
  if (Model.find("intel") != std::string::npos)
    return "intel";
  if (Model.find("amd") != std::string::npos)
    return "amd";
#if defined(__aarch64__) || defined(__arm__)
  return "arm";
#else
  return "";
#endif
}

/// Generic profiles describe a nominal socket; an unknown host has however
/// many CPUs it has, so power and embodied carbon follow its CPU count.
void scaleToHost(HardwareProfile &P, const CpuInfo &Info) {
  if (Info.Logical <= 0 || P.Threads <= 0)
    return;
  double Factor = static_cast<double>(Info.Logical) / P.Threads;
  P.TdpW *= Factor;
  P.IdleW *= Factor;
  P.MaxW *= Factor;
  for (auto &Point : P.Curve)
    Point.second *= Factor;
  P.EmbodiedKgCO2e *= Factor;
  P.Threads = Info.Logical;
  P.Cores = Info.Siblings > 0 && Info.CoresPerSocket > 0
                ? Info.Logical * Info.CoresPerSocket / Info.Siblings
                : Info.Logical;
}

std::string describeWatts(const HardwareProfile &P) {
  std::ostringstream OS;
  OS.precision(3);
  OS << P.IdleW << "-" << P.MaxW << " W";
  return OS.str();
}

} // namespace

HardwareProfile detectCpuProfile(const std::string &CpuinfoText,
                                 std::string &Note) {
  CpuInfo Info = parseCpuinfo(CpuinfoText);
  std::vector<HardwareProfile> All;
  std::vector<std::string> Errors;
  loadAllProfiles(All, Errors);

  std::string Pattern;
  if (const HardwareProfile *P =
          bestMatch(All, "cpu", Info.Model, Info.CpuPart, Pattern)) {
    if (Pattern.compare(0, 9, "cpu-part:") == 0)
      Note = "CPU part " + Info.CpuPart + " matched hardware profile '" +
             P->Id +
             "' by core type only (other chips with the same core "
             "match too); set GREENLINT_PROFILE if this host has another chip";
    else
      Note =
          "CPU '" + Info.Model + "' matched hardware profile '" + P->Id + "'";
    return *P;
  }

  std::string Vendor = genericVendor(Info);
  std::string Wanted = Vendor.empty() ? "intel" : Vendor;
  HardwareProfile Chosen;
  bool Found = false;
  for (const HardwareProfile &P : All)
    if (P.Kind == "cpu" && P.Generic && P.Vendor == Wanted) {
      Chosen = P;
      Found = true;
      break;
    }
  std::string What = Info.Model.empty() ? std::string("no CPU model name found")
                                        : "unknown CPU '" + Info.Model + "'";
  if (!Found) {
    Chosen = builtinFallback("cpu");
    Note = What + " and no generic profile could be loaded" +
           (Errors.empty() ? std::string() : " (" + Errors.front() + ")") +
           "; modelling with the built-in fallback (" + Chosen.Source +
           "); fix the profile data or set GREENLINT_PROFILE";
    scaleToHost(Chosen, Info);
    return Chosen;
  }
  scaleToHost(Chosen, Info);
  Note = What +
         ": no hardware profile matches it, so energy is modelled with "
         "the vendor-generic profile '" +
         Chosen.Id + "'" + (Vendor.empty() ? " (vendor unknown)" : "") +
         (Info.Logical > 0
              ? " scaled to " + std::to_string(Info.Logical) + " logical CPUs"
              : std::string()) +
         " (" + describeWatts(Chosen) + "; " + Chosen.Source +
         "); set GREENLINT_PROFILE to a profile id (`greenlint profiles "
         "--kind cpu` lists them) or YAML file for better figures, or add "
         "the part (docs/profiles.md)";
  return Chosen;
}

HardwareProfile detectGpuProfile(const std::string &NvmlName,
                                 std::string &Note) {
  std::vector<HardwareProfile> All;
  std::vector<std::string> Errors;
  loadAllProfiles(All, Errors);
  std::string Pattern;
  if (const HardwareProfile *P = bestMatch(All, "gpu", NvmlName, "", Pattern)) {
    Note = "GPU '" + NvmlName + "' matched hardware profile '" + P->Id + "'";
    return *P;
  }
  for (const HardwareProfile &P : All)
    if (P.Kind == "gpu" && P.Generic) {
      Note = "unknown GPU '" + NvmlName +
             "': no hardware profile matches it, so energy is modelled with "
             "the generic profile '" +
             P.Id + "' (" + describeWatts(P) + "; " + P.Source +
             "); prefer NVML's energy counter, or add the part "
             "(docs/profiles.md)";
      return P;
    }
  HardwareProfile Fallback = builtinFallback("gpu");
  Note = "unknown GPU '" + NvmlName +
         "' and no generic GPU profile could be "
         "loaded" +
         (Errors.empty() ? std::string() : " (" + Errors.front() + ")") +
         "; modelling with the built-in fallback (" + Fallback.Source + ")";
  return Fallback;
}

} // namespace data
} // namespace greenlint
