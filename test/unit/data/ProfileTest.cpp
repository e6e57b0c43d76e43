//===- ProfileTest.cpp - Hardware profiles and part detection -------------===//

#include "greenlint/data/Profile.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace greenlint::data;
using namespace greenlint::data::test;

namespace {

bool contains(const std::string &Haystack, const std::string &Needle) {
  return Haystack.find(Needle) != std::string::npos;
}

/// A /proc/cpuinfo with \p N processors, as Linux prints it on x86.
std::string x86Cpuinfo(const std::string &Vendor, const std::string &Model,
                       int N, int CpuCores, int Siblings) {
  std::string Out;
  for (int I = 0; I < N; ++I)
    Out += "processor\t: " + std::to_string(I) + "\nvendor_id\t: " + Vendor +
           "\ncpu family\t: 25\nmodel\t\t: 1\nmodel name\t: " + Model +
           "\nstepping\t: 0\ncpu MHz\t\t: 2450.000\ncache size\t: 512 KB\n"
           "siblings\t: " +
           std::to_string(Siblings) +
           "\ncore id\t\t: " + std::to_string(I / 2) +
           "\ncpu cores\t: " + std::to_string(CpuCores) +
           "\nflags\t\t: fpu vme de pse tsc msr avx2\n\n";
  return Out;
}

/// An arm64 /proc/cpuinfo: no model name, only implementer and part.
std::string armCpuinfo(const std::string &Part, int N) {
  std::string Out;
  for (int I = 0; I < N; ++I)
    Out += "processor\t: " + std::to_string(I) +
           "\nBogoMIPS\t: 2100.00\nFeatures\t: fp asimd evtstrm aes pmull sve\n"
           "CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x1\n"
           "CPU part\t: " +
           Part + "\nCPU revision\t: 1\n\n";
  return Out;
}

} // namespace

TEST(Profile, EveryBundledProfileLoadsAndIsNamedAfterItsId) {
  for (const DataFile &F : embeddedDataFiles()) {
    if (F.Name.rfind("profiles/", 0) != 0)
      continue;
    SCOPED_TRACE(F.Name);
    std::string Id = F.Name.substr(9, F.Name.size() - 9 - 5);
    HardwareProfile P;
    std::string Error;
    ASSERT_TRUE(loadProfile(Id, P, Error)) << Error;
    EXPECT_EQ(P.Id, Id);
    EXPECT_GT(P.TdpW, 0);
    EXPECT_GE(P.Curve.size(), 2u);
    EXPECT_GT(P.EmbodiedKgCO2e, 0);
    EXPECT_GT(P.LifespanYears, 0);
    EXPECT_FALSE(P.Source.empty());
    EXPECT_GE(P.Year, 2018);
    if (P.Kind == "cpu")
      EXPECT_GT(P.Threads, 0);
    if (!P.Generic)
      EXPECT_FALSE(P.Match.empty());
    for (const FigureSource &S : P.Sources)
      EXPECT_FALSE(S.Text.empty()) << S.Group;
  }
}

TEST(Profile, BundlesTheIssuedParts) {
  std::vector<std::string> Ids = listProfileIds();
  for (const char *Id : {"amd-epyc-7b13",
                         "amd-epyc-7r13",
                         "amd-epyc-9r14",
                         "amd-epyc-9654",
                         "intel-xeon-platinum-8375c",
                         "intel-xeon-platinum-8481c",
                         "intel-xeon-platinum-8488c",
                         "intel-xeon-gold-6448y",
                         "aws-graviton3",
                         "aws-graviton4",
                         "apple-m1-pro",
                         "apple-m2-pro",
                         "apple-m3-pro",
                         "nvidia-t4",
                         "nvidia-l4",
                         "nvidia-a10g",
                         "nvidia-a100-sxm4-40gb",
                         "nvidia-a100-sxm4-80gb",
                         "nvidia-h100-sxm",
                         "nvidia-h200",
                         "generic-x86-amd",
                         "generic-x86-intel",
                         "generic-arm",
                         "generic-gpu-nvidia"})
    EXPECT_NE(std::find(Ids.begin(), Ids.end(), Id), Ids.end()) << Id;
  int Generic = 0;
  for (const std::string &Id : Ids) {
    HardwareProfile P;
    std::string Error;
    ASSERT_TRUE(loadProfile(Id, P, Error)) << Error;
    Generic += P.Generic;
  }
  EXPECT_EQ(Generic, 4);
}

