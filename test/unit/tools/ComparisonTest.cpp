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

// A row's SCI range is (E*I range + M) / R. Base SCI 0.1: carbon 1 g of which
// E*I 0.8 g, range 0.64-0.96 g -> SCI 0.084-0.116; head +10% overlaps it.
TEST(Comparison, ModellingRangeFromTheRowsRanges) {
  std::vector<double> BaseRuns = {1.00, 1.02, 0.99, 1.01, 0.98};
  std::vector<double> HeadRuns;
  for (double C : BaseRuns)
    HeadRuns.push_back(C * 1.10);
  auto ranged = [](json R, double Scale) {
    json &Row = R["groups"][0]["rows"][0];
    double Carbon = 5 * Scale; // 5 runs of about 1 g
    Row["carbon_g"] = Carbon;
    Row["operational_g"] = 0.8 * Carbon;
    Row["operational_range_g"] = {{"low", 0.64 * Carbon},
                                  {"high", 0.96 * Carbon}};
    Row["energy"] = {{"range", "modelled"}};
    return R;
  };
  DiffSettings S;
  json Base = ranged(report("DE", 342, 1, BaseRuns), 1);
  json Head = ranged(report("DE", 342, 1, HeadRuns), 1.1);
  json D = diffReports(Base, Head, S);
  const json &Row = D["rows"][0];
  EXPECT_EQ(Row["verdict"], "regression");
  EXPECT_EQ(Row["modelling"], "inside modelling range");
  EXPECT_NEAR(Row["base_sci_range"]["low"].get<double>(), 0.084, 1e-9);
  EXPECT_NEAR(Row["base_sci_range"]["high"].get<double>(), 0.116, 1e-9);

  // Reports made before ranges, or damaged range fields: not known, no throw.
  json Old = diffReports(report("DE", 342, 1, BaseRuns),
                         report("DE", 342, 1, HeadRuns), S);
  EXPECT_EQ(Old["rows"][0]["modelling"], "range not known");
  Head["groups"][0]["rows"][0]["operational_range_g"] = "wide";
  Head["groups"][0]["rows"][0]["energy"] = 3;
  json Damaged = diffReports(Base, Head, S);
  EXPECT_EQ(Damaged["rows"][0]["modelling"], "range not known");
  EXPECT_FALSE(Damaged["rows"][0].contains("head_sci_range"));
}
