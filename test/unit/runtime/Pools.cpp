// Measured programs whose work runs on threads that never call greenlint:
// the region's thread hands the work to a pool and waits, as LibTorch's
// intra-op pool and OpenMP do. The runtime tests check that the region, not
// "(none)", is charged for it.
//   greenlint_rt_pools threads SECONDS   a std::thread pool of 3 workers
//   greenlint_rt_pools openmp SECONDS    an OpenMP parallel loop (3 threads)
//   greenlint_rt_pools prestart SECONDS  burns SECONDS in a constructor that
//                                        runs before main, then a short region
// SECONDS is CPU time per worker. Prints "done" when finished.
#include "greenlint/region.hpp"

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

double threadCpu() {
  timespec Ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &Ts);
  return Ts.tv_sec + Ts.tv_nsec * 1e-9;
}

volatile unsigned long Sink;

void burn(double Seconds) {
  double End = threadCpu() + Seconds;
  unsigned long X = 1;
  while (threadCpu() < End)
    for (int I = 0; I < 20000; ++I)
      X = X * 6364136223846793005ul + 1442695040888963407ul;
  Sink = X;
}

// A long-lived pool: workers wait on a queue and never call greenlint.
class Pool {
public:
  explicit Pool(int Workers) {
    for (int I = 0; I < Workers; ++I)
      Threads.emplace_back([this] { work(); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> Lock(M);
      Stop = true;
    }
    Ready.notify_all();
    for (auto &T : Threads)
      T.join();
  }
  // Runs every task on the pool and waits (without burning CPU).
  void run(std::vector<std::function<void()>> Tasks) {
    std::unique_lock<std::mutex> Lock(M);
    Pending += Tasks.size();
    for (auto &T : Tasks)
      Queue.push_back(std::move(T));
    Ready.notify_all();
    Done.wait(Lock, [this] { return Pending == 0; });
  }

private:
  void work() {
    std::unique_lock<std::mutex> Lock(M);
    for (;;) {
      Ready.wait(Lock, [this] { return Stop || !Queue.empty(); });
      if (Queue.empty())
        return;
      auto Task = std::move(Queue.front());
      Queue.pop_front();
      Lock.unlock();
      Task();
      Lock.lock();
      if (--Pending == 0)
        Done.notify_all();
    }
  }
  std::mutex M;
  std::condition_variable Ready, Done;
  std::deque<std::function<void()>> Queue;
  size_t Pending = 0;
  bool Stop = false;
  std::vector<std::thread> Threads;
};

double PrestartSeconds = 0;

__attribute__((constructor(101))) void burnBeforeMain() {
  const char *Mode = std::getenv("GREENLINT_TEST_PRESTART_S");
  if (Mode && *Mode) {
    PrestartSeconds = std::atof(Mode);
    burn(PrestartSeconds);
  }
}

} // namespace

int main(int Argc, char **Argv) {
  std::string Mode = Argc > 1 ? Argv[1] : "threads";
  double Seconds = Argc > 2 ? std::atof(Argv[2]) : 0.3;
  if (Mode == "threads") {
    Pool P(3);
    GREENLINT_REGION("work");
    std::vector<std::function<void()>> Tasks;
    Tasks.reserve(12);
    for (int I = 0; I < 12; ++I)
      Tasks.emplace_back([Seconds] { burn(Seconds / 4); });
    P.run(std::move(Tasks));
  } else if (Mode == "openmp") {
#ifdef _OPENMP
    GREENLINT_REGION("work");
#pragma omp parallel for schedule(static) num_threads(3)
    for (int I = 0; I < 3; ++I)
      burn(Seconds);
#else
    std::printf("no openmp\n");
    return 77;
#endif
  } else if (Mode == "prestart") {
    GREENLINT_REGION("main");
    burn(0.01);
  }
  std::printf("done\n");
  std::fflush(stdout);
  return 0;
}
