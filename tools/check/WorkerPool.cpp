//===- WorkerPool.cpp - Runs numbered tasks on threads --------------------===//
#include "WorkerPool.h"

#include <atomic>
#include <thread>
#include <vector>

namespace greenlint {

void runInParallel(size_t Count, unsigned Threads,
                   const std::function<void(size_t)> &Task) {
  std::atomic<size_t> Next{0};
  auto Worker = [&] {
    for (size_t I = Next++; I < Count; I = Next++)
      Task(I);
  };
  if (Threads <= 1) {
    Worker();
    return;
  }
  std::vector<std::thread> Pool;
  for (unsigned T = 0; T < Threads; ++T)
    Pool.emplace_back(Worker);
  for (std::thread &T : Pool)
    T.join();
}

} // namespace greenlint
