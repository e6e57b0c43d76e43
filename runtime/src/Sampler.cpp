//===- Sampler.cpp - interval sampling, attribution and ledger records ----===//
//
// Attribution, per sample: the meters' joules for the interval are split
// between threads by their CPU time over the process's CPU time (DRAM the
// same way); GPU joules are split evenly between threads inside a region,
// because a thread driving a GPU mostly waits and burns little CPU. A
// thread's share goes to the innermost region on its stack (self) and to
// every distinct region on it (inclusive), as a profiler reports self and
// total time. CPU time of unregistered threads, and threads outside every
// region, is work the regions handed to pools (intra-op threads, OpenMP):
// it is dispatched to the regions active in the window, in proportion to
// their own shares, and goes to "(none)" only when no region is active, so
// the regions' self figures still sum to the process.
//
//===----------------------------------------------------------------------===//

#include "Sampler.h"

#include "JsonWriter.h"
#include "greenlint/data/Profile.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <signal.h>
#include <unistd.h>

#ifndef GREENLINT_VERSION
#define GREENLINT_VERSION "0.0.0"
#endif

namespace greenlint {
namespace rt {

static double clockSeconds(clockid_t C) {
  timespec Ts;
  if (::clock_gettime(C, &Ts) != 0)
    return -1;
  return static_cast<double>(Ts.tv_sec) + Ts.tv_nsec * 1e-9;
}

double monotonicSeconds() { return clockSeconds(CLOCK_MONOTONIC); }
double processCpuSeconds() { return clockSeconds(CLOCK_PROCESS_CPUTIME_ID); }

double processStartMonotonic() {
  std::string Stat;
  if (!readTextFile("/proc/self/stat", Stat))
    return -1;
  // Field 22, counted after the command name's closing parenthesis (the
  // name itself may hold spaces and parentheses).
  size_t Pos = Stat.rfind(')');
  if (Pos == std::string::npos)
    return -1;
  unsigned long long StartTicks = 0;
  if (std::sscanf(Stat.c_str() + Pos + 1,
                  " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d "
                  "%*d %*d %*d %*d %*d %llu",
                  &StartTicks) != 1)
    return -1;
  long Ticks = ::sysconf(_SC_CLK_TCK);
  double Boot = clockSeconds(CLOCK_BOOTTIME), Mono = monotonicSeconds();
  if (Ticks <= 0 || Boot < 0)
    return -1;
  double Since = Boot - static_cast<double>(StartTicks) / Ticks;
  return Since >= 0 ? Mono - Since : -1;
}

void RegionAcc::addUnits(uint32_t Unit, uint64_t N) {
  for (auto &U : Units)
    if (U.first == Unit) {
      U.second += N;
      return;
    }
  Units.emplace_back(Unit, N);
}

RegionAcc &Totals::at(uint32_t Id) {
  if (Id >= Regions.size())
    Regions.resize(std::max<size_t>(Id + 1, Regions.size() * 2));
  RegionAcc &A = Regions[Id];
  if (!A.Touched) {
    A.Touched = true;
    Touched.push_back(Id);
  }
  return A;
}

void Totals::clear() {
  for (uint32_t Id : Touched) {
    uint32_t Stamp = Regions[Id].Stamp;
    Regions[Id] = RegionAcc();
    Regions[Id].Stamp = Stamp;
  }
  Touched.clear();
  CpuS = WallS = 0;
  Energy = EnergySplit();
}

Sampler::Sampler(std::unique_ptr<Session> Sess, bool FromProcessStart)
    : S(std::move(Sess)) {
  double Now = monotonicSeconds();
  double Start = FromProcessStart ? processStartMonotonic() : -1;
  bool Whole = Start >= 0 && Start <= Now;
  StartMono = LastMono = RecordStartMono = AttemptMono = LastObsMono =
      Whole ? Start : Now;
  StartReal = clockSeconds(CLOCK_REALTIME) - (Now - StartMono);
  // The process CPU clock counts from the process's start.
  LastProcCpu = Whole ? 0 : processCpuSeconds();
  Batch.Regions.resize(64);
  All.Regions.resize(64);
  Prometheus = PrometheusExport::fromEnvironment(*S);
}

Sampler::~Sampler() = default;

bool Sampler::openLedger(std::string &Error) {
  return File.open(S->Cfg.LedgerDir, Error);
}

void Sampler::resetAfterFork() {
  File.abandon();
  StartMono = LastMono = RecordStartMono = AttemptMono = LastObsMono =
      monotonicSeconds();
  StartReal = clockSeconds(CLOCK_REALTIME);
  Observations.clear();
  Ids.clear();
  WindowSamples = 0;
  // A new process: its CPU clock starts again from zero.
  LastProcCpu = processCpuSeconds();
  SampleCount = RecordCount = BatchSamples = 0;
  Batch.clear();
  All.clear();
  UnbalancedEnds = DroppedUnits = 0;
  HeldRecords = 0;
  PendingHeader.clear();
  // The exporter's server threads stayed in the parent, which keeps the port:
  // the child neither serves nor frees them.
  [[maybe_unused]] auto *Leaked = Prometheus.release();
}

static std::vector<std::string> commandLine() {
  std::vector<std::string> Args;
  std::string Text;
  if (!readTextFile("/proc/self/cmdline", Text))
    return Args;
  size_t Pos = 0;
  while (Pos < Text.size()) {
    size_t End = Text.find('\0', Pos);
    if (End == std::string::npos)
      End = Text.size();
    Args.push_back(Text.substr(Pos, End - Pos));
    Pos = End + 1;
  }
  return Args;
}

static std::string isoTime(double Real) {
  time_t Secs = static_cast<time_t>(Real);
  tm Tm;
  gmtime_r(&Secs, &Tm);
  char Buf[40];
  std::strftime(Buf, sizeof(Buf), "%Y-%m-%dT%H:%M:%SZ", &Tm);
  return Buf;
}

std::string Sampler::announcement() const {
  std::string Line = "greenlint: recording to " + File.path() + " with ";
  for (size_t I = 0; I < S->Meters.size(); ++I) {
    const Meter &M = *S->Meters[I];
    Line += (I ? " + " : "") + std::string(M.name()) + " (" + M.detail() + ")";
  }
  if (S->Meters.empty())
    Line += "no meter";
  Line += "; chosen by " + S->MeterReason;
  if (S->Profile->Generic)
    Line += "\n" + genericProfileWarning();
  return Line;
}

std::string Sampler::genericProfileWarning() const {
  // An unknown part modelled with a generic profile must never go unseen,
  // even with GREENLINT_QUIET=1.
  return "greenlint: warning: profile " + S->ProfileSource;
}

void Sampler::writeHeader(int ParentPid) {
  std::string Out;
  JsonWriter W(Out);
  const data::HardwareProfile &P = *S->Profile;
  W.open()
      .member("type", "header")
      .member("format", "greenlint-ledger")
      .member("version", 1)
      .member("greenlint_version", GREENLINT_VERSION)
      .member("host", hostName())
      .member("pid", static_cast<int64_t>(::getpid()))
      .member("ppid", static_cast<int64_t>(ParentPid))
      .member("start_time", StartReal, "%.6f")
      .member("start_time_utc", isoTime(StartReal))
      .member("sample_ms", static_cast<int64_t>(S->Cfg.SampleMs))
      .member("flush_ms", static_cast<int64_t>(S->Cfg.FlushMs));
  W.key("command_line").openArray();
  for (const std::string &A : commandLine())
    W.value(A);
  W.closeArray();
  // Set by greenlint_add_test(): which test this process belongs to.
  if (const char *Test = std::getenv("GREENLINT_TEST"); Test && *Test)
    W.member("test", std::string(Test));
  W.key("profile")
      .open()
      .member("id", P.Id)
      .member("name", P.Name)
      .member("kind", P.Kind)
      .member("vendor", P.Vendor)
      .member("generic", P.Generic)
      .member("tdp_w", P.TdpW)
      .member("idle_w", P.IdleW)
      .member("max_w", P.MaxW)
      .member("cores", static_cast<int64_t>(P.Cores))
      .member("threads", static_cast<int64_t>(P.Threads))
      .member("source", S->ProfileSource)
      .member("power_source", P.Source)
      .member("power_year", static_cast<int64_t>(P.Year))
      .close();
  W.key("meters").openArray();
  for (const auto &M : S->Meters) {
    W.open().member("name", M->name()).member("measured", M->measured());
    W.key("domains").openArray();
    if (std::strcmp(M->name(), "nvml") == 0)
      W.value("gpu");
    else
      W.value("cpu").value("dram");
    W.closeArray().member("detail", M->detail()).close();
  }
  W.closeArray();
  W.member("meter_reason", S->MeterReason)
      .member("attribution",
              "cpu-time-share; self=innermost region, inclusive=every "
              "region on the stack; threads in no region dispatched to the "
              "active regions by share")
      .close();
  PendingHeader = std::move(Out);
  writePendingHeader();
}

bool Sampler::writePendingHeader() {
  if (PendingHeader.empty())
    return true;
  if (!File.append(PendingHeader))
    return false;
  PendingHeader.clear();
  return true;
}

void Sampler::sample(bool ForceRecord) {
  double Now = monotonicSeconds();
  ++SampleCount;
  ++BatchSamples;
  ++WindowSamples;
  bool RecordDue =
      ForceRecord || Now - AttemptMono >= S->Cfg.FlushMs * 1e-3 * 0.999;
  // Reading another thread's CPU clock is a syscall (about 1 us in a VM):
  // with many threads the clocks are read every few samples and each
  // thread's CPU time is spread over the stacks observed in between, as
  // JoularJX spreads per-thread CPU time over its stack samples.
  uint32_t Every = (LastThreadCount + ClocksPerSample - 1) / ClocksPerSample;
  bool MeasureDue = RecordDue || WindowSamples >= std::max(1u, Every);

  EnergySplit E;
  double WindowWall = 0, DProc = 0;
  if (MeasureDue) {
    WindowWall = Now - LastMono;
    double Proc = processCpuSeconds();
    DProc = std::max(0.0, Proc - LastProcCpu);
    LastMono = Now;
    LastProcCpu = Proc;
    IntervalInput In;
    In.WallS = WindowWall;
    In.ProcessCpuS = DProc;
    for (auto &M : S->Meters)
      E += M->read(In);
  }

  {
    Registry &R = registry();
    std::lock_guard<std::mutex> Lock(R.Mutex);
    uint32_t Count = 0;
    double ObsWall = Now - LastObsMono;
    for (ThreadState *T = R.Head; T; T = T->Next) {
      ++Count;
      // An exited thread's stack is gone: its last CPU time is spread over
      // the stacks seen while it lived.
      if (T->Exited)
        continue;
      Obs O;
      O.T = T;
      O.WallS = ObsWall;
      uint32_t Depth = T->Depth.load(std::memory_order_acquire);
      O.First = static_cast<uint32_t>(Ids.size());
      O.Count = std::min(Depth, MaxDepth);
      for (uint32_t I = 0; I < O.Count; ++I)
        Ids.push_back(T->Stack[I].load(std::memory_order_relaxed));
      Observations.push_back(O);
      ++T->WindowObs;
    }
    LastThreadCount = Count;
    LastObsMono = Now;
    if (MeasureDue) {
      for (ThreadState *T = R.Head; T; T = T->Next) {
        double Cpu = T->Exited ? T->FinalCpuS : clockSeconds(T->CpuClock);
        if (Cpu < 0)
          Cpu = T->LastCpuS;
        T->WindowCpuS = std::max(0.0, Cpu - T->LastCpuS);
        T->LastCpuS = Cpu;
      }
      attributeWindow(E, DProc, WindowWall);
    }
  }
  if (RecordDue)
    emitRecord();
}

void Sampler::attributeWindow(const EnergySplit &E, double DProc,
                              double WindowWall) {
  double SumThreads = 0;
  uint32_t InRegionObs = 0;
  for (const Obs &O : Observations) {
    InRegionObs += O.Count ? 1 : 0;
    if (O.T->WindowObs) {
      SumThreads += O.T->WindowCpuS;
      O.T->WindowShare = 1.0 / O.T->WindowObs;
      O.T->WindowObs = 0; // counted once; WindowShare remembers the split
    }
  }
  // Clocks are read microseconds apart: never hand out more than all.
  double Denom = std::max(DProc, SumThreads);
  Batch.CpuS += DProc;
  Batch.WallS += WindowWall;
  Batch.Energy += E;

  auto Charge = [&](uint32_t Id, bool Self, double Cpu, const EnergySplit &J,
                    double WallS, bool Dispatched) {
    RegionAcc &A = Batch.at(Id);
    if (Self) {
      A.SelfCpuS += Cpu;
      A.Self += J;
      if (Dispatched) {
        A.DispatchedCpuS += Cpu;
        A.Dispatched += J;
      }
    }
    if (A.Stamp != Stamp) {
      A.Stamp = Stamp;
      A.CpuS += Cpu;
      A.Incl += J;
      A.WallS += WallS;
    }
  };

  double Claimed = 0;
  for (Obs &O : Observations) {
    if (!O.Count)
      continue; // dispatched or charged to "(none)" below with the rest
    double F = Denom > 0 ? O.T->WindowCpuS / Denom * O.T->WindowShare : 0;
    O.Frac = F;
    EnergySplit J;
    J.CpuJ = E.CpuJ * F;
    J.DramJ = E.DramJ * F;
    J.GpuJ = E.GpuJ / InRegionObs;
    Claimed += F;
    double Cpu = O.T->WindowCpuS * O.T->WindowShare;
    ++Stamp; // each observed stack is deduplicated on its own
    const uint32_t *Stack = Ids.data() + O.First;
    Charge(Stack[O.Count - 1], true, Cpu, J, O.WallS, false);
    for (uint32_t I = 0; I + 1 < O.Count; ++I)
      Charge(Stack[I], false, Cpu, J, O.WallS, false);
  }
  // Threads outside regions, unregistered threads and the sampler itself.
  double Unclaimed = std::max(0.0, 1.0 - Claimed);
  EnergySplit Rest;
  Rest.CpuJ = E.CpuJ * Unclaimed;
  Rest.DramJ = E.DramJ * Unclaimed;
  Rest.GpuJ = InRegionObs ? 0 : E.GpuJ;
  double RestCpu = DProc * Unclaimed;
  if (RestCpu <= 0 && Rest.total() <= 0) {
    // Nothing left over.
  } else if (InRegionObs) {
    // Work the active regions handed to pools: shared out by their own
    // shares, evenly when none of them burned CPU itself (all waiting).
    for (const Obs &O : Observations) {
      if (!O.Count)
        continue;
      double W = Claimed > 0 ? O.Frac / Claimed : 1.0 / InRegionObs;
      EnergySplit J;
      J.CpuJ = Rest.CpuJ * W;
      J.DramJ = Rest.DramJ * W;
      double Cpu = RestCpu * W;
      ++Stamp;
      const uint32_t *Stack = Ids.data() + O.First;
      Charge(Stack[O.Count - 1], true, Cpu, J, 0, true);
      for (uint32_t I = 0; I + 1 < O.Count; ++I)
        Charge(Stack[I], false, Cpu, J, 0, true);
    }
  } else {
    ++Stamp;
    Charge(NoRegionId, true, RestCpu, Rest, 0, false);
  }
  Observations.clear();
  Ids.clear();
  WindowSamples = 0;
}

void Sampler::harvestCounters() {
  Registry &R = registry();
  std::lock_guard<std::mutex> Lock(R.Mutex);
  ThreadState **Link = &R.Head;
  while (ThreadState *T = *Link) {
    for (uint32_t C = 0; C < MaxNames / ChunkSize; ++C) {
      CallChunk *Chunk = T->Chunks[C].load(std::memory_order_acquire);
      if (!Chunk)
        continue;
      for (uint32_t I = 0; I < ChunkSize; ++I) {
        uint64_t V = Chunk->Calls[I].load(std::memory_order_relaxed);
        if (V != Chunk->Seen[I]) {
          Batch.at(C * ChunkSize + I).Calls += V - Chunk->Seen[I];
          Chunk->Seen[I] = V;
        }
      }
    }
    for (UnitSlot &U : T->Units) {
      uint64_t Key = U.Key.load(std::memory_order_acquire);
      if (!Key)
        continue;
      uint64_t V = U.Count.load(std::memory_order_relaxed);
      if (V != U.Seen) {
        Batch.at(static_cast<uint32_t>(Key >> 32))
            .addUnits(static_cast<uint32_t>(Key), V - U.Seen);
        U.Seen = V;
      }
    }
    uint64_t Ends = T->UnbalancedEnds.load(std::memory_order_relaxed);
    uint64_t Drops = T->DroppedUnits.load(std::memory_order_relaxed);
    if (T->Exited) {
      // Its counts are in the batch now; the thread is gone.
      UnbalancedEnds += Ends;
      DroppedUnits += Drops;
      *Link = T->Next;
      for (auto &C : T->Chunks)
        delete C.load(std::memory_order_relaxed);
      delete T;
      continue;
    }
    Link = &T->Next;
  }
}

void Sampler::appendRegion(JsonWriter &W, uint32_t Id, const RegionAcc &A) {
  auto Split = [&W](const char *Key, const EnergySplit &J) {
    W.key(Key)
        .open()
        .member("cpu", J.CpuJ)
        .member("dram", J.DramJ)
        .member("gpu", J.GpuJ)
        .close();
  };
  W.open().member("name", nameOf(Id));
  Split("energy_j", A.Incl);
  Split("self_energy_j", A.Self);
  Split("dispatched_energy_j", A.Dispatched);
  W.member("cpu_s", A.CpuS, "%.9g")
      .member("self_cpu_s", A.SelfCpuS, "%.9g")
      .member("dispatched_cpu_s", A.DispatchedCpuS, "%.9g")
      .member("wall_s", A.WallS, "%.9g")
      .member("calls", A.Calls);
  W.counts("units", A.Units, nameOf).close();
}

void Sampler::fold(Totals &Into, const Totals &From) {
  Into.CpuS += From.CpuS;
  Into.WallS += From.WallS;
  Into.Energy += From.Energy;
  for (uint32_t Id : From.Touched) {
    const RegionAcc &F = From.Regions[Id];
    RegionAcc &T = Into.at(Id);
    T.Incl += F.Incl;
    T.Self += F.Self;
    T.Dispatched += F.Dispatched;
    T.CpuS += F.CpuS;
    T.SelfCpuS += F.SelfCpuS;
    T.DispatchedCpuS += F.DispatchedCpuS;
    T.WallS += F.WallS;
    T.Calls += F.Calls;
    for (const auto &U : F.Units)
      T.addUnits(U.first, U.second);
  }
}

static void appendProcess(JsonWriter &W, const Totals &T) {
  W.key("process")
      .open()
      .member("cpu_s", T.CpuS, "%.9g")
      .member("wall_s", T.WallS, "%.9g");
  W.key("energy_j")
      .open()
      .member("cpu", T.Energy.CpuJ)
      .member("dram", T.Energy.DramJ)
      .member("gpu", T.Energy.GpuJ)
      .close()
      .close();
}

void Sampler::emitRecord() {
  harvestCounters();
  double Now = LastMono;
  // A record that fails is retried a flush period later, not every sample.
  AttemptMono = Now;
  std::string Out;
  JsonWriter W(Out);
  W.open()
      .member("type", "sample")
      .member("seq", RecordCount)
      .member("t0", StartReal + (RecordStartMono - StartMono), "%.6f")
      .member("t", StartReal + (Now - StartMono), "%.6f")
      .member("interval_s", Now - RecordStartMono, "%.9g")
      .member("samples", BatchSamples);
  if (HeldRecords)
    W.member("write_failures", HeldRecords);
  appendProcess(W, Batch);
  W.key("regions").openArray();
  std::sort(Batch.Touched.begin(), Batch.Touched.end());
  for (uint32_t Id : Batch.Touched)
    appendRegion(W, Id, Batch.Regions[Id]);
  W.closeArray().close();
  if (!writePendingHeader() || !File.append(Out)) {
    // The batch stays: the next record covers this interval too, so a disk
    // that frees up loses no figures and seq and t0 stay contiguous.
    ++HeldRecords;
    return;
  }
  HeldRecords = 0;
  if (Prometheus)
    Prometheus->publish(Batch);
  fold(All, Batch);
  Batch.clear();
  ++RecordCount;
  BatchSamples = 0;
  RecordStartMono = Now;
}

void Sampler::writeFooter(const char *Reason, int Signal) {
  sample(true);
  uint64_t Ends = UnbalancedEnds, Drops = DroppedUnits;
  {
    Registry &R = registry();
    std::lock_guard<std::mutex> Lock(R.Mutex);
    for (ThreadState *T = R.Head; T; T = T->Next) {
      Ends += T->UnbalancedEnds.load(std::memory_order_relaxed);
      Drops += T->DroppedUnits.load(std::memory_order_relaxed);
    }
  }
  std::string Out;
  JsonWriter W(Out);
  W.open()
      .member("type", "footer")
      .member("t", StartReal + (LastMono - StartMono), "%.6f")
      .member("reason", Reason);
  if (Signal) {
    const char *Name = Signal == SIGINT    ? "SIGINT"
                       : Signal == SIGTERM ? "SIGTERM"
                                           : "signal";
    W.member("signal", Name);
  }
  W.member("duration_s", LastMono - StartMono, "%.9g")
      .member("samples", SampleCount)
      .member("records", RecordCount)
      .member("unbalanced_ends", Ends)
      .member("dropped_units", Drops)
      .member("write_failures", File.failures());
  // Figures no record holds: the interval whose record could not be written.
  double UnwrittenS = HeldRecords ? LastMono - RecordStartMono : 0;
  if (File.failures())
    W.member("write_error", File.firstError())
        .member("unwritten_s", UnwrittenS, "%.9g");
  appendProcess(W, All);
  W.key("regions").openArray();
  std::sort(All.Touched.begin(), All.Touched.end());
  for (uint32_t Id : All.Touched)
    appendRegion(W, Id, All.Regions[Id]);
  W.closeArray().close();
  if (writePendingHeader() && File.append(Out))
    return;
  if (!File.isOpen())
    return;
  // Nothing in the file can say what is missing: stderr is the only witness.
  if (!PendingHeader.empty())
    std::fprintf(stderr,
                 "greenlint: ledger %s holds nothing of this %.3g s run: %llu "
                 "writes failed (%s); free space there and re-run\n",
                 File.path().c_str(), LastMono - StartMono,
                 static_cast<unsigned long long>(File.failures()),
                 File.firstError().c_str());
  else
    std::fprintf(stderr,
                 "greenlint: ledger %s lacks the last %.3g s of this %.3g s "
                 "run and its footer: %llu writes failed (%s); a report takes "
                 "it for a crash that lost only one interval, so re-run with "
                 "free space there\n",
                 File.path().c_str(), LastMono - RecordStartMono,
                 LastMono - StartMono,
                 static_cast<unsigned long long>(File.failures()),
                 File.firstError().c_str());
}

} // namespace rt
} // namespace greenlint
