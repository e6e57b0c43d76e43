//===- PrometheusExport.cpp -----------------------------------------------===//
#include "PrometheusExport.h"
#include "Sampler.h"

#include "../prometheus/exporter.h"
#include "greenlint/data/Grid.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <unistd.h>

namespace greenlint {
namespace rt {

namespace {
bool allDigits(const std::string &S) {
  return !S.empty() && S.find_first_not_of("0123456789") == std::string::npos;
}

// Dotted quad, each part 0-255 without leading zeros (which some parsers read
// as octal).
bool parseIpv4(const std::string &Host, unsigned &First) {
  unsigned Parts = 0;
  size_t Pos = 0;
  while (true) {
    size_t Dot = Host.find('.', Pos);
    std::string Part = Host.substr(
        Pos, Dot == std::string::npos ? std::string::npos : Dot - Pos);
    if (!allDigits(Part) || Part.size() > 3 ||
        (Part.size() > 1 && Part[0] == '0') || std::stoul(Part) > 255)
      return false;
    if (Parts++ == 0)
      First = static_cast<unsigned>(std::stoul(Part));
    if (Dot == std::string::npos)
      break;
    Pos = Dot + 1;
  }
  return Parts == 4;
}

// The value is untrusted: show it with control bytes escaped, cut short.
std::string quoted(const std::string &Value) {
  std::string Out = "'";
  for (unsigned char C : Value.substr(0, 80)) {
    if (C >= 0x20 && C < 0x7f) {
      Out += static_cast<char>(C);
    } else {
      char Buf[8];
      std::snprintf(Buf, sizeof Buf, "\\x%02x", C);
      Out += Buf;
    }
  }
  return Out + (Value.size() > 80 ? "...'" : "'");
}

// libgreenlint_prometheus.so beside the library (or program) holding this
// code, else wherever the dynamic loader finds it.
void *openExporterLibrary(std::string &Error) {
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&parsePrometheusAddress), &Info) &&
      Info.dli_fname) {
    std::string Dir = Info.dli_fname;
    size_t Slash = Dir.rfind('/');
    if (Slash != std::string::npos) {
      std::string Path = Dir.substr(0, Slash) + "/libgreenlint_prometheus.so";
      if (access(Path.c_str(), R_OK) == 0)
        if (void *H = dlopen(Path.c_str(), RTLD_NOW | RTLD_LOCAL))
          return H;
    }
  }
  if (void *H = dlopen("libgreenlint_prometheus.so", RTLD_NOW | RTLD_LOCAL))
    return H;
  const char *Why = dlerror();
  Error = Why ? Why : "not found";
  return nullptr;
}
} // namespace

bool parsePrometheusAddress(const std::string &Value, bool AllowRemote,
                            std::string &Address, std::string &Error) {
  size_t Colon = Value.rfind(':');
  if (Colon == std::string::npos || Colon == 0) {
    Error = "is not HOST:PORT";
    return false;
  }
  std::string Host = Value.substr(0, Colon), Port = Value.substr(Colon + 1);
  if (!allDigits(Port) || Port.size() > 5 || std::stoul(Port) == 0 ||
      std::stoul(Port) > 65535) {
    Error = "has no port between 1 and 65535";
    return false;
  }
  bool Loopback;
  unsigned First = 0;
  if (Host == "localhost") {
    Host = "127.0.0.1";
    Loopback = true;
  } else if (Host.size() > 2 && Host.front() == '[' && Host.back() == ']') {
    std::string Inner = Host.substr(1, Host.size() - 2);
    if (Inner.find_first_not_of("0123456789abcdefABCDEF:") !=
            std::string::npos ||
        Inner.find(':') == std::string::npos) {
      Error = "has a malformed IPv6 address";
      return false;
    }
    Loopback = Inner == "::1";
  } else if (parseIpv4(Host, First)) {
    Loopback = First == 127;
  } else {
    Error = "has a host that is not an IPv4 address, [IPv6] address or "
            "localhost";
    return false;
  }
  if (!Loopback && !AllowRemote) {
    Error = "is not a loopback address; metrics would be served to the "
            "network: set GREENLINT_PROMETHEUS_ALLOW_REMOTE=1 to allow it";
    return false;
  }
  Address = Host + ":" + Port;
  return true;
}

struct PrometheusExport::Api {
  decltype(&greenlint_prometheus_start) Start;
  decltype(&greenlint_prometheus_add_energy) AddEnergy;
  decltype(&greenlint_prometheus_add_cpu) AddCpu;
  decltype(&greenlint_prometheus_add_units) AddUnits;
  decltype(&greenlint_prometheus_commit) Commit;
};

