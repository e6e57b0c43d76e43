// Whole processes whose work runs on threads that never call greenlint
// (a std::thread pool, OpenMP, LibTorch's intra-op pool, XGBoost): the
// region that handed the work over is charged for it, and the (process)
// figures start at the process's start, before main.
#include "TestUtil.h"

#include <gtest/gtest.h>

using namespace greenlint_test;
using nlohmann::json;

namespace {

std::map<std::string, std::string> modelEnv(const std::string &Dir) {
  // One record per sample: a region's lifetime is then known to 10 ms.
  return {{"GREENLINT_LEDGER", Dir + "/ledger"},
          {"GREENLINT_METER", "model"},
          {"GREENLINT_PROFILE", "amd-epyc-7b13"},
          {"GREENLINT_SAMPLE_MS", "10"},
          {"GREENLINT_FLUSH_MS", "10"}};
}

std::vector<json> onlyLedger(const std::string &Dir) {
  std::vector<std::string> Paths = listLedgers(Dir + "/ledger");
  EXPECT_EQ(Paths.size(), 1u);
  return Paths.size() == 1 ? readLedger(Paths[0]) : std::vector<json>();
}

struct Lifetime {
  double RegionJ = 0, ProcessJ = 0, DispatchedJ = 0, SelfJ = 0;
};

// The process's energy over the records from the first to the last one that
// saw Region, and Region's share of it.
Lifetime lifetimeOf(const std::vector<json> &Records, const std::string &Name) {
  size_t First = Records.size(), Last = 0;
  for (size_t I = 0; I < Records.size(); ++I)
    if (Records[I]["type"] == "sample" && findRegion(Records[I], Name)) {
      First = std::min(First, I);
      Last = I;
    }
  Lifetime L;
  for (size_t I = First; I <= Last && I < Records.size(); ++I) {
    if (Records[I]["type"] != "sample")
      continue;
    L.ProcessJ += energyOf(Records[I]["process"]["energy_j"]);
    if (const json *R = findRegion(Records[I], Name)) {
      L.RegionJ += energyOf((*R)["energy_j"]);
      L.SelfJ += energyOf((*R)["self_energy_j"]);
      L.DispatchedJ += energyOf((*R)["dispatched_energy_j"]);
    }
  }
  return L;
}

// MinDispatched: the part of the region's energy that threads outside it
// burned at least (the calling thread takes a share of an OpenMP loop or an
// ATen parallel_for itself).
void expectRegionGetsTheWork(const std::string &Program,
                             const std::vector<std::string> &Args,
                             double MinDispatched) {
  std::string Dir = makeTempDir();
  ChildResult R = runProgram(Program, Args, modelEnv(Dir), Dir);
  if (R.Stdout.find("no openmp") != std::string::npos)
    GTEST_SKIP() << "built without OpenMP";
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  ASSERT_NE(R.Stdout.find("done"), std::string::npos);
  std::vector<json> Records = onlyLedger(Dir);
  ASSERT_GE(Records.size(), 3u);
  Lifetime L = lifetimeOf(Records, "work");
  ASSERT_GT(L.ProcessJ, 0);
  EXPECT_GE(L.RegionJ, 0.95 * L.ProcessJ)
      << L.RegionJ << " J of " << L.ProcessJ << " J";
  // Most of it was burned by threads outside every region.
  EXPECT_GT(L.DispatchedJ, MinDispatched * L.SelfJ)
      << L.DispatchedJ << " J of " << L.SelfJ << " J";
  // Self figures still sum to the process.
  const json &Footer = Records.back();
  ASSERT_EQ(Footer["type"], "footer");
  double SelfSum = 0;
  for (const json &Reg : Footer["regions"])
    SelfSum += energyOf(Reg["self_energy_j"]);
  double Process = energyOf(Footer["process"]["energy_j"]);
  EXPECT_NEAR(SelfSum, Process, 1e-6 * Process + 1e-9);
}

TEST(AttributionProcess, StdThreadPoolWorkGoesToTheWaitingRegion) {
  expectRegionGetsTheWork(GREENLINT_TEST_POOLS, {"threads", "0.3"}, 0.6);
}

TEST(AttributionProcess, OpenMpLoopGoesToItsRegion) {
  expectRegionGetsTheWork(GREENLINT_TEST_POOLS, {"openmp", "0.3"}, 0.3);
}

#ifdef GREENLINT_TEST_TORCH_POOL
TEST(AttributionProcess, LibTorchIntraOpPoolGoesToItsRegion) {
  expectRegionGetsTheWork(GREENLINT_TEST_TORCH_POOL, {"0.6"}, 0.4);
}
#endif

#ifdef GREENLINT_TEST_XGBOOST
TEST(AttributionProcess, XgboostRunLeavesLittleToNone) {
  std::string Dir = makeTempDir();
  ChildResult R =
      runProgram(GREENLINT_TEST_XGBOOST, {"20"}, modelEnv(Dir), Dir);
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  std::vector<json> Records = onlyLedger(Dir);
  ASSERT_FALSE(Records.empty());
  const json &Footer = Records.back();
  ASSERT_EQ(Footer["type"], "footer");
  double Process = energyOf(Footer["process"]["energy_j"]);
  const json *None = findRegion(Footer, "(none)");
  double NoneJ = None ? energyOf((*None)["self_energy_j"]) : 0;
  ASSERT_GT(Process, 0);
  EXPECT_LE(NoneJ, 0.10 * Process) << NoneJ << " J of " << Process << " J";
  const json *Round = findRegion(Footer, "train:round");
  ASSERT_NE(Round, nullptr);
  EXPECT_EQ((*Round)["units"]["step"].get<uint64_t>(), 20u);
}
#endif

TEST(AttributionProcess, ProcessFiguresStartBeforeMain) {
  std::string Dir = makeTempDir();
  auto Env = modelEnv(Dir);
  Env["GREENLINT_TEST_PRESTART_S"] = "0.3";
  ChildResult R = runProgram(GREENLINT_TEST_POOLS, {"prestart"}, Env, Dir);
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  std::vector<json> Records = onlyLedger(Dir);
  ASSERT_FALSE(Records.empty());
  const json &Footer = Records.back();
  ASSERT_EQ(Footer["type"], "footer");
  // The constructor's 0.3 s ran before main and before any region.
  EXPECT_GE(Footer["process"]["cpu_s"].get<double>(), 0.3);
  EXPECT_GE(Footer["duration_s"].get<double>(), 0.3);
  EXPECT_NEAR(Footer["process"]["cpu_s"].get<double>(), R.CpuS,
              0.02 * R.CpuS + 0.01);
  const json *None = findRegion(Footer, "(none)");
  ASSERT_NE(None, nullptr);
  EXPECT_GE((*None)["self_cpu_s"].get<double>(), 0.25);
}

} // namespace
