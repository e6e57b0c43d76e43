//===- Runtime.h - internal state of libgreenlint_rt ------------*- C++ -*-===//
//
// Threads write only their own ThreadState (a region stack of name ids and
// call/unit counters); the sampler reads them all. Single-writer relaxed
// atomics make the hot path plain loads and stores on x86 and AArch64 while
// keeping the sampler's concurrent reads defined.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RUNTIME_RUNTIME_H
#define GREENLINT_RUNTIME_RUNTIME_H

#include "meters/Meter.h"

#include <atomic>
#include <cstdint>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace greenlint {
namespace rt {

constexpr uint32_t MaxNames = 1u << 16; // region and unit names together
constexpr uint32_t ChunkSize = 256;
constexpr uint32_t MaxDepth = 128;
constexpr uint32_t CacheSize = 256;
constexpr uint32_t UnitSlots = 256;
// Name id 0 collects what no region covers.
constexpr uint32_t NoRegionId = 0;
extern const char *const NoRegionName;

struct CallChunk {
  std::atomic<uint64_t> Calls[ChunkSize];
  uint64_t Seen[ChunkSize]; // sampler only: value at the last harvest
};

struct UnitSlot {
  // (region id << 32) | unit id; unit ids are never 0, so 0 means free.
  std::atomic<uint64_t> Key;
  std::atomic<uint64_t> Count;
  uint64_t Seen;
};

struct ThreadState {
  // Written by the owning thread.
  std::atomic<uint32_t> Depth;
  std::atomic<uint32_t> Stack[MaxDepth];
  struct CacheEntry {
    const char *Ptr;
    uint32_t Id;
  } Cache[CacheSize];
  std::atomic<CallChunk *> Chunks[MaxNames / ChunkSize];
  UnitSlot Units[UnitSlots];
  std::atomic<uint64_t> UnbalancedEnds;
  std::atomic<uint64_t> DroppedUnits;

  // Guarded by Runtime::RegistryMutex.
  clockid_t CpuClock;
  bool Exited;
  double FinalCpuS;
  double LastCpuS; // sampler only, as are the Window fields
  double WindowCpuS;
  double WindowShare;
  uint32_t WindowObs;
  ThreadState *Next;
};

// Environment-derived settings.
struct Config {
  std::string LedgerDir;
  std::string MeterSpec = "auto";
  std::string ProfileSpec;
  std::string SysfsRoot = "/";
  std::string NvmlLib = "libnvidia-ml.so.1";
  unsigned SampleMs = 10;
  unsigned FlushMs = 100;
  bool Quiet = false;
};

// Every ThreadState that has not been retired yet.
struct Registry {
  std::mutex Mutex;
  ThreadState *Head = nullptr;
};
Registry &registry();

// Interns a name; ids are stable for the life of the process.
uint32_t internName(const char *Name);
const char *nameOf(uint32_t Id);
uint32_t nameCount();

// Reads GREENLINT_* and starts recording if GREENLINT_LEDGER is set; run by
// the library constructor, callable again by benchmarks after setenv.
// Returns whether recording is on.
bool initialiseFromEnvironment();
// Stops the sampler and writes the footer; recording stays off afterwards.
void shutdownRecording(const char *Reason);
bool recording();

// Test hooks.
uint32_t currentDepth();
const std::string &ledgerPath();
double samplerCpuSeconds();
uint64_t samplesTaken();

} // namespace rt
} // namespace greenlint

#endif // GREENLINT_RUNTIME_RUNTIME_H
