// Whole processes: the model meter's arithmetic, ledgers after SIGKILL and
// SIGTERM, forked children, exiting threads and bad input.
#include "TestUtil.h"
#include "greenlint/data/Profile.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

using namespace greenlint_test;
using nlohmann::json;
namespace data = greenlint::data;

namespace {

// The profile the child used, as the ledger header names it.
data::HardwareProfile profileOf(const json &Header) {
  data::HardwareProfile P;
  std::string Error;
  EXPECT_TRUE(
      data::loadProfile(Header["profile"]["id"].get<std::string>(), P, Error))
      << Error;
  return P;
}

std::string only(const std::vector<std::string> &Ledgers) {
  return Ledgers.size() == 1 ? Ledgers[0] : std::string();
}

TEST(LedgerProcess, ModelEnergyIsCpuTimeTimesProfilePower) {
  std::string Dir = makeTempDir();
  ChildResult R = runBurner({"burn", "1.0"},
                            {{"GREENLINT_LEDGER", Dir + "/ledger"},
                             {"GREENLINT_METER", "model"},
                             {"GREENLINT_PROFILE", "amd-epyc-7b13"}},
                            Dir);
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  EXPECT_NE(R.Stdout.find("done"), std::string::npos);
  EXPECT_NE(R.Stderr.find("greenlint: recording to"), std::string::npos)
      << R.Stderr;
  std::string Path = only(listLedgers(Dir + "/ledger"));
  ASSERT_FALSE(Path.empty());
  bool AllParsed;
  std::vector<json> Records = readLedger(Path, &AllParsed);
  ASSERT_TRUE(AllParsed);
  ASSERT_GE(Records.size(), 3u);
  const json &Header = Records.front();
  const json &Footer = Records.back();
  ASSERT_EQ(Header["type"], "header");
  ASSERT_EQ(Footer["type"], "footer");
  EXPECT_EQ(Header["version"], 1);
  EXPECT_EQ(Header["pid"].get<int>(), R.Pid);
  EXPECT_EQ(Header["meters"][0]["name"], "model");
  EXPECT_EQ(Header["profile"]["id"], "amd-epyc-7b13");
  EXPECT_FALSE(Header["meters"][0]["measured"].get<bool>());

  data::HardwareProfile P = profileOf(Header);
  double Cpus = P.Threads > 0 ? P.Threads : P.Cores;
  double Energy = 0, Expected = 0, LedgerCpu = 0;
  for (const json &Rec : Records) {
    if (Rec["type"] != "sample")
      continue;
    double Cpu = Rec["process"]["cpu_s"].get<double>();
    double Wall = Rec["process"]["wall_s"].get<double>();
    LedgerCpu += Cpu;
    Energy += energyOf(Rec["process"]["energy_j"]);
    if (Wall <= 0 || Cpu <= 0)
      continue;
    // Records sum samples of one period; U varies little inside one.
    double U = std::min(1.0, Cpu / Wall / Cpus);
    Expected += P.powerAtUtilisation(U) / Cpus * Cpu;
  }
  ASSERT_GT(Expected, 0);
  EXPECT_NEAR(Energy, Expected, 0.01 * Expected);
  // The ledger's CPU time is the process's CPU time (startup aside).
  EXPECT_NEAR(LedgerCpu, R.CpuS, 0.01 * R.CpuS + 0.01);
  EXPECT_NEAR(energyOf(Footer["process"]["energy_j"]), Energy, 1e-6 * Energy);
  // Nearly all of it is inside the one region.
  const json *Burn = findRegion(Footer, "burn");
  ASSERT_NE(Burn, nullptr);
  EXPECT_GT((*Burn)["self_cpu_s"].get<double>(), 0.9 * LedgerCpu);
  EXPECT_EQ((*Burn)["calls"].get<uint64_t>(), 1u);
  EXPECT_GT((*Burn)["units"]["step"].get<uint64_t>(), 0u);
}

// Starts a 20 s burner and waits until its ledger holds a few records.
Child startLongBurner(const std::string &Dir, std::string &Path) {
  Child C;
  C.start({"burn", "20"},
          {{"GREENLINT_LEDGER", Dir + "/ledger"},
           {"GREENLINT_METER", "model"},
           {"GREENLINT_QUIET", "1"}},
          Dir);
  for (int I = 0; I < 300; ++I) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    Path = only(listLedgers(Dir + "/ledger"));
    if (!Path.empty() && readLedger(Path).size() >= 4)
      break;
  }
  return C;
}

