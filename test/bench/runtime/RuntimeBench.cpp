// Region overhead and sampler cost. Run without GREENLINT_LEDGER: the first
// benchmark measures the disabled path, then the process turns recording on
// itself (ledger in a scratch folder) for the rest.
//   greenlint_runtime_bench --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true
#include "Runtime.h"
#include "greenlint/greenlint.h"

#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace rt = greenlint::rt;

static void startRecording(benchmark::State &State) {
  static bool Started = [] {
    char Tmpl[] = "/tmp/greenlint-bench-XXXXXX";
    const char *Dir = mkdtemp(Tmpl);
    setenv("GREENLINT_LEDGER", Dir ? Dir : "/tmp", 1);
    setenv("GREENLINT_METER", "model", 1);
    setenv("GREENLINT_QUIET", "1", 1);
    setenv("GREENLINT_SAMPLE_MS", "10", 1);
    return rt::initialiseFromEnvironment();
  }();
  if (!Started)
    State.SkipWithError("could not start recording");
}

static void BM_RegionPairDisabled(benchmark::State &State) {
  if (rt::recording()) {
    State.SkipWithError("GREENLINT_LEDGER is set: not the disabled path");
    return;
  }
  for (auto _ : State) {
    greenlint_region_begin("infer:Server::handle");
    greenlint_region_end();
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_RegionPairDisabled);

static void BM_RegionPairRecording(benchmark::State &State) {
  startRecording(State);
  for (auto _ : State) {
    greenlint_region_begin("infer:Server::handle");
    greenlint_region_end();
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_RegionPairRecording);

static void BM_NestedPairRecording(benchmark::State &State) {
  startRecording(State);
  greenlint_region_begin("train:epoch");
  for (auto _ : State) {
    greenlint_region_begin("train:step");
    greenlint_region_end();
    benchmark::ClobberMemory();
  }
  greenlint_region_end();
}
BENCHMARK(BM_NestedPairRecording);

static void BM_UnitsRecording(benchmark::State &State) {
  startRecording(State);
  greenlint_region_begin("infer:decode");
  for (auto _ : State) {
    greenlint_units("token", 1);
    benchmark::ClobberMemory();
  }
  greenlint_region_end();
}
BENCHMARK(BM_UnitsRecording);

// Arg threads (0 and 64) sit inside regions while the sampler runs at 10 ms;
// the cost is the sampler thread's own CPU clock over the wall time.
static void BM_SamplerCost(benchmark::State &State) {
  startRecording(State);
  std::mutex M;
  std::condition_variable Cv;
  bool Done = false;
  std::atomic<int> Ready{0};
  std::vector<std::thread> Threads;
  const int N = static_cast<int>(State.range(0));
  for (int I = 0; I < N; ++I)
    Threads.emplace_back([&] {
      greenlint_region_begin("serve:worker");
      greenlint_region_begin("serve:wait");
      ++Ready;
      std::unique_lock<std::mutex> Lock(M);
      Cv.wait(Lock, [&] { return Done; });
      greenlint_region_end();
      greenlint_region_end();
    });
  while (Ready.load() < N)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  double Ratio = 0;
  uint64_t Samples = 0;
  for (auto _ : State) {
    double Cpu0 = rt::samplerCpuSeconds();
    uint64_t S0 = rt::samplesTaken();
    auto T0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(3));
    double Wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - T0)
            .count();
    Ratio = (rt::samplerCpuSeconds() - Cpu0) / Wall;
    Samples = rt::samplesTaken() - S0;
  }
  {
    std::lock_guard<std::mutex> Lock(M);
    Done = true;
  }
  Cv.notify_all();
  for (auto &T : Threads)
    T.join();
  State.counters["sampler_cpu_pct_of_core"] = Ratio * 100;
  State.counters["samples"] = static_cast<double>(Samples);
}
BENCHMARK(BM_SamplerCost)
    ->Arg(0)
    ->Arg(64)
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
