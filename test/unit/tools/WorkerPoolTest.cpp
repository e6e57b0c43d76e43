//===- WorkerPoolTest.cpp - check's parallel units ------------------------===//
#include "WorkerPool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

using namespace greenlint;

// Every unit is linted exactly once, whatever the threads' interleaving: a
// unit run twice would report its findings twice, one skipped none.
TEST(WorkerPool, RunsEveryTaskOnceOnManyThreads) {
  std::vector<std::atomic<int>> Runs(1000);
  runInParallel(Runs.size(), 4, [&](size_t I) { ++Runs[I]; });
  for (size_t I = 0; I < Runs.size(); ++I)
    EXPECT_EQ(Runs[I].load(), 1) << "task " << I;
}

// -j 1 lints on the calling thread, in the database's order.
TEST(WorkerPool, OneThreadRunsInOrderOnTheCaller) {
  std::vector<size_t> Order;
  std::thread::id Caller = std::this_thread::get_id();
  bool Elsewhere = false;
  runInParallel(5, 1, [&](size_t I) {
    Order.push_back(I);
    Elsewhere = Elsewhere || std::this_thread::get_id() != Caller;
  });
  EXPECT_EQ(Order, (std::vector<size_t>{0, 1, 2, 3, 4}));
  EXPECT_FALSE(Elsewhere);
}

TEST(WorkerPool, NoTasksNoCalls) {
  std::atomic<int> Calls{0};
  runInParallel(0, 4, [&](size_t) { ++Calls; });
  EXPECT_EQ(Calls.load(), 0);
}
