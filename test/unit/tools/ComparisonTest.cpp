//===- ComparisonTest.cpp - Methodology refusal and verdicts --------------===//
#include "Comparison.h"

#include <gtest/gtest.h>

using namespace greenlint;
using nlohmann::json;

namespace {

json report(const std::string &Grid, double Intensity, double Pue,
            const std::vector<double> &RunCarbon) {
  json Runs = json::array();
  double Sum = 0;
  for (double C : RunCarbon) {
    Runs.push_back({{"carbon_g", C}, {"units", 10}});
    Sum += C;
  }
  json Row = {{"key", "consumer:consumer/inference"},
              {"scope", "consumer"},
              {"name", "consumer"},
              {"side", "consumer"},
              {"unit", "inference"},
              {"sci", Sum / (10.0 * RunCarbon.size())},
              {"runs", Runs},
              {"intervals", {{"n", 0}, {"sci", 0}, {"se", 0}}}};
  return {{"format", "greenlint-report"},
          {"version", 1},
          {"methodology",
           {{"profile", {{"id", "amd-epyc-7b13"}}},
            {"grid", {{"id", Grid}, {"intensity_gco2e_per_kwh", Intensity}}},
            {"pue", {{"value", Pue}}},
            {"meters", json::array({{{"name", "model"}, {"measured", false}}})},
            {"functional_units", {"inference"}},
            {"embodied",
             {{"te_g", 5e5},
              {"lifespan_years", 4},
              {"tor_threads", 128},
              {"rr", "cpu-time-used"},
              {"reserved_threads", 0}}},
            {"grouping", "all"}}},
          {"groups",
           json::array({{{"test", "(all)"}, {"rows", json::array({Row})}}})}};
}

} // namespace

TEST(Comparison, IdenticalMethodologyCompares) {
  EXPECT_EQ(methodologyDifferences(report("DE", 342, 1, {1}),
                                   report("DE", 342, 1, {2})),
            "");
}

TEST(Comparison, RefusesAndSaysWhatDiffers) {
  json Base = report("DE", 342, 1, {1});
  json Head = report("FR", 44, 1.1, {1});
  Head["methodology"]["meters"][0]["measured"] = true;
  Head["methodology"]["meters"][0]["name"] = "rapl";
  Head["methodology"]["functional_units"] = {"token"};
  Head["methodology"]["profile"]["id"] = "amd-epyc-9654";
  std::string D = methodologyDifferences(Base, Head);
  EXPECT_NE(D.find("hardware profile: base amd-epyc-7b13, head amd-epyc-9654"),
            std::string::npos);
  EXPECT_NE(D.find("grid: base DE, head FR"), std::string::npos);
  EXPECT_NE(D.find("grid intensity (gCO2e/kWh): base 342, head 44"),
            std::string::npos);
  EXPECT_NE(D.find("PUE: base 1, head 1.1"), std::string::npos);
  EXPECT_NE(D.find("meters: base model(modelled), head rapl(measured)"),
            std::string::npos);
  EXPECT_NE(D.find("functional units"), std::string::npos);
}

// A real 10% regression over five runs a side is flagged; the same runs in
// another order (noise only) are not.
TEST(Comparison, TenPercentRegressionFlaggedNoiseNot) {
  std::vector<double> BaseRuns = {1.00, 1.02, 0.99, 1.01, 0.98};
  std::vector<double> HeadRuns;
  for (double C : BaseRuns)
    HeadRuns.push_back(C * 1.10);
  DiffSettings S;
  S.FailAbovePct = 5;
  json Reg = diffReports(report("DE", 342, 1, BaseRuns),
                         report("DE", 342, 1, HeadRuns), S);
  EXPECT_EQ(Reg["regressions"], 1);
  EXPECT_EQ(Reg["rows"][0]["verdict"], "regression");
  EXPECT_NEAR(Reg["rows"][0]["delta_pct"].get<double>(), 10, 1e-9);

  json Noise =
      diffReports(report("DE", 342, 1, BaseRuns),
                  report("DE", 342, 1, {0.98, 1.01, 1.00, 0.99, 1.02}), S);
  EXPECT_EQ(Noise["regressions"], 0);
  EXPECT_EQ(Noise["rows"][0]["verdict"], "no significant change");

  S.FailAbovePct = 15; // significant, but within the threshold
  json Within = diffReports(report("DE", 342, 1, BaseRuns),
                            report("DE", 342, 1, HeadRuns), S);
  EXPECT_EQ(Within["regressions"], 0);
}
