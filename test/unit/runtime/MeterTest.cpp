// Counter meters without hardware: fake powercap and perf sysfs trees under
// a scratch root, and a fake NVML library built with the tests.
#include "meters/Meter.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace greenlint_test;
namespace rt = greenlint::rt;

namespace {

struct FakeZone {
  std::string Entry, Name;
  uint64_t Uj, MaxUj;
};

std::string makeTree(const std::vector<FakeZone> &Zones) {
  std::string Root = makeTempDir();
  for (const FakeZone &Z : Zones) {
    std::string D = Root + "/sys/class/powercap/" + Z.Entry;
    writeFile(D + "/name", Z.Name + "\n");
    writeFile(D + "/energy_uj", std::to_string(Z.Uj) + "\n");
    writeFile(D + "/max_energy_range_uj", std::to_string(Z.MaxUj) + "\n");
  }
  return Root;
}

void setUj(const std::string &Root, const std::string &Entry, uint64_t Uj) {
  writeFile(Root + "/sys/class/powercap/" + Entry + "/energy_uj",
            std::to_string(Uj) + "\n");
}

std::vector<std::string> zoneNames(const rt::RaplMeter &M) {
  std::vector<std::string> Out;
  for (const auto &Z : M.zones())
    Out.push_back(Z.Name);
  return Out;
}

TEST(RaplMeter, WrappedDelta) {
  EXPECT_EQ(rt::wrappedDeltaUj(100, 250, 1000), 150u);
  EXPECT_EQ(rt::wrappedDeltaUj(900, 100, 1000), 200u);
  EXPECT_EQ(rt::wrappedDeltaUj(5, 5, 1000), 0u);
}

TEST(RaplMeter, NoPowercapSaysWhere) {
  std::string Root = makeTempDir();
  std::string Reason;
  EXPECT_EQ(rt::RaplMeter::open(Root, "GenuineIntel", Reason), nullptr);
  EXPECT_NE(Reason.find("no powercap at " + Root + "/sys/class/powercap"),
            std::string::npos)
      << Reason;
}

TEST(RaplMeter, PackagePlusDramNeverPsysOrCores) {
  std::string Root =
      makeTree({{"intel-rapl:0", "package-0", 1000, 100000},
                {"intel-rapl:0:0", "core", 500, 100000},
                {"intel-rapl:0:1", "uncore", 100, 100000},
                {"intel-rapl:0:2", "dram", 300, 100000},
                {"intel-rapl:1", "psys", 5000, 100000},
                {"intel-rapl-mmio:0", "package-0", 1000, 100000}});
  std::string Reason;
  auto M = rt::RaplMeter::open(Root, "GenuineIntel", Reason);
  ASSERT_NE(M, nullptr) << Reason;
  EXPECT_EQ(zoneNames(*M), (std::vector<std::string>{"package-0", "dram"}));
  setUj(Root, "intel-rapl:0", 3000);
  setUj(Root, "intel-rapl:0:0", 2500);
  setUj(Root, "intel-rapl:0:1", 900);
  setUj(Root, "intel-rapl:0:2", 700);
  setUj(Root, "intel-rapl:1", 9000);
  setUj(Root, "intel-rapl-mmio:0", 3000);
  rt::EnergySplit E = M->readMachine();
  EXPECT_DOUBLE_EQ(E.CpuJ, 2000e-6);
  EXPECT_DOUBLE_EQ(E.DramJ, 400e-6);
  EXPECT_NE(M->detail().find("psys"), std::string::npos) << M->detail();
}

TEST(RaplMeter, WrapAroundUsesMaxEnergyRange) {
  std::string Root = makeTree({{"intel-rapl:0", "package-0", 262000, 262143}});
  std::string Reason;
  auto M = rt::RaplMeter::open(Root, "GenuineIntel", Reason);
  ASSERT_NE(M, nullptr) << Reason;
  setUj(Root, "intel-rapl:0", 1000);
  EXPECT_DOUBLE_EQ(M->readMachine().CpuJ, (262143 - 262000 + 1000) * 1e-6);
  setUj(Root, "intel-rapl:0", 2000);
  EXPECT_DOUBLE_EQ(M->readMachine().CpuJ, 1000e-6);
}

TEST(RaplMeter, PsysAloneWhenNoPackage) {
  std::string Root = makeTree({{"intel-rapl:1", "psys", 10, 100000}});
  std::string Reason;
  auto M = rt::RaplMeter::open(Root, "GenuineIntel", Reason);
  ASSERT_NE(M, nullptr) << Reason;
  EXPECT_EQ(zoneNames(*M), (std::vector<std::string>{"psys"}));
  setUj(Root, "intel-rapl:1", 60);
  EXPECT_DOUBLE_EQ(M->readMachine().CpuJ, 50e-6);
}

TEST(RaplMeter, AmdDieMirrorsCountedOnce) {
  // Two dies of socket 0 repeat one counter; socket 1 is a real second one.
  std::string Root =
      makeTree({{"intel-rapl:0", "package-0-die-0", 7000, 1000000},
                {"intel-rapl:1", "package-0-die-1", 7000, 1000000},
                {"intel-rapl:2", "package-1-die-0", 9000, 1000000}});
  std::string Reason;
  auto M = rt::RaplMeter::open(Root, "AuthenticAMD", Reason);
  ASSERT_NE(M, nullptr) << Reason;
  EXPECT_EQ(zoneNames(*M),
            (std::vector<std::string>{"package-0-die-0", "package-1-die-0"}));
  setUj(Root, "intel-rapl:0", 8000);
  setUj(Root, "intel-rapl:1", 8000);
  setUj(Root, "intel-rapl:2", 9500);
  EXPECT_DOUBLE_EQ(M->readMachine().CpuJ, 1500e-6);
  EXPECT_NE(M->detail().find("mirror"), std::string::npos) << M->detail();
}

TEST(RaplMeter, EqualPackageCountersAreMirrors) {
  // Seen on multi-die AMD parts exposed as package-0 and package-1.
  std::string Root = makeTree({{"intel-rapl:0", "package-0", 4242, 1000000},
                               {"intel-rapl:1", "package-1", 4242, 1000000}});
  std::string Reason;
  auto M = rt::RaplMeter::open(Root, "AuthenticAMD", Reason);
  ASSERT_NE(M, nullptr) << Reason;
  EXPECT_EQ(M->zones().size(), 1u);
}

TEST(RaplMeter, IntelDiesWithOwnCountersAllCount) {
  std::string Root =
      makeTree({{"intel-rapl:0", "package-0-die-0", 100, 1000000},
                {"intel-rapl:1", "package-0-die-1", 200, 1000000}});
  std::string Reason;
  auto M = rt::RaplMeter::open(Root, "GenuineIntel", Reason);
  ASSERT_NE(M, nullptr) << Reason;
  EXPECT_EQ(M->zones().size(), 2u);
}

TEST(PerfMeter, ParsesPowerPmu) {
  std::string Root = makeTempDir();
  std::string D = Root + "/sys/bus/event_source/devices/power";
  writeFile(D + "/type", "23\n");
  writeFile(D + "/cpumask", "0,64\n");
  writeFile(D + "/events/energy-pkg", "event=0x02\n");
  writeFile(D + "/events/energy-pkg.scale", "2.3283064365386962890625e-10\n");
  writeFile(D + "/events/energy-ram", "event=0x03\n");
  writeFile(D + "/events/energy-ram.scale", "6.103515625e-5\n");
  int Type = 0;
  std::vector<rt::PerfMeter::Event> Events;
  std::vector<int> Cpus;
  std::string Reason;
  ASSERT_TRUE(rt::PerfMeter::describePmu(Root, Type, Events, Cpus, Reason))
      << Reason;
  EXPECT_EQ(Type, 23);
  ASSERT_EQ(Events.size(), 2u);
  EXPECT_EQ(Events[0].Name, "energy-pkg");
  EXPECT_EQ(Events[0].Config, 2u);
  EXPECT_DOUBLE_EQ(Events[0].Scale, 2.3283064365386962890625e-10);
  EXPECT_EQ(Events[1].Domain, "dram");
  EXPECT_EQ(Cpus, (std::vector<int>{0, 64}));
}

TEST(PerfMeter, MissingPmuSaysWhere) {
  std::string Root = makeTempDir();
  std::string Reason;
  EXPECT_EQ(rt::PerfMeter::open(Root, Reason), nullptr);
  EXPECT_NE(Reason.find("no perf power PMU"), std::string::npos) << Reason;
}

class NvmlMeter : public ::testing::Test {
protected:
  void SetUp() override {
    State = makeTempDir() + "/nvml-state";
    setenv("FAKE_NVML_FILE", State.c_str(), 1);
    setenv("FAKE_NVML_COUNT", "2", 1);
  }
  void TearDown() override { unsetenv("FAKE_NVML_MODE"); }
  std::string State;
};

TEST_F(NvmlMeter, EnergyCounterPath) {
  writeFile(State, "1000 50000\n");
  std::string Reason;
  auto M = rt::NvmlMeter::open(GREENLINT_TEST_FAKE_NVML, Reason);
  ASSERT_NE(M, nullptr) << Reason;
  ASSERT_EQ(M->gpus().size(), 2u);
  EXPECT_TRUE(M->gpus()[0].HasEnergyCounter);
  EXPECT_EQ(M->gpus()[1].Name, "Fake GPU 1");
  writeFile(State, "3500 50000\n");
  rt::IntervalInput In;
  In.WallS = 0.5;
  // 2.5 J per GPU from the counter; the power reading must not be used.
  EXPECT_DOUBLE_EQ(M->read(In).GpuJ, 5.0);
  EXPECT_NE(M->detail().find("energy counter"), std::string::npos);
}

TEST_F(NvmlMeter, PowerSamplingWhenCounterUnsupported) {
  setenv("FAKE_NVML_MODE", "power", 1);
  writeFile(State, "0 50000\n");
  std::string Reason;
  auto M = rt::NvmlMeter::open(GREENLINT_TEST_FAKE_NVML, Reason);
  ASSERT_NE(M, nullptr) << Reason;
  EXPECT_FALSE(M->gpus()[0].HasEnergyCounter);
  rt::IntervalInput In;
  In.WallS = 0.5;
  EXPECT_DOUBLE_EQ(M->read(In).GpuJ, 2 * 50.0 * 0.5);
  writeFile(State, "0 70000\n");
  In.WallS = 1.0;
  // Trapezoid between the 50 W and 70 W readings, per GPU.
  EXPECT_DOUBLE_EQ(M->read(In).GpuJ, 2 * 60.0 * 1.0);
  EXPECT_NE(M->detail().find("power sampling"), std::string::npos);
}

// A pre-Volta GPU (energy counter NOT_SUPPORTED) drawing a known power curve,
// P(t) = 100 + 50 sin(2 pi t / 10) W over 10 s, read every 0.1 s as the
// sampler would: the integral is 1000 J per GPU.
TEST_F(NvmlMeter, PowerIntegrationFollowsAKnownCurve) {
  setenv("FAKE_NVML_MODE", "power", 1);
  setenv("FAKE_NVML_COUNT", "1", 1);
  const double Pi = 3.14159265358979323846;
  auto PowerMw = [&](double T) {
    return static_cast<unsigned>(
        std::lround(1000 * (100 + 50 * std::sin(2 * Pi * T / 10))));
  };
  writeFile(State, "0 " + std::to_string(PowerMw(0)) + "\n");
  std::string Reason;
  auto M = rt::NvmlMeter::open(GREENLINT_TEST_FAKE_NVML, Reason);
  ASSERT_NE(M, nullptr) << Reason;
  rt::IntervalInput In;
  In.WallS = 0; // the first read only takes the starting power
  EXPECT_DOUBLE_EQ(M->read(In).GpuJ, 0.0);
  double J = 0;
  In.WallS = 0.1;
  for (int I = 1; I <= 100; ++I) {
    writeFile(State, "0 " + std::to_string(PowerMw(I * 0.1)) + "\n");
    J += M->read(In).GpuJ;
  }
  EXPECT_NEAR(J, 1000.0, 1.0);
  // The range is the readings' 5% plus the unseen change between readings,
  // and it holds the true value.
  EXPECT_GT(M->powerIntegratedErrorJ(), 50.0);
  EXPECT_LT(M->powerIntegratedErrorJ(), 61.0);
  EXPECT_LE(std::fabs(J - 1000.0), M->powerIntegratedErrorJ());
  EXPECT_NE(M->detail().find("nvml-power-integrated"), std::string::npos);
}

TEST_F(NvmlMeter, EnergyCounterHasNoIntegrationError) {
  writeFile(State, "1000 50000\n");
  std::string Reason;
  auto M = rt::NvmlMeter::open(GREENLINT_TEST_FAKE_NVML, Reason);
  ASSERT_NE(M, nullptr) << Reason;
  writeFile(State, "9000 90000\n");
  rt::IntervalInput In;
  In.WallS = 1;
  M->read(In);
  EXPECT_EQ(M->powerIntegratedErrorJ(), 0.0);
  EXPECT_EQ(M->detail().find("nvml-power-integrated"), std::string::npos);
}

TEST_F(NvmlMeter, MissingLibrarySaysWhich) {
  std::string Reason;
  EXPECT_EQ(rt::NvmlMeter::open("/nonexistent/libnvidia-ml.so.1", Reason),
            nullptr);
  EXPECT_NE(Reason.find("/nonexistent/libnvidia-ml.so.1"), std::string::npos);
}

} // namespace
