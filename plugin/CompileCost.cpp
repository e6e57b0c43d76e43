//===- CompileCost.cpp ----------------------------------------------------===//
//
// Energy uses the runtime's model meter (runtime/src/meters/ModelMeter.cpp):
// with N logical CPUs and U = CPU s / (wall s x N), the compile is charged
// E = P(U)/N x CPU seconds, its share of the machine's power at that load.
//
//===----------------------------------------------------------------------===//
#include "CompileCost.h"
#include "greenlint/data/Profile.h"
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/resource.h>

namespace greenlint {
namespace {

struct ClockReading {
  std::chrono::steady_clock::time_point Wall;
  double CpuS = 0;
};

struct QueuedFacts {
  FactsFile Facts;
  std::string Dir;
  bool Charged = false;
  double WallS = 0, CpuS = 0;
};

struct CompileClock {
  bool Started = false;
  bool ExitHandlerRegistered = false;
  int TranslationUnits = 0;
  ClockReading SegmentStart;
  std::vector<QueuedFacts> Queue;
};

// Never destroyed: the atexit handler may run after static destructors of
// this library would have.
CompileClock &clockState() {
  static CompileClock *State = new CompileClock;
  return *State;
}

ClockReading readClock() {
  ClockReading R;
  R.Wall = std::chrono::steady_clock::now();
  struct rusage Usage;
  if (getrusage(RUSAGE_SELF, &Usage) == 0)
    R.CpuS = Usage.ru_utime.tv_sec + Usage.ru_utime.tv_usec / 1e6 +
             Usage.ru_stime.tv_sec + Usage.ru_stime.tv_usec / 1e6;
  return R;
}

/// Charges every uncharged queued file the time since the segment started.
void chargeSegment(CompileClock &State, const ClockReading &Now) {
  for (QueuedFacts &Q : State.Queue) {
    if (Q.Charged)
      continue;
    Q.WallS = std::chrono::duration<double>(Now.Wall - State.SegmentStart.Wall)
                  .count();
    Q.CpuS = std::max(0.0, Now.CpuS - State.SegmentStart.CpuS);
    Q.Charged = true;
  }
  State.SegmentStart = Now;
}

std::string envOrEmpty(const char *Name) {
  const char *V = std::getenv(Name);
  return V ? V : "";
}

std::string number(double V) {
  char B[32];
  std::snprintf(B, sizeof B, "%.4g", V);
  return B;
}

void rewriteQueuedFacts() {
  CompileClock &State = clockState();
  chargeSegment(State, readClock());
  // The same variables the runtime reads, so build and run share a profile.
  std::string Spec = envOrEmpty("GREENLINT_PROFILE");
  std::string Cpuinfo = envOrEmpty("GREENLINT_SYSFS_ROOT") + "/proc/cpuinfo";
  for (QueuedFacts &Q : State.Queue) {
    Q.Facts.Compile = compileCostJson(Q.WallS, Q.CpuS, Spec, Cpuinfo);
    std::string Error;
    if (!Q.Facts.write(Q.Dir, Error))
      std::fprintf(stderr, "warning: %s (its compile cost is not recorded)\n",
                   Error.c_str());
  }
  State.Queue.clear();
}

} // namespace

void startCompileClock() {
  CompileClock &State = clockState();
  if (State.Started)
    return;
  State.Started = true;
  State.SegmentStart = readClock();
}

void beginTranslationUnitCost() {
  CompileClock &State = clockState();
  // The first unit's segment starts when the plugin was loaded.
  if (!State.Started || State.TranslationUnits++ == 0)
    return;
  chargeSegment(State, readClock());
}

void rewriteFactsAtExit(const FactsFile &Facts, const std::string &Dir) {
  CompileClock &State = clockState();
  if (!State.Started)
    return;
  State.Queue.push_back({Facts, Dir});
  if (!State.ExitHandlerRegistered)
    State.ExitHandlerRegistered = std::atexit(rewriteQueuedFacts) == 0;
}

nlohmann::ordered_json compileCostJson(double WallS, double CpuS,
                                       const std::string &ProfileSpec,
                                       const std::string &CpuinfoPath) {
  nlohmann::ordered_json J;
  J["wall_s"] = WallS;
  J["cpu_s"] = CpuS;
  J["energy_j"] = nullptr;
  J["profile"] = "";
  data::HardwareProfile Profile;
  std::string Note;
  if (!ProfileSpec.empty()) {
    std::string Error;
    Note = "GREENLINT_PROFILE=" + ProfileSpec;
    if (!data::loadProfile(ProfileSpec, Profile, Error)) {
      J["profile_note"] = Note;
      J["method"] = "not modelled: " + Error +
                    "; set GREENLINT_PROFILE to a CPU profile id (greenlint "
                    "profiles --kind cpu lists them) or unset it to detect "
                    "the CPU";
      return J;
    }
  } else {
    std::ifstream In(CpuinfoPath);
    std::stringstream Text;
    Text << In.rdbuf();
    Profile = data::detectCpuProfile(Text.str(), Note);
    Note = "detected from " + CpuinfoPath + (In ? "" : " (unreadable)") + "; " +
           Note;
  }
  J["profile"] = Profile.Id;
  J["profile_note"] = Note;
  if (Profile.Kind != "cpu") {
    J["method"] = "not modelled: profile '" + Profile.Id + "' is a " +
                  Profile.Kind +
                  " profile and the compiler runs on the CPU; set "
                  "GREENLINT_PROFILE to a CPU profile id or unset it";
    return J;
  }
  int Logical = Profile.Threads > 0 ? Profile.Threads : Profile.Cores;
  double N = Logical > 0 ? Logical : 1;
  double U = WallS > 0 ? std::clamp(CpuS / (WallS * N), 0.0, 1.0) : 0.0;
  double PowerW = Profile.powerAtUtilisation(U);
  J["energy_j"] = PowerW / N * std::min(CpuS, WallS * N);
  std::string Source =
      Profile.Source.empty()
          ? std::string()
          : "; power figures: " + Profile.Source +
                (Profile.Year ? ", " + std::to_string(Profile.Year) : "");
  J["method"] = "modelled from profile " + Profile.Id + " (" + Profile.Name +
                ", TDP " + number(Profile.TdpW) + " W, " + number(N) +
                " logical CPUs" + Source + "): E = P(U)/" + number(N) +
                " x CPU s with U = CPU s/(wall s x " + number(N) +
                ") = " + number(U) + " and P(U) = " + number(PowerW) +
                " W, as the runtime's model meter";
  return J;
}

} // namespace greenlint
