//===- PerfMeter.cpp - RAPL through the perf_event power PMU --------------===//
//
// The power PMU counts per socket; it is opened system-wide (pid -1) on the
// first CPU of each socket listed in its cpumask, which needs
// perf_event_paranoid <= 0 or CAP_PERFMON. energy-pkg and energy-ram do not
// overlap, so both are summed; energy-cores and energy-psys are not used.
//
//===----------------------------------------------------------------------===//

#include "meters/Meter.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <linux/perf_event.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace greenlint {
namespace rt {

static std::string trimmed(std::string S) {
  while (!S.empty() && (S.back() == '\n' || S.back() == ' '))
    S.pop_back();
  return S;
}

// "event=0x02" or "event=0x02,umask=..." : only event= is used by the
// power PMU.
static bool parseEventConfig(const std::string &Text, uint64_t &Config) {
  size_t P = Text.find("event=");
  if (P == std::string::npos)
    return false;
  Config = std::strtoull(Text.c_str() + P + 6, nullptr, 0);
  return true;
}

// "0-3" or "0,64" style cpu lists.
static std::vector<int> parseCpuList(const std::string &Text) {
  std::vector<int> Out;
  const char *P = Text.c_str();
  while (*P) {
    char *End;
    long A = std::strtol(P, &End, 10);
    if (End == P)
      break;
    long B = A;
    P = End;
    if (*P == '-') {
      B = std::strtol(P + 1, &End, 10);
      P = End;
    }
    for (long I = A; I <= B; ++I)
      Out.push_back(static_cast<int>(I));
    while (*P == ',' || *P == '\n' || *P == ' ')
      ++P;
  }
  return Out;
}

bool PerfMeter::describePmu(const std::string &Root, int &Type,
                            std::vector<Event> &Events, std::vector<int> &Cpus,
                            std::string &Reason) {
  std::string Dir = underRoot(Root, "/sys/bus/event_source/devices/power");
  std::string Text;
  if (!readTextFile(Dir + "/type", Text)) {
    Reason = "no perf power PMU at " + Dir;
    return false;
  }
  Type = std::atoi(Text.c_str());
  Events.clear();
  for (const char *Name : {"energy-pkg", "energy-ram"}) {
    Event E;
    E.Name = Name;
    E.Domain = std::strcmp(Name, "energy-ram") == 0 ? "dram" : "cpu";
    if (!readTextFile(Dir + "/events/" + Name, Text) ||
        !parseEventConfig(Text, E.Config))
      continue;
    if (!readTextFile(Dir + "/events/" + Name + ".scale", Text))
      continue;
    E.Scale = std::strtod(Text.c_str(), nullptr);
    if (E.Scale <= 0)
      continue;
    Events.push_back(std::move(E));
  }
  if (Events.empty()) {
    Reason = "perf power PMU at " + Dir + " has no energy-pkg event";
    return false;
  }
  Cpus.clear();
  if (readTextFile(Dir + "/cpumask", Text))
    Cpus = parseCpuList(trimmed(Text));
  if (Cpus.empty())
    Cpus.push_back(0);
  return true;
}

std::unique_ptr<PerfMeter> PerfMeter::open(const std::string &Root,
                                           std::string &Reason) {
  int Type;
  std::vector<Event> Events;
  std::vector<int> Cpus;
  if (!describePmu(Root, Type, Events, Cpus, Reason))
    return nullptr;
  std::unique_ptr<PerfMeter> M(new PerfMeter(Root));
  for (Event &E : Events) {
    for (int Cpu : Cpus) {
      perf_event_attr Attr;
      std::memset(&Attr, 0, sizeof(Attr));
      Attr.size = sizeof(Attr);
      Attr.type = static_cast<uint32_t>(Type);
      Attr.config = E.Config;
      long Fd = ::syscall(SYS_perf_event_open, &Attr, -1, Cpu, -1,
                          PERF_FLAG_FD_CLOEXEC);
      if (Fd < 0) {
        int Err = errno;
        for (int F : E.Fds)
          ::close(F);
        E.Fds.clear();
        if (E.Name == "energy-pkg") {
          Reason = std::string("perf_event_open(power/") + E.Name +
                   "/) failed: " + std::strerror(Err) +
                   (Err == EACCES || Err == EPERM
                        ? " (needs perf_event_paranoid <= 0 or CAP_PERFMON)"
                        : "");
          return nullptr;
        }
        break;
      }
      E.Fds.push_back(static_cast<int>(Fd));
      uint64_t V = 0;
      if (::read(static_cast<int>(Fd), &V, sizeof(V)) != sizeof(V))
        V = 0;
      E.Last.push_back(V);
    }
    if (!E.Fds.empty())
      M->Events.push_back(std::move(E));
  }
  if (M->Events.empty()) {
    Reason = "no perf power event could be opened";
    return nullptr;
  }
  return M;
}

PerfMeter::~PerfMeter() {
  for (Event &E : Events)
    for (int F : E.Fds)
      ::close(F);
}

std::string PerfMeter::detail() const {
  std::string S = "perf power PMU:";
  for (const Event &E : Events)
    S += " " + E.Name + "(" + E.Domain + ", " + std::to_string(E.Fds.size()) +
         " socket" + (E.Fds.size() == 1 ? "" : "s") + ")";
  return S;
}

EnergySplit PerfMeter::read(const IntervalInput &In) {
  EnergySplit Out;
  for (Event &E : Events) {
    for (size_t I = 0; I < E.Fds.size(); ++I) {
      uint64_t V;
      if (::read(E.Fds[I], &V, sizeof(V)) != sizeof(V))
        continue;
      // The kernel accumulates the 32-bit MSR into 64 bits: no wrap here.
      double J = static_cast<double>(V - E.Last[I]) * E.Scale;
      E.Last[I] = V;
      (E.Domain == "dram" ? Out.DramJ : Out.CpuJ) += J;
    }
  }
  double S = Share.update(In.ProcessCpuS);
  Out.CpuJ *= S;
  Out.DramJ *= S;
  return Out;
}

} // namespace rt
} // namespace greenlint
