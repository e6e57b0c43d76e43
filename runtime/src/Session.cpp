//===- Session.cpp - environment, profile and meter choice ----------------===//
//
// Meter choice is explicit: `auto` takes the first CPU meter that works in
// the order rapl, perf, model (counters beat models) and adds NVML when a GPU
// answers; a list such as `rapl,nvml` means exactly those meters, and one
// that cannot start disables recording instead of silently measuring
// something else.
//
//===----------------------------------------------------------------------===//

#include "Session.h"

#include "greenlint/data/Profile.h"

#include <cstdlib>
#include <cstring>
#include <sstream>

namespace greenlint {
namespace rt {

Session::~Session() = default;

static const char *env(const char *Name) {
  const char *V = std::getenv(Name);
  return V && *V ? V : nullptr;
}

static bool parseMs(const char *Name, unsigned Min, unsigned Max, unsigned &Out,
                    std::string &Error) {
  const char *V = env(Name);
  if (!V)
    return true;
  char *End;
  unsigned long N = std::strtoul(V, &End, 10);
  if (*End || N < Min || N > Max) {
    Error = std::string(Name) + "='" + V + "' is not a whole number of " +
            "milliseconds in [" + std::to_string(Min) + ", " +
            std::to_string(Max) + "]; unset it or give e.g. " + Name + "=10";
    return false;
  }
  Out = static_cast<unsigned>(N);
  return true;
}

bool readConfig(Config &Out, std::string &Error) {
  Out = Config();
  if (const char *V = env("GREENLINT_LEDGER"))
    Out.LedgerDir = V;
  if (const char *V = env("GREENLINT_METER"))
    Out.MeterSpec = V;
  if (const char *V = env("GREENLINT_PROFILE"))
    Out.ProfileSpec = V;
  if (const char *V = env("GREENLINT_SYSFS_ROOT"))
    Out.SysfsRoot = V;
  if (const char *V = env("GREENLINT_NVML_LIB"))
    Out.NvmlLib = V;
  if (const char *V = env("GREENLINT_QUIET"))
    Out.Quiet = std::strcmp(V, "0") != 0;
  if (!parseMs("GREENLINT_SAMPLE_MS", 1, 60000, Out.SampleMs, Error) ||
      !parseMs("GREENLINT_FLUSH_MS", 1, 600000, Out.FlushMs, Error))
    return false;
  if (Out.FlushMs < Out.SampleMs)
    Out.FlushMs = Out.SampleMs;
  return true;
}

static std::vector<std::string> splitList(const std::string &S) {
  std::vector<std::string> Out;
  std::stringstream In(S);
  std::string Item;
  while (std::getline(In, Item, ','))
    if (!Item.empty())
      Out.push_back(Item);
  return Out;
}

static std::string cpuVendor(const std::string &Cpuinfo) {
  size_t P = Cpuinfo.find("vendor_id");
  if (P == std::string::npos)
    return "";
  size_t Colon = Cpuinfo.find(':', P);
  size_t End = Cpuinfo.find('\n', P);
  if (Colon == std::string::npos || Colon > End)
    return "";
  std::string V = Cpuinfo.substr(Colon + 1, End - Colon - 1);
  while (!V.empty() && V.front() == ' ')
    V.erase(0, 1);
  return V;
}

bool buildSession(const Config &Cfg, Session &Out, std::string &Error) {
  Out.Cfg = Cfg;
  std::string CpuinfoPath = underRoot(Cfg.SysfsRoot, "/proc/cpuinfo");
  std::string Cpuinfo;
  bool HaveCpuinfo = readTextFile(CpuinfoPath, Cpuinfo);

  Out.Profile.reset(new data::HardwareProfile());
  if (!Cfg.ProfileSpec.empty()) {
    std::string LoadError;
    if (!data::loadProfile(Cfg.ProfileSpec, *Out.Profile, LoadError)) {
      if (LoadError.rfind("greenlint: ", 0) == 0)
        LoadError.erase(0, 11);
      Error = "cannot use GREENLINT_PROFILE='" + Cfg.ProfileSpec +
              "': " + LoadError +
              "; set it to a known profile id (`greenlint profiles` lists "
              "them) or a valid profile YAML file, or unset it to detect "
              "the CPU";
      return false;
    }
    Out.ProfileSource = "GREENLINT_PROFILE=" + Cfg.ProfileSpec;
  } else {
    std::string Note;
    *Out.Profile = data::detectCpuProfile(HaveCpuinfo ? Cpuinfo : "", Note);
    Out.ProfileSource = "detected from " + CpuinfoPath +
                        (HaveCpuinfo ? "" : " (unreadable)") +
                        (Note.empty() ? "" : "; " + Note);
  }

  std::vector<std::string> Wanted = splitList(Cfg.MeterSpec);
  if (Wanted.empty())
    Wanted.push_back("auto");
  bool Auto = false;
  for (const std::string &W : Wanted) {
    if (W == "auto")
      Auto = true;
    else if (W != "rapl" && W != "perf" && W != "nvml" && W != "model") {
      Error = "GREENLINT_METER='" + Cfg.MeterSpec + "' names unknown meter '" +
              W + "'; use auto, or a comma list of rapl, perf, nvml, model";
      return false;
    }
  }
  // The meters' joules are summed: two meters of one domain would count
  // the same energy twice. rapl, perf and model all fill cpu and dram; nvml
  // fills gpu.
  for (size_t I = 0; I < Wanted.size(); ++I)
    for (size_t J = 0; J < I; ++J) {
      bool SameMeter = Wanted[I] == Wanted[J];
      bool BothCpu = Wanted[I] != "nvml" && Wanted[J] != "nvml" &&
                     Wanted[I] != "auto" && Wanted[J] != "auto";
      if (!SameMeter && !BothCpu)
        continue;
      Error =
          "GREENLINT_METER='" + Cfg.MeterSpec + "' names " +
          (SameMeter ? Wanted[I] + " twice"
                     : Wanted[J] + " and " + Wanted[I] + ", two CPU meters") +
          ", which would count the same energy twice; name at most one "
          "CPU meter (rapl, perf or model) and nvml once, e.g. "
          "GREENLINT_METER=" +
          (Wanted[J] == "nvml" ? std::string("nvml") : Wanted[J]);
      return false;
    }
  if (Auto && Wanted.size() > 1) {
    Error = "GREENLINT_METER='" + Cfg.MeterSpec +
            "' mixes auto with named meters; use auto alone or a list";
    return false;
  }

  std::vector<std::string> Notes;
  auto tryMeter = [&](const std::string &Kind,
                      std::string &Why) -> std::unique_ptr<Meter> {
    if (Kind == "rapl")
      return RaplMeter::open(Cfg.SysfsRoot, cpuVendor(Cpuinfo), Why);
    if (Kind == "perf")
      return PerfMeter::open(Cfg.SysfsRoot, Why);
    if (Kind == "nvml")
      return NvmlMeter::open(Cfg.NvmlLib, Why);
    return std::unique_ptr<Meter>(
        new ModelMeter(*Out.Profile, Out.ProfileSource));
  };

  if (Auto) {
    for (const char *Kind : {"rapl", "perf", "model"}) {
      std::string Why;
      if (std::unique_ptr<Meter> M = tryMeter(Kind, Why)) {
        Out.Meters.push_back(std::move(M));
        break;
      }
      Notes.push_back(Why);
    }
    std::string Why;
    if (std::unique_ptr<Meter> M = tryMeter("nvml", Why))
      Out.Meters.push_back(std::move(M));
    else
      Notes.push_back("no GPU energy: " + Why);
    Out.MeterReason = "auto";
  } else {
    for (const std::string &W : Wanted) {
      std::string Why;
      std::unique_ptr<Meter> M = tryMeter(W, Why);
      if (!M) {
        Error = "GREENLINT_METER asks for " + W + " but " + Why +
                "; choose another meter or GREENLINT_METER=auto";
        return false;
      }
      Out.Meters.push_back(std::move(M));
    }
    Out.MeterReason = "GREENLINT_METER=" + Cfg.MeterSpec;
  }
  for (const std::string &N : Notes)
    Out.MeterReason += "; " + N;
  return true;
}

} // namespace rt
} // namespace greenlint