void expectContiguousSamples(const std::vector<json> &Records) {
  uint64_t Seq = 0;
  double LastT = -1;
  for (const json &Rec : Records) {
    if (Rec["type"] != "sample")
      continue;
    EXPECT_EQ(Rec["seq"].get<uint64_t>(), Seq++);
    if (LastT >= 0)
      EXPECT_DOUBLE_EQ(Rec["t0"].get<double>(), LastT);
    LastT = Rec["t"].get<double>();
  }
}

TEST(LedgerProcess, SigkillLosesAtMostTheLastInterval) {
  std::string Dir = makeTempDir(), Path;
  Child C = startLongBurner(Dir, Path);
  ASSERT_FALSE(Path.empty());
  kill(C.Pid, SIGKILL);
  ChildResult R = C.finish();
  ASSERT_TRUE(WIFSIGNALED(R.Status));
  bool AllParsed;
  std::vector<json> Records = readLedger(Path, &AllParsed);
  EXPECT_TRUE(AllParsed);
  ASSERT_GE(Records.size(), 4u);
  EXPECT_EQ(Records.front()["type"], "header");
  EXPECT_NE(Records.back()["type"], "footer");
  expectContiguousSamples(Records);
  double LedgerCpu = 0;
  for (const json &Rec : Records)
    if (Rec["type"] == "sample")
      LedgerCpu += Rec["process"]["cpu_s"].get<double>();
  // What is missing is the interval being gathered (100 ms of flush period);
  // the bound leaves room for a sampler delayed on a loaded machine.
  EXPECT_LE(LedgerCpu, R.CpuS + 0.01);
  EXPECT_GE(LedgerCpu, R.CpuS - 0.5);
}

TEST(LedgerProcess, SigtermLeavesCompleteLedgerAndStillKills) {
  std::string Dir = makeTempDir(), Path;
  Child C = startLongBurner(Dir, Path);
  ASSERT_FALSE(Path.empty());
  kill(C.Pid, SIGTERM);
  ChildResult R = C.finish();
  ASSERT_TRUE(WIFSIGNALED(R.Status));
  EXPECT_EQ(WTERMSIG(R.Status), SIGTERM);
  bool AllParsed;
  std::vector<json> Records = readLedger(Path, &AllParsed);
  EXPECT_TRUE(AllParsed);
  const json &Footer = Records.back();
  ASSERT_EQ(Footer["type"], "footer");
  EXPECT_EQ(Footer["reason"], "signal");
  EXPECT_EQ(Footer["signal"], "SIGTERM");
  expectContiguousSamples(Records);
  EXPECT_NEAR(Footer["process"]["cpu_s"].get<double>(), R.CpuS,
              0.01 * R.CpuS + 0.02);
}

TEST(LedgerProcess, ForkedChildWritesItsOwnLedger) {
  std::string Dir = makeTempDir();
  ChildResult R = runBurner(
      {"fork", "0.3"},
      {{"GREENLINT_LEDGER", Dir + "/ledger"}, {"GREENLINT_METER", "model"}},
      Dir);
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  std::vector<std::string> Ledgers = listLedgers(Dir + "/ledger");
  ASSERT_EQ(Ledgers.size(), 2u);
  int Parents = 0, Children = 0;
  for (const std::string &L : Ledgers) {
    std::vector<json> Records = readLedger(L);
    ASSERT_GE(Records.size(), 2u);
    const json &Header = Records.front();
    ASSERT_EQ(Records.back()["type"], "footer") << L;
    const json &Footer = Records.back();
    if (Header["pid"].get<int>() == R.Pid) {
      ++Parents;
      EXPECT_EQ(findRegion(Footer, "child"), nullptr);
      EXPECT_NE(findRegion(Footer, "parent"), nullptr);
    } else {
      ++Children;
      EXPECT_EQ(Header["ppid"].get<int>(), R.Pid);
      const json *Child = findRegion(Footer, "child");
      ASSERT_NE(Child, nullptr);
      EXPECT_EQ((*Child)["calls"].get<uint64_t>(), 1u);
      EXPECT_GT((*Child)["self_cpu_s"].get<double>(), 0.15);
      // The region open across fork() is still open in the child...
      const json *Parent = findRegion(Footer, "parent");
      ASSERT_NE(Parent, nullptr);
      // ...but its call belongs to the parent's ledger.
      EXPECT_EQ((*Parent)["calls"].get<uint64_t>(), 0u);
    }
  }
  EXPECT_EQ(Parents, 1);
  EXPECT_EQ(Children, 1);
}