TEST(Profile, TeadsCurveIsScaledByTdp) {
  HardwareProfile P;
  std::string Error;
  ASSERT_TRUE(loadProfile("amd-epyc-9654", P, Error)) << Error;
  EXPECT_DOUBLE_EQ(P.TdpW, 360);
  EXPECT_NEAR(P.powerAtUtilisation(0.0), 0.12 * 360, 1e-9);
  EXPECT_NEAR(P.powerAtUtilisation(0.1), 0.32 * 360, 1e-9);
  EXPECT_NEAR(P.powerAtUtilisation(0.5), 0.75 * 360, 1e-9);
  EXPECT_NEAR(P.powerAtUtilisation(1.0), 1.02 * 360, 1e-9);
  EXPECT_DOUBLE_EQ(P.IdleW, 0.12 * 360);
  EXPECT_DOUBLE_EQ(P.MaxW, 1.02 * 360);
  EXPECT_EQ(P.Cores, 96);
  EXPECT_EQ(P.Threads, 192);
  EXPECT_NEAR(P.PeakFlops.at("fp64"), 3.7e12, 1e9);
  EXPECT_DOUBLE_EQ(P.MemBandwidthGBs, 460.8);
}

TEST(Profile, CurveInterpolatesLinearlyAndClamps) {
  HardwareProfile P;
  P.Curve = {{0.0, 10}, {0.1, 30}, {0.5, 70}, {1.0, 100}};
  EXPECT_DOUBLE_EQ(P.powerAtUtilisation(0.05), 20);
  EXPECT_DOUBLE_EQ(P.powerAtUtilisation(0.3), 50);
  EXPECT_DOUBLE_EQ(P.powerAtUtilisation(0.75), 85);
  EXPECT_DOUBLE_EQ(P.powerAtUtilisation(-1), 10);
  EXPECT_DOUBLE_EQ(P.powerAtUtilisation(7), 100);
  // Without a curve the min/max line stands in.
  HardwareProfile Linear;
  Linear.IdleW = 20;
  Linear.MaxW = 120;
  EXPECT_DOUBLE_EQ(Linear.powerAtUtilisation(0.25), 45);
}

TEST(Profile, IdleMaxProfilesAreLinear) {
  HardwareProfile P;
  std::string Error;
  ASSERT_TRUE(loadProfile("nvidia-a100-sxm4-80gb", P, Error)) << Error;
  EXPECT_EQ(P.Kind, "gpu");
  EXPECT_DOUBLE_EQ(P.powerAtUtilisation(0), 46);
  EXPECT_DOUBLE_EQ(P.powerAtUtilisation(1), 400);
  EXPECT_DOUBLE_EQ(P.powerAtUtilisation(0.5), 223);
  EXPECT_DOUBLE_EQ(P.PeakFlops.at("bf16"), 312e12);
  EXPECT_DOUBLE_EQ(P.MemBandwidthGBs, 2039);
}

TEST(Profile, DetectsCloudCpusFromCpuinfo) {
  struct Case {
    std::string Vendor, Model, Id;
  } Cases[] = {
      {"AuthenticAMD", "AMD EPYC 7B13", "amd-epyc-7b13"},
      {"AuthenticAMD", "AMD EPYC 7R13 Processor", "amd-epyc-7r13"},
      {"AuthenticAMD", "AMD EPYC 9R14 96-Core Processor", "amd-epyc-9r14"},
      {"AuthenticAMD", "AMD EPYC 9654 96-Core Processor", "amd-epyc-9654"},
      {"GenuineIntel", "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz",
       "intel-xeon-platinum-8375c"},
      {"GenuineIntel", "Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz",
       "intel-xeon-platinum-8481c"},
      {"GenuineIntel", "Intel(R) Xeon(R) Platinum 8488C",
       "intel-xeon-platinum-8488c"},
      {"GenuineIntel", "Intel(R) Xeon(R) Gold 6448Y", "intel-xeon-gold-6448y"},
  };
  for (const Case &C : Cases) {
    SCOPED_TRACE(C.Model);
    std::string Note;
    HardwareProfile P =
        detectCpuProfile(x86Cpuinfo(C.Vendor, C.Model, 4, 2, 4), Note);
    EXPECT_EQ(P.Id, C.Id);
    EXPECT_FALSE(P.Generic);
    EXPECT_TRUE(contains(Note, C.Id)) << Note;
    EXPECT_TRUE(contains(Note, C.Model)) << Note;
  }
}