std::unique_ptr<PrometheusExport>
PrometheusExport::fromEnvironment(const Session &S) {
  const char *Value = std::getenv("GREENLINT_PROMETHEUS");
  if (!Value || !*Value)
    return nullptr;
  auto Off = [](const std::string &What) {
    std::fprintf(stderr,
                 "greenlint: GREENLINT_PROMETHEUS: %s; Prometheus export is "
                 "off, recording continues\n",
                 What.c_str());
    return nullptr;
  };
  const char *Remote = std::getenv("GREENLINT_PROMETHEUS_ALLOW_REMOTE");
  std::string Address, Error;
  if (!parsePrometheusAddress(Value, Remote && std::strcmp(Remote, "1") == 0,
                              Address, Error))
    return Off(quoted(Value) + " " + Error +
               "; use e.g. GREENLINT_PROMETHEUS=127.0.0.1:9464");

  void *Lib = openExporterLibrary(Error);
  if (!Lib)
    return Off("cannot load libgreenlint_prometheus.so (" + Error +
               "); install it beside libgreenlint_rt");
  auto Fns = std::make_shared<Api>();
  Fns->Start = reinterpret_cast<decltype(Fns->Start)>(
      dlsym(Lib, "greenlint_prometheus_start"));
  Fns->AddEnergy = reinterpret_cast<decltype(Fns->AddEnergy)>(
      dlsym(Lib, "greenlint_prometheus_add_energy"));
  Fns->AddCpu = reinterpret_cast<decltype(Fns->AddCpu)>(
      dlsym(Lib, "greenlint_prometheus_add_cpu"));
  Fns->AddUnits = reinterpret_cast<decltype(Fns->AddUnits)>(
      dlsym(Lib, "greenlint_prometheus_add_units"));
  Fns->Commit = reinterpret_cast<decltype(Fns->Commit)>(
      dlsym(Lib, "greenlint_prometheus_commit"));
  if (!Fns->Start || !Fns->AddEnergy || !Fns->AddCpu || !Fns->AddUnits ||
      !Fns->Commit)
    return Off("libgreenlint_prometheus.so lacks the exporter's functions; "
               "install the one built with this runtime");

  // The SCI gauge needs a grid; without one (or with an unknown one) the
  // counters are still served.
  std::string GridId;
  double GramsPerKWh = 0;
  if (const char *Grid = std::getenv("GREENLINT_GRID"); Grid && *Grid) {
    data::GridIntensity G;
    std::string GridError;
    if (data::lookupGrid(Grid, G, GridError)) {
      GridId = G.Id;
      GramsPerKWh = G.GCO2ePerKWh;
    } else {
      std::fprintf(stderr,
                   "greenlint: GREENLINT_GRID: %s; the SCI gauge is left out "
                   "(see `greenlint grids`)\n",
                   GridError.c_str());
    }
  }
  char StartError[512] = "";
  void *Handle = Fns->Start(Address.c_str(), GridId.c_str(), GramsPerKWh,
                            StartError, sizeof StartError);
  if (!Handle)
    return Off("cannot serve metrics on " + Address + " (" + StartError +
               "); pick a free port");

  auto Out = std::unique_ptr<PrometheusExport>(new PrometheusExport());
  Out->Fns = std::move(Fns);
  Out->Handle = Handle;
  for (const auto &M : S.Meters)
    if (std::strcmp(M->name(), "nvml") != 0)
      Out->CpuSource = M->measured() ? "measured" : "modelled";
  return Out;
}

void PrometheusExport::publish(const Totals &Batch) {
  for (uint32_t Id : Batch.Touched) {
    const RegionAcc &A = Batch.Regions[Id];
    const char *Region = nameOf(Id);
    Fns->AddEnergy(Handle, Region, "cpu", CpuSource, A.Incl.CpuJ);
    Fns->AddEnergy(Handle, Region, "dram", CpuSource, A.Incl.DramJ);
    Fns->AddEnergy(Handle, Region, "gpu", GpuSource, A.Incl.GpuJ);
    Fns->AddCpu(Handle, Region, A.CpuS);
    for (const auto &U : A.Units)
      Fns->AddUnits(Handle, Region, nameOf(U.first), U.second);
  }
  Fns->Commit(Handle);
}

} // namespace rt
} // namespace greenlint