TEST(LedgerProcess, ExitedThreadsKeepTheirCounts) {
  std::string Dir = makeTempDir();
  ChildResult R = runBurner(
      {"threads", "0.2"},
      {{"GREENLINT_LEDGER", Dir + "/ledger"}, {"GREENLINT_METER", "model"}},
      Dir);
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  std::vector<json> Records = readLedger(only(listLedgers(Dir + "/ledger")));
  ASSERT_FALSE(Records.empty());
  const json &Footer = Records.back();
  ASSERT_EQ(Footer["type"], "footer");
  const json *Worker = findRegion(Footer, "worker");
  ASSERT_NE(Worker, nullptr);
  EXPECT_EQ((*Worker)["calls"].get<uint64_t>(), 4u);
  EXPECT_GT((*Worker)["cpu_s"].get<double>(), 0.6); // 4 x 0.2 s
  EXPECT_GT(energyOf((*Worker)["energy_j"]), 0);
}

TEST(LedgerProcess, UnsetLedgerStartsNothing) {
  std::string Dir = makeTempDir();
  ChildResult R = runBurner({"threadcount"}, {}, Dir);
  ASSERT_EQ(R.Status, 0);
  EXPECT_NE(R.Stdout.find("Threads:\t1\n"), std::string::npos) << R.Stdout;
  EXPECT_EQ(R.Stderr, "");
}

void expectDisabled(const std::map<std::string, std::string> &Env,
                    const std::string &Dir, const std::string &Message) {
  ChildResult R = runBurner({"burn", "0.05"}, Env, Dir);
  EXPECT_EQ(R.Status, 0);
  EXPECT_NE(R.Stdout.find("done"), std::string::npos);
  EXPECT_NE(R.Stderr.find(Message), std::string::npos) << R.Stderr;
  EXPECT_NE(R.Stderr.find("recording is off, the program runs unmeasured"),
            std::string::npos)
      << R.Stderr;
}

TEST(LedgerProcess, BrokenProfileYamlIsReportedAndIgnored) {
  std::string Dir = makeTempDir();
  writeFile(Dir + "/broken.yaml", "id: [unclosed\n  tdp_w: {\n");
  expectDisabled({{"GREENLINT_LEDGER", Dir + "/ledger"},
                  {"GREENLINT_PROFILE", Dir + "/broken.yaml"}},
                 Dir, "cannot use GREENLINT_PROFILE='" + Dir + "/broken.yaml'");
  EXPECT_TRUE(listLedgers(Dir + "/ledger").empty());
}

TEST(LedgerProcess, UnknownProfileIdIsReportedAndIgnored) {
  std::string Dir = makeTempDir();
  expectDisabled({{"GREENLINT_LEDGER", Dir + "/ledger"},
                  {"GREENLINT_PROFILE", "no-such-cpu-9000"}},
                 Dir, "cannot use GREENLINT_PROFILE='no-such-cpu-9000'");
}

TEST(LedgerProcess, UnwritableLedgerFolderIsReportedAndIgnored) {
  std::string Dir = makeTempDir();
  // A file where a folder should be fails even for root.
  writeFile(Dir + "/plain-file", "x");
  expectDisabled({{"GREENLINT_LEDGER", Dir + "/plain-file/ledger"}}, Dir,
                 "cannot create ledger folder " + Dir + "/plain-file/ledger");
}

TEST(LedgerProcess, UnknownMeterIsReportedAndIgnored) {
  std::string Dir = makeTempDir();
  expectDisabled({{"GREENLINT_LEDGER", Dir + "/ledger"},
                  {"GREENLINT_METER", "joulemeter"}},
                 Dir, "unknown meter 'joulemeter'");
}

TEST(LedgerProcess, RepeatedMeterIsRefusedRatherThanCountedTwice) {
  // model,model summed both meters' joules: twice the energy.
  std::string Dir = makeTempDir();
  expectDisabled({{"GREENLINT_LEDGER", Dir + "/ledger"},
                  {"GREENLINT_METER", "model,model"}},
                 Dir,
                 "GREENLINT_METER='model,model' names model twice, which "
                 "would count the same energy twice; name at most one CPU "
                 "meter");
  EXPECT_TRUE(listLedgers(Dir + "/ledger").empty());
}

TEST(LedgerProcess, TwoCpuMetersAreRefused) {
  std::string Dir = makeTempDir();
  expectDisabled({{"GREENLINT_LEDGER", Dir + "/ledger"},
                  {"GREENLINT_METER", "nvml,perf,model"}},
                 Dir, "names perf and model, two CPU meters");
}