TEST(Profile, DetectsGravitonByCorePartAndSaysSo) {
  std::string Note;
  HardwareProfile P = detectCpuProfile(armCpuinfo("0xd40", 4), Note);
  EXPECT_EQ(P.Id, "aws-graviton3");
  EXPECT_TRUE(contains(Note, "by core type only")) << Note;
  P = detectCpuProfile(armCpuinfo("0xd4f", 2), Note);
  EXPECT_EQ(P.Id, "aws-graviton4");
}

TEST(Profile, DetectsAppleFromBrandString) {
  std::string Note;
  HardwareProfile P = detectCpuProfile("Apple M2 Pro\n", Note);
  EXPECT_EQ(P.Id, "apple-m2-pro");
  EXPECT_FALSE(Note.empty());
}

TEST(Profile, UnknownCpuGetsScaledGenericProfileAndANote) {
  std::string Note;
  HardwareProfile P = detectCpuProfile(
      x86Cpuinfo("GenuineIntel", "Intel(R) Core(TM) i7-8700K CPU @ 3.70GHz", 12,
                 6, 12),
      Note);
  EXPECT_EQ(P.Id, "generic-x86-intel");
  EXPECT_TRUE(P.Generic);
  EXPECT_EQ(P.Threads, 12);
  EXPECT_EQ(P.Cores, 6);
  // 12 of the nominal 64 threads: power and embodied carbon scale with it.
  EXPECT_NEAR(P.MaxW, 224.0 * 12 / 64, 1e-9);
  EXPECT_NEAR(P.EmbodiedKgCO2e, 500.0 * 12 / 64, 1e-9);
  EXPECT_TRUE(contains(Note, "unknown CPU 'Intel(R) Core(TM) i7-8700K"))
      << Note;
  EXPECT_TRUE(contains(Note, "generic-x86-intel")) << Note;
  EXPECT_TRUE(contains(Note, "12 logical CPUs")) << Note;
  EXPECT_TRUE(contains(Note, "GREENLINT_PROFILE")) << Note;

  P = detectCpuProfile(x86Cpuinfo("AuthenticAMD",
                                  "AMD Ryzen 9 7950X 16-Core Processor", 32, 16,
                                  32),
                       Note);
  EXPECT_EQ(P.Id, "generic-x86-amd");
  P = detectCpuProfile(armCpuinfo("0xd0c", 8), Note); // Neoverse N1
  EXPECT_EQ(P.Id, "generic-arm");
  EXPECT_TRUE(contains(Note, "no CPU model name")) << Note;
}

TEST(Profile, EmptyCpuinfoStillExplainsItself) {
  std::string Note;
  HardwareProfile P = detectCpuProfile("", Note);
  EXPECT_TRUE(P.Generic);
  EXPECT_EQ(P.Kind, "cpu");
  EXPECT_GT(P.Threads, 0);
  EXPECT_TRUE(contains(Note, "no CPU model name found")) << Note;
}

TEST(Profile, DetectsGpusFromNvmlNames) {
  struct Case {
    const char *Name, *Id;
  } Cases[] = {
      {"Tesla T4", "nvidia-t4"},
      {"NVIDIA L4", "nvidia-l4"},
      {"NVIDIA A10G", "nvidia-a10g"},
      {"NVIDIA A100-SXM4-40GB", "nvidia-a100-sxm4-40gb"},
      {"NVIDIA A100-SXM4-80GB", "nvidia-a100-sxm4-80gb"},
      {"NVIDIA H100 80GB HBM3", "nvidia-h100-sxm"},
      {"NVIDIA H200", "nvidia-h200"},
      // Close names that are other parts must not borrow a profile.
      {"NVIDIA L40S", "generic-gpu-nvidia"},
      {"NVIDIA A10", "generic-gpu-nvidia"},
      {"NVIDIA A100 80GB PCIe", "generic-gpu-nvidia"},
      {"NVIDIA H200 NVL", "generic-gpu-nvidia"},
  };
  for (const Case &C : Cases) {
    SCOPED_TRACE(C.Name);
    std::string Note;
    HardwareProfile P = detectGpuProfile(C.Name, Note);
    EXPECT_EQ(P.Id, C.Id);
    EXPECT_TRUE(contains(Note, C.Name)) << Note;
    if (P.Generic)
      EXPECT_TRUE(contains(Note, "unknown GPU")) << Note;
  }
}

