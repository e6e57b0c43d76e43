// GREENLINT_GPU_SYNC: region edges call cudaDeviceSynchronize from a libcudart
// found at run time (here a fake that logs each call), and a clear message
// when none loads.
#include "GpuSync.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace greenlint_test;
namespace rt = greenlint::rt;

namespace {

TEST(GpuSync, OffByDefaultAndWithZero) {
  EXPECT_EQ(rt::configureGpuSync(nullptr, {GREENLINT_TEST_FAKE_CUDART}), "");
  EXPECT_EQ(rt::GpuSyncAtEdges.load(), nullptr);
  EXPECT_EQ(rt::configureGpuSync("0", {GREENLINT_TEST_FAKE_CUDART}), "");
  EXPECT_EQ(rt::GpuSyncAtEdges.load(), nullptr);
}

TEST(GpuSync, RejectsOtherValues) {
  std::string Msg = rt::configureGpuSync("yes", {GREENLINT_TEST_FAKE_CUDART});
  EXPECT_NE(Msg.find("GREENLINT_GPU_SYNC='yes' is not 0 or 1"),
            std::string::npos)
      << Msg;
  EXPECT_EQ(rt::GpuSyncAtEdges.load(), nullptr);
}

TEST(GpuSync, MissingRuntimeSaysWhatWasTried) {
  std::string Msg = rt::configureGpuSync("1", {"/nonexistent/libcudart.so.12"});
  EXPECT_NE(Msg.find("no CUDA runtime loads (tried "
                     "/nonexistent/libcudart.so.12)"),
            std::string::npos)
      << Msg;
  EXPECT_NE(Msg.find("GREENLINT_CUDART_LIB"), std::string::npos);
  EXPECT_EQ(rt::GpuSyncAtEdges.load(), nullptr);
}

TEST(GpuSync, ResolvesTheFakeRuntime) {
  EXPECT_EQ(rt::configureGpuSync("1", {GREENLINT_TEST_FAKE_CUDART}), "");
  EXPECT_NE(rt::GpuSyncAtEdges.load(), nullptr);
  rt::configureGpuSync(nullptr, {});
}

// What the option costs where it cannot take effect: resolving a missing
// libcudart once at start (the dlopen-miss path). Printed, not asserted:
// benchmarks never fail a build.
TEST(GpuSync, MissPathCost) {
  auto Start = std::chrono::steady_clock::now();
  const int N = 200;
  for (int I = 0; I < N; ++I)
    rt::configureGpuSync("1", rt::cudartNames());
  double Us = std::chrono::duration<double, std::micro>(
                  std::chrono::steady_clock::now() - Start)
                  .count() /
              N;
  rt::configureGpuSync(nullptr, {});
  std::printf("configureGpuSync with no libcudart: %.1f us once per process\n",
              Us);
}

// A whole process: the burner's one region has two edges, each a sync.
TEST(GpuSyncProcess, EachRegionEdgeSyncs) {
  std::string Dir = makeTempDir();
  ChildResult R =
      runBurner({"burn", "0.05"},
                {{"GREENLINT_LEDGER", Dir + "/ledger"},
                 {"GREENLINT_GPU_SYNC", "1"},
                 {"GREENLINT_CUDART_LIB", GREENLINT_TEST_FAKE_CUDART},
                 {"FAKE_CUDART_LOG", Dir + "/syncs"}},
                Dir);
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  EXPECT_EQ(readFile(Dir + "/syncs"), "ss");
}

TEST(GpuSyncProcess, MissingRuntimeKeepsRecording) {
  std::string Dir = makeTempDir();
  ChildResult R = runBurner({"burn", "0.05"},
                            {{"GREENLINT_LEDGER", Dir + "/ledger"},
                             {"GREENLINT_GPU_SYNC", "1"},
                             {"GREENLINT_CUDART_LIB", Dir + "/none.so"}},
                            Dir);
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  EXPECT_NE(R.Stdout.find("done"), std::string::npos);
  EXPECT_NE(R.Stderr.find("GREENLINT_GPU_SYNC=1 but no CUDA runtime loads"),
            std::string::npos)
      << R.Stderr;
}

} // namespace