TEST(LedgerProcess, EndsBeforeAThreadsFirstBeginAreCounted) {
  std::string Dir = makeTempDir();
  ChildResult R = runBurner({"stray-ends"},
                            {{"GREENLINT_LEDGER", Dir + "/ledger"},
                             {"GREENLINT_METER", "model"},
                             {"GREENLINT_PROFILE", "amd-epyc-7b13"}},
                            Dir);
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  std::vector<json> Records = readLedger(only(listLedgers(Dir + "/ledger")));
  ASSERT_FALSE(Records.empty());
  ASSERT_EQ(Records.back()["type"], "footer");
  EXPECT_EQ(Records.back()["unbalanced_ends"].get<int>(), 5);
}

// Writes fail (EFBIG under a file size limit, as ENOSPC on a full disk)
// while the program burns; the ledger must never look complete when it is
// not, and must lose nothing when writing works again.
ChildResult runFullDisk(const std::string &Dir, const char *Then) {
  return runBurner({"full-disk", "0.4", Then},
                   {{"GREENLINT_LEDGER", Dir + "/ledger"},
                    {"GREENLINT_METER", "model"},
                    {"GREENLINT_PROFILE", "amd-epyc-7b13"},
                    {"GREENLINT_QUIET", "1"}},
                   Dir);
}

size_t occurrences(const std::string &Text, const std::string &What) {
  size_t N = 0;
  for (size_t P = Text.find(What); P != std::string::npos;
       P = Text.find(What, P + 1))
    ++N;
  return N;
}

TEST(LedgerProcess, FullDiskThatFreesUpLosesNothing) {
  std::string Dir = makeTempDir();
  ChildResult R = runFullDisk(Dir, "free");
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  EXPECT_NE(R.Stdout.find("done"), std::string::npos);
  std::string Path = only(listLedgers(Dir + "/ledger"));
  ASSERT_FALSE(Path.empty());
  // Said once, with the path and the OS's reason.
  EXPECT_EQ(occurrences(R.Stderr, "greenlint: cannot write ledger " + Path +
                                      ": " + std::strerror(EFBIG)),
            1u)
      << R.Stderr;
  EXPECT_NE(R.Stderr.find("is writable again"), std::string::npos) << R.Stderr;
  bool AllParsed;
  std::vector<json> Records = readLedger(Path, &AllParsed);
  EXPECT_TRUE(AllParsed); // the torn record was cut back
  ASSERT_GE(Records.size(), 3u);
  ASSERT_EQ(Records.front()["type"], "header");
  const json &Footer = Records.back();
  ASSERT_EQ(Footer["type"], "footer");
  EXPECT_GE(Footer["write_failures"].get<int>(), 4);
  EXPECT_EQ(Footer["write_error"], std::strerror(EFBIG));
  EXPECT_EQ(Footer["unwritten_s"].get<double>(), 0);
  // Records stay contiguous; the one written late carries the failures.
  uint64_t Seq = 0, Carried = 0;
  double Cpu = 0, LastT = Records.front()["start_time"].get<double>();
  for (const json &Rec : Records) {
    if (Rec["type"] != "sample")
      continue;
    EXPECT_EQ(Rec["seq"].get<uint64_t>(), Seq++);
    EXPECT_NEAR(Rec["t0"].get<double>(), LastT, 2e-6);
    LastT = Rec["t"].get<double>();
    Cpu += Rec["process"]["cpu_s"].get<double>();
    if (Rec.contains("write_failures"))
      Carried += Rec["write_failures"].get<uint64_t>();
  }
  EXPECT_EQ(Carried, Footer["write_failures"].get<uint64_t>());
  EXPECT_NEAR(Cpu, Footer["process"]["cpu_s"].get<double>(), 1e-6);
  // Nothing lost: the burn under the full disk is in the totals.
  const json *Full = findRegion(Footer, "full");
  ASSERT_NE(Full, nullptr);
  EXPECT_GE((*Full)["cpu_s"].get<double>(), 0.35);
  EXPECT_NEAR(Cpu, R.CpuS, 0.02 * R.CpuS + 0.02);
}