TEST(Profile, BrokenYamlGivesFileLineAndColumn) {
  TempDir Dir;
  std::string Path =
      Dir.write("broken.yaml", "id: x\nname: [unclosed\nkind: cpu\n");
  HardwareProfile P;
  std::string Error;
  EXPECT_FALSE(loadProfile(Path, P, Error));
  EXPECT_EQ(Error.rfind("greenlint: " + Path + ":", 0), 0u) << Error;
  EXPECT_TRUE(contains(Error, "invalid YAML")) << Error;
  // line:col follows the path.
  std::string Rest = Error.substr(("greenlint: " + Path + ":").size());
  EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(Rest[0]))) << Error;
  EXPECT_TRUE(contains(Rest, ":")) << Error;
}

TEST(Profile, UnknownKeyListsKnownKeys) {
  TempDir Dir;
  std::string Text = embeddedText("profiles/amd-epyc-9654.yaml");
  size_t At = Text.find("  tdp_w:");
  ASSERT_NE(At, std::string::npos);
  Text.replace(At, 8, "  tdp_watts:");
  std::string Path = Dir.write("bad-key.yaml", Text);
  HardwareProfile P;
  std::string Error;
  EXPECT_FALSE(loadProfile(Path, P, Error));
  EXPECT_TRUE(contains(Error, "unknown key 'tdp_watts' in 'power'")) << Error;
  EXPECT_TRUE(contains(Error, "known keys are: tdp_w, idle_w, max_w")) << Error;
  // The key sits on line 10 of the file, column 3.
  EXPECT_TRUE(contains(Error, Path + ":10:3:")) << Error;
}

TEST(Profile, MissingFieldAndNonNumericValueAreExplained) {
  TempDir Dir;
  std::string Good = embeddedText("profiles/nvidia-t4.yaml");
  std::string NoEmbodied = Good.substr(0, Good.find("embodied:"));
  HardwareProfile P;
  std::string Error;
  EXPECT_FALSE(loadProfile(Dir.write("a.yaml", NoEmbodied), P, Error));
  EXPECT_TRUE(contains(Error, "missing required field 'embodied'")) << Error;

  std::string Watts = Good;
  Watts.replace(Watts.find("tdp_w: 70"), 9, "tdp_w: 70W");
  std::string Path = Dir.write("b.yaml", Watts);
  EXPECT_FALSE(loadProfile(Path, P, Error));
  EXPECT_TRUE(contains(Error, "non-numeric value '70W' for 'tdp_w'")) << Error;
  EXPECT_TRUE(contains(Error, "; write a plain number in watts")) << Error;
  EXPECT_EQ(Error.rfind("greenlint: " + Path + ":", 0), 0u) << Error;
}

TEST(Profile, UnknownIdListsKnownIds) {
  HardwareProfile P;
  std::string Error;
  EXPECT_FALSE(loadProfile("amd-epyc-9999", P, Error));
  EXPECT_TRUE(contains(Error, "unknown hardware profile 'amd-epyc-9999'"))
      << Error;
  EXPECT_TRUE(contains(Error, "amd-epyc-7b13")) << Error;
  EXPECT_TRUE(contains(Error, "`greenlint profiles` lists them")) << Error;
}

TEST(Profile, DataDirSuppliesProfilesAndReportsItsErrors) {
  TempDir Dir;
  std::string Text = embeddedText("profiles/nvidia-l4.yaml");
  Text.replace(Text.find("id: nvidia-l4"), 13, "id: my-l4");
  Dir.write("profiles/my-l4.yaml", Text);
  Dir.write("profiles/broken.yaml", "id: broken\npower: [\n");
  ScopedDataDir Env(Dir.Path);
  EXPECT_EQ(listProfileIds(), std::vector<std::string>{"my-l4"});
  HardwareProfile P;
  std::string Error;
  EXPECT_TRUE(loadProfile("my-l4", P, Error)) << Error;
  EXPECT_EQ(P.File, Dir.Path + "/profiles/my-l4.yaml");
  EXPECT_FALSE(loadProfile("broken", P, Error));
  EXPECT_TRUE(contains(Error, Dir.Path + "/profiles/broken.yaml:")) << Error;
  // No generic profile on disk: detection still models, and says why.
  std::string Note;
  P = detectCpuProfile("Some CPU", Note);
  EXPECT_EQ(P.Id, "builtin-generic-cpu");
  EXPECT_TRUE(contains(Note, "built-in fallback")) << Note;
}
