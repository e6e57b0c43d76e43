//===- SciTest.cpp - SCI = (E*I + M) per R against hand-worked cases ------===//
#include "Sci.h"

#include <gtest/gtest.h>

using namespace greenlint;

namespace {

Methodology germany() {
  Methodology M;
  M.IntensityGPerKWh = 342;
  M.Pue = 1;
  M.EmbodiedG = 1000000; // 1,000 kg
  M.LifespanYears = 4;
  M.TotalThreads = 8;
  return M;
}

DomainProvenance modelled() {
  LedgerMeter Model{"model", false, {"cpu", "dram"}, ""};
  return domainProvenance({Model});
}

} // namespace

// ISO/IEC 21031's worked example: a 1,000 kg device, 4-year life, reserved
// for 1 hour: 1,000,000 g x 1 / (4 x 365 x 24) = 28.54 g.
TEST(Sci, SpecWorkedEmbodiedExample) {
  double M = embodiedShareG(1000000, 3600, 4 * SecondsPerYear, 1, 1);
  EXPECT_NEAR(M, 1000000.0 / (4 * 8760), 1e-9);
  EXPECT_NEAR(M, 28.54, 0.01);
}

TEST(Sci, EmbodiedScalesWithResourceShare) {
  // Half the machine's threads for an hour: half the spec example.
  EXPECT_NEAR(embodiedShareG(1000000, 3600, 4 * SecondsPerYear, 4, 8),
              28.54 / 2, 0.01);
  EXPECT_EQ(embodiedShareG(1000000, 3600, 0, 1, 1), 0);
}

// 0.5 kWh on 350 g/kWh plus 28.5 g embodied over 1000 requests is 0.2035 g
// per request: the case research/impact-framework.md ran through if-run.
TEST(Sci, OperationalPlusEmbodiedPerUnit) {
  Methodology M = germany();
  M.IntensityGPerKWh = 350;
  M.EmbodiedG = 28.5 * 4 * SecondsPerYear / 3600; // M = 28.5 g over 1 h
  M.TotalThreads = 1;
  DomainEnergy E;
  E.Cpu = 0.5 * JoulesPerKWh;
  // One logical CPU busy for the hour: RR/ToR = 1.
  CarbonTerms T = carbonOf(E, modelled(), 3600, 3600, 3600, M);
  EXPECT_NEAR(T.OperationalG, 175, 1e-9);
  EXPECT_NEAR(T.EmbodiedG, 28.5, 1e-9);
  EXPECT_NEAR(T.CarbonG / 1000, 0.2035, 1e-12);
}

TEST(Sci, PueMultipliesEnergyNotEmbodied) {
  Methodology M = germany();
  DomainEnergy E;
  E.Cpu = 3.6e6; // 1 kWh IT energy
  CarbonTerms One = carbonOf(E, modelled(), 10, 100, 10, M);
  M.Pue = 1.135;
  CarbonTerms Aws = carbonOf(E, modelled(), 10, 100, 10, M);
  EXPECT_NEAR(Aws.EnergyKWh, 1.135, 1e-12);
  EXPECT_NEAR(Aws.OperationalG, 1.135 * 342, 1e-9);
  EXPECT_DOUBLE_EQ(Aws.EmbodiedG, One.EmbodiedG);
}

TEST(Sci, RrIsCpuTimeOverWallOrTheReservedShare) {
  Methodology M = germany();
  DomainEnergy E;
  // A region that used 30 of the run's 40 CPU-seconds in a 20 s run.
  CarbonTerms Used = carbonOf(E, modelled(), 30, 20, 40, M);
  EXPECT_DOUBLE_EQ(Used.ResourcesReserved, 1.5); // 30 CPU-s / 20 s
  EXPECT_DOUBLE_EQ(Used.TimeReservedS, 20);
  EXPECT_NEAR(Used.EmbodiedG, 1e6 * 20 / (4 * SecondsPerYear) * 1.5 / 8, 1e-12);
  M.ReservedThreads = 4; // a 4-vCPU reservation, 3/4 of it this region's
  CarbonTerms Reserved = carbonOf(E, modelled(), 30, 20, 40, M);
  EXPECT_DOUBLE_EQ(Reserved.ResourcesReserved, 3);
}

TEST(Sci, MeasuredAndModelledApart) {
  LedgerMeter Rapl{"rapl", true, {"cpu", "dram"}, ""};
  LedgerMeter Nvml{"nvml", true, {"gpu"}, ""};
  LedgerMeter Model{"model", false, {"cpu", "dram"}, ""};
  DomainEnergy E{10, 2, 30};
  Methodology M = germany();
  CarbonTerms Metered = carbonOf(E, domainProvenance({Rapl, Nvml}), 1, 1, 1, M);
  EXPECT_DOUBLE_EQ(Metered.MeasuredJ, 42);
  EXPECT_DOUBLE_EQ(Metered.ModelledJ, 0);
  CarbonTerms Mixed = carbonOf(E, domainProvenance({Model, Nvml}), 1, 1, 1, M);
  EXPECT_DOUBLE_EQ(Mixed.MeasuredJ, 30);
  EXPECT_DOUBLE_EQ(Mixed.ModelledJ, 12);
}

TEST(Sci, SumsKeepTheTermsTrue) {
  Methodology M = germany();
  DomainEnergy E{3.6e6, 0, 0};
  CarbonTerms A = carbonOf(E, modelled(), 10, 10, 10, M); // RR 1
  CarbonTerms B = carbonOf(E, modelled(), 30, 10, 30, M); // RR 3
  CarbonTerms Sum = A;
  Sum += B;
  EXPECT_DOUBLE_EQ(Sum.TimeReservedS, 20);
  EXPECT_DOUBLE_EQ(Sum.ResourcesReserved, 2);
  EXPECT_NEAR(Sum.EmbodiedG,
              embodiedShareG(M.EmbodiedG, 20, 4 * SecondsPerYear, 2, 8), 1e-12);
  EXPECT_NEAR(Sum.CarbonG, A.CarbonG + B.CarbonG, 1e-12);
}

// SCI for AI: the phase prefix decides, then the unit.
TEST(Sci, ConsumerAndProviderSides) {
  EXPECT_EQ(sciSide("infer:Server::handle", "step"), "consumer");
  EXPECT_EQ(sciSide("train:Trainer::fit", "inference"), "provider");
  EXPECT_EQ(sciSide("handle", "token"), "consumer");
  EXPECT_EQ(sciSide("handle", "requests"), "consumer");
  EXPECT_EQ(sciSide("fit", "epoch"), "provider");
  EXPECT_EQ(sciSide("region:parse", "page"), "");
}