TEST(LedgerProcess, FullDiskUntilExitSaysWhatIsMissing) {
  std::string Dir = makeTempDir();
  ChildResult R = runFullDisk(Dir, "stay");
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  std::string Path = only(listLedgers(Dir + "/ledger"));
  ASSERT_FALSE(Path.empty());
  EXPECT_EQ(occurrences(R.Stderr, "greenlint: cannot write ledger " + Path +
                                      ": " + std::strerror(EFBIG)),
            1u)
      << R.Stderr;
  // The file cannot hold the loss, so stderr names it.
  std::string Said = "greenlint: ledger " + Path + " lacks the last ";
  size_t At = R.Stderr.find(Said);
  ASSERT_NE(At, std::string::npos) << R.Stderr;
  double MissingS = std::atof(R.Stderr.c_str() + At + Said.size());
  EXPECT_GE(MissingS, 0.35) << R.Stderr;
  EXPECT_NE(R.Stderr.find("and its footer: "), std::string::npos);
  bool AllParsed;
  std::vector<json> Records = readLedger(Path, &AllParsed);
  EXPECT_TRUE(AllParsed) << "a torn record was left in the ledger";
  ASSERT_FALSE(Records.empty());
  EXPECT_EQ(Records.front()["type"], "header");
  EXPECT_NE(Records.back()["type"], "footer");
}

TEST(LedgerProcess, RequestedRaplWithoutPowercapIsReported) {
  std::string Dir = makeTempDir();
  expectDisabled({{"GREENLINT_LEDGER", Dir + "/ledger"},
                  {"GREENLINT_METER", "rapl"},
                  {"GREENLINT_SYSFS_ROOT", Dir + "/root"}},
                 Dir, "no powercap at " + Dir + "/root/sys/class/powercap");
}

TEST(LedgerProcess, GenericProfileIsAnnounced) {
  std::string Dir = makeTempDir();
  writeFile(Dir + "/root/proc/cpuinfo",
            "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: "
            "AMD Prototype 1234\n\n");
  ChildResult R = runBurner({"burn", "0.05"},
                            {{"GREENLINT_LEDGER", Dir + "/ledger"},
                             {"GREENLINT_QUIET", "1"},
                             {"GREENLINT_SYSFS_ROOT", Dir + "/root"}},
                            Dir);
  ASSERT_EQ(R.Status, 0);
  EXPECT_NE(R.Stderr.find("greenlint: warning: profile"), std::string::npos)
      << R.Stderr;
  std::vector<json> Records = readLedger(only(listLedgers(Dir + "/ledger")));
  ASSERT_FALSE(Records.empty());
  EXPECT_TRUE(Records.front()["profile"]["generic"].get<bool>());
}

TEST(LedgerProcess, AutoSaysWhyItModels) {
  std::string Dir = makeTempDir();
  ChildResult R = runBurner({"burn", "0.05"},
                            {{"GREENLINT_LEDGER", Dir + "/ledger"},
                             {"GREENLINT_SYSFS_ROOT", Dir + "/root"}},
                            Dir);
  ASSERT_EQ(R.Status, 0);
  EXPECT_NE(R.Stderr.find("no powercap at " + Dir + "/root"), std::string::npos)
      << R.Stderr;
  std::vector<json> Records = readLedger(only(listLedgers(Dir + "/ledger")));
  ASSERT_FALSE(Records.empty());
  EXPECT_EQ(Records.front()["meters"][0]["name"], "model");
  EXPECT_NE(
      Records.front()["meter_reason"].get<std::string>().find("no powercap"),
      std::string::npos);
}

TEST(LedgerProcess, AutoPrefersFakeRaplAndAddsFakeNvml) {
  std::string Dir = makeTempDir();
  std::string Root = Dir + "/root";
  std::string Zone = Root + "/sys/class/powercap/intel-rapl:0";
  writeFile(Zone + "/name", "package-0\n");
  writeFile(Zone + "/energy_uj", "1000\n");
  writeFile(Zone + "/max_energy_range_uj", "262143328850\n");
  writeFile(Root + "/proc/cpuinfo", readFile("/proc/cpuinfo"));
  writeFile(Dir + "/nvml", "1000 40000\n");
  setenv("FAKE_NVML_FILE", (Dir + "/nvml").c_str(), 1);
  ChildResult R = runBurner({"burn", "0.1"},
                            {{"GREENLINT_LEDGER", Dir + "/ledger"},
                             {"GREENLINT_SYSFS_ROOT", Root},
                             {"GREENLINT_NVML_LIB", GREENLINT_TEST_FAKE_NVML}},
                            Dir);
  unsetenv("FAKE_NVML_FILE");
  ASSERT_EQ(R.Status, 0) << R.Stderr;
  std::vector<json> Records = readLedger(only(listLedgers(Dir + "/ledger")));
  ASSERT_FALSE(Records.empty());
  const json &Meters = Records.front()["meters"];
  ASSERT_EQ(Meters.size(), 2u);
  EXPECT_EQ(Meters[0]["name"], "rapl");
  EXPECT_EQ(Meters[1]["name"], "nvml");
  EXPECT_TRUE(Meters[0]["measured"].get<bool>());
}

} // namespace
