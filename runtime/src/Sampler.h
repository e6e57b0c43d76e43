//===- Sampler.h - interval sampling, attribution and records ---*- C++ -*-===//
#ifndef GREENLINT_RUNTIME_SAMPLER_H
#define GREENLINT_RUNTIME_SAMPLER_H

#include "Ledger.h"
#include "PrometheusExport.h"
#include "Session.h"

#include <utility>

namespace greenlint {
namespace rt {

struct RegionAcc {
  EnergySplit Incl, Self;
  // The part of Self handed over from threads in no region (pool workers).
  EnergySplit Dispatched;
  double CpuS = 0, SelfCpuS = 0, DispatchedCpuS = 0, WallS = 0;
  uint64_t Calls = 0;
  std::vector<std::pair<uint32_t, uint64_t>> Units; // unit id, count
  uint32_t Stamp = 0; // last sample that counted it inclusively
  bool Touched = false;
  void addUnits(uint32_t Unit, uint64_t N);
};

struct Totals {
  double CpuS = 0, WallS = 0;
  EnergySplit Energy;
  std::vector<RegionAcc> Regions;
  std::vector<uint32_t> Touched;
  RegionAcc &at(uint32_t Id);
  void clear();
};

// Thread CPU clocks read per sample at most; more threads stretch the
// window between clock reads instead.
constexpr uint32_t ClocksPerSample = 8;

// All methods run under the runtime's sampler mutex.
class Sampler {
public:
  // FromProcessStart: the first interval starts when the process did (exec
  // or fork), not now, so what ran before the runtime (other libraries'
  // constructors, loading) is in the process's figures.
  Sampler(std::unique_ptr<Session> S, bool FromProcessStart);
  ~Sampler();
  bool openLedger(std::string &Error);
  void writeHeader(int ParentPid);
  // Takes one sample; writes a record when the flush period has passed or
  // ForceRecord is set.
  void sample(bool ForceRecord);
  void writeFooter(const char *Reason, int Signal);
  // A forked child keeps the session but none of the parent's numbers.
  void resetAfterFork();
  const Session &session() const { return *S; }
  Ledger &ledger() { return File; }
  uint64_t samples() const { return SampleCount; }
  // One line for stderr saying which meter and why.
  std::string announcement() const;
  /// The one line GREENLINT_QUIET=1 keeps: the run is modelled with a
  /// generic profile (an unknown CPU or GPU).
  std::string genericProfileWarning() const;

private:
  void harvestCounters();
  void attributeWindow(const EnergySplit &E, double DProc, double WindowWall);
  void emitRecord();
  // Writes the header if an earlier attempt failed; records need it first.
  bool writePendingHeader();
  void appendRegion(class JsonWriter &W, uint32_t Id, const RegionAcc &A);
  void fold(Totals &Into, const Totals &From);

  std::unique_ptr<Session> S;
  Ledger File;
  double StartMono = 0, StartReal = 0;
  double LastMono = 0, LastProcCpu = 0, RecordStartMono = 0, LastObsMono = 0;
  double AttemptMono = 0; // the last record written or tried
  uint64_t SampleCount = 0, RecordCount = 0, BatchSamples = 0;
  uint32_t Stamp = 0, WindowSamples = 0, LastThreadCount = 0;
  Totals Batch, All;
  // One thread's stack as one sample saw it, awaiting the window's CPU.
  struct Obs {
    ThreadState *T;
    double WallS;
    double Frac; // its share of the window's CPU joules
    uint32_t First, Count;
  };
  std::vector<Obs> Observations;
  std::vector<uint32_t> Ids;
  uint64_t UnbalancedEnds = 0, DroppedUnits = 0;
  // Records whose write failed; their figures are still in Batch.
  uint64_t HeldRecords = 0;
  std::string PendingHeader;
  // Null unless GREENLINT_PROMETHEUS is set (docs/prometheus.md).
  std::unique_ptr<PrometheusExport> Prometheus;
};

double monotonicSeconds();
double processCpuSeconds();
// CLOCK_MONOTONIC at the process's start (/proc/self/stat), or -1.
double processStartMonotonic();

} // namespace rt
} // namespace greenlint

#endif
