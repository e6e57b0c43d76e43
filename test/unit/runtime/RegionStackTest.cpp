// The per-thread region stack, in process: balance, depth past the stored
// maximum, RAII with exceptions, call counts, and the disabled path.
#include "Runtime.h"
#include "TestUtil.h"
#include "greenlint/region.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

using namespace greenlint_test;
namespace rt = greenlint::rt;

namespace {

class RegionStack : public ::testing::Test {
protected:
  void SetUp() override {
    Dir = makeTempDir();
    setenv("GREENLINT_LEDGER", Dir.c_str(), 1);
    setenv("GREENLINT_METER", "model", 1);
    setenv("GREENLINT_QUIET", "1", 1);
    ASSERT_TRUE(rt::initialiseFromEnvironment());
  }
  void TearDown() override { unsetenv("GREENLINT_LEDGER"); }
  std::string Dir;
};

TEST(RegionStackOff, DisabledCallsDoNothing) {
  if (rt::recording())
    GTEST_SKIP() << "this test process records (GREENLINT_LEDGER is set)";
  greenlint_region_begin("off");
  EXPECT_EQ(rt::currentDepth(), 0u);
  greenlint_region_end();
  greenlint_units("step", 3);
  greenlint_flush();
  EXPECT_EQ(greenlint_enabled(), 0);
}

TEST_F(RegionStack, BeginEndBalance) {
  EXPECT_EQ(rt::currentDepth(), 0u);
  greenlint_region_begin("a");
  greenlint_region_begin("b");
  EXPECT_EQ(rt::currentDepth(), 2u);
  greenlint_region_end();
  EXPECT_EQ(rt::currentDepth(), 1u);
  greenlint_region_end();
  EXPECT_EQ(rt::currentDepth(), 0u);
  // An end without a begin must not underflow the stack.
  greenlint_region_end();
  EXPECT_EQ(rt::currentDepth(), 0u);
  greenlint_region_begin("a");
  EXPECT_EQ(rt::currentDepth(), 1u);
  greenlint_region_end();
}

TEST_F(RegionStack, DeeperThanStoredStackStaysBalanced) {
  for (int I = 0; I < 300; ++I)
    greenlint_region_begin("deep");
  EXPECT_EQ(rt::currentDepth(), 300u);
  for (int I = 0; I < 300; ++I)
    greenlint_region_end();
  EXPECT_EQ(rt::currentDepth(), 0u);
}

TEST_F(RegionStack, RaiiEndsOnException) {
  bool Caught = false;
  try {
    GREENLINT_REGION("throws");
    EXPECT_EQ(rt::currentDepth(), 1u);
    throw std::runtime_error("x");
  } catch (const std::exception &) {
    Caught = true; // the guard's destructor ran while unwinding
  }
  EXPECT_TRUE(Caught);
  EXPECT_EQ(rt::currentDepth(), 0u);
}

TEST_F(RegionStack, CallsAndUnitsReachTheFooter) {
  std::thread Other([] {
    for (int I = 0; I < 5; ++I) {
      GREENLINT_REGION("infer:Server::handle");
      greenlint::Region::units("inference");
    }
  });
  Other.join(); // its counts must survive the thread
  for (int I = 0; I < 7; ++I) {
    GREENLINT_REGION("infer:Server::handle");
    greenlint::Region::units("token", 10);
  }
  // A copy: shutting recording down may clear the runtime's own.
  // NOLINTNEXTLINE(performance-unnecessary-copy-initialization)
  std::string Path = rt::ledgerPath();
  rt::shutdownRecording("test");
  std::vector<nlohmann::json> Records = readLedger(Path);
  ASSERT_GE(Records.size(), 2u);
  const nlohmann::json &Footer = Records.back();
  ASSERT_EQ(Footer["type"], "footer");
  const nlohmann::json *R = findRegion(Footer, "infer:Server::handle");
  ASSERT_NE(R, nullptr);
  EXPECT_EQ((*R)["calls"].get<uint64_t>(), 12u);
  EXPECT_EQ((*R)["units"]["inference"].get<uint64_t>(), 5u);
  EXPECT_EQ((*R)["units"]["token"].get<uint64_t>(), 70u);
  // Recording is off after shutdown: calls are free again.
  greenlint_region_begin("late");
  EXPECT_EQ(rt::currentDepth(), 0u);
}

} // namespace
