//===- BuildComparisonTest.cpp - Build section deltas and growth failure --===//
#include "BuildComparison.h"

#include <gtest/gtest.h>

using namespace greenlint;
using nlohmann::json;

namespace {

json model(const std::string &Name, json Parameters, json JoulesPerCall) {
  return {{"model", Name},
          {"framework", "libtorch"},
          {"file", "net.h"},
          {"line", 12},
          {"parameters", Parameters},
          {"weight_bytes", Parameters.is_number()
                               ? json(Parameters.get<double>() * 4)
                               : json(nullptr)},
          {"joules_per_call", JoulesPerCall},
          {"profile", "nvidia-a100-sxm4-80gb"}};
}

json build(json Estimates, double EnergyJ, json Rules = json::array()) {
  return {{"estimates", Estimates},
          {"findings_by_rule", Rules},
          {"compile",
           {{"energy_j", EnergyJ},
            {"wall_s", 1.0},
            {"cpu_s", 1.0},
            {"translation_units", 1},
            {"without_cost", json::array()},
            {"profiles", json::array({{{"id", "amd-epyc-7b13"}}})}}}};
}

const json *find(const json &D, const std::string &Model) {
  for (const json &M : D["models"])
    if (M["model"] == Model)
      return &M;
  return nullptr;
}

} // namespace

TEST(BuildComparison, MatchesModelsByNameAndGivesPercentChanges) {
  json Base = build(
      json::array({model("Net", 100, 0.002), model("Old", 10, 0.001)}), 0.5);
  json Head = build(
      json::array({model("Net", 150, 0.003), model("New", 5, nullptr)}), 0.6);
  json D = diffBuildSections(Base, Head, -1);
  const json *Net = find(D, "Net");
  ASSERT_TRUE(Net);
  EXPECT_EQ((*Net)["status"], "changed");
  EXPECT_DOUBLE_EQ((*Net)["parameters_pct"].get<double>(), 50);
  EXPECT_DOUBLE_EQ((*Net)["weight_bytes_pct"].get<double>(), 50);
  EXPECT_NEAR((*Net)["joules_per_call_pct"].get<double>(), 50, 1e-9);
  EXPECT_EQ((*find(D, "Old"))["status"], "removed");
  EXPECT_EQ((*find(D, "New"))["status"], "added");
  EXPECT_TRUE((*find(D, "New"))["parameters_pct"].is_null());
  EXPECT_NEAR(D["compile"]["energy_pct"].get<double>(), 20, 1e-9);
  // Off by default: growth alone never fails.
  EXPECT_EQ(D["growth_failures"], 0);
  EXPECT_TRUE(D["fail_on_growth_pct"].is_null());
}

TEST(BuildComparison, GrowthBeyondThresholdFails) {
  json Base = build(json::array({model("Net", 100, 0.002)}), 0.5);
  json Grown =
      build(json::array({model("Net", 100, 0.0031)}), 0.5); // J/call +55%
  EXPECT_EQ(diffBuildSections(Base, Grown, 50)["growth_failures"], 1);
  EXPECT_EQ(diffBuildSections(Base, Grown, 60)["growth_failures"], 0);
  // Unknown figures and added models cannot fail: there is nothing to grow.
  json Unknown = build(
      json::array({model("Net", nullptr, nullptr), model("X", 1e9, 9)}), 0.5);
  EXPECT_EQ(diffBuildSections(Base, Unknown, 0)["growth_failures"], 0);
  // Shrinking never fails.
  json Smaller = build(json::array({model("Net", 50, 0.001)}), 0.5);
  EXPECT_EQ(diffBuildSections(Base, Smaller, 0)["growth_failures"], 0);
}

TEST(BuildComparison, FindingsByRuleOnBothSides) {
  json Base = build(json::array(), 1,
                    {{{"rule", "a"}, {"findings", 2}, {"suppressed", 1}}});
  json Head = build(json::array(), 1,
                    {{{"rule", "b"}, {"findings", 1}, {"suppressed", 0}}});
  json D = diffBuildSections(Base, Head, -1);
  ASSERT_EQ(D["findings_by_rule"].size(), 2u);
  EXPECT_EQ(D["findings_by_rule"][0]["rule"], "a");
  EXPECT_EQ(D["findings_by_rule"][0]["base"], 2);
  EXPECT_EQ(D["findings_by_rule"][0]["head"], 0);
  EXPECT_EQ(D["findings_by_rule"][0]["base_suppressed"], 1);
  EXPECT_EQ(D["findings_by_rule"][1]["head"], 1);
}

TEST(BuildComparison, MalformedBuildSectionIsNamed) {
  std::string Problem;
  json Good = build(json::array({model("Net", 1, 1)}), 1);
  EXPECT_TRUE(checkBuildSection(Good, Problem)) << Problem;
  json NoProfiles = Good;
  NoProfiles["compile"].erase("profiles");
  EXPECT_FALSE(checkBuildSection(NoProfiles, Problem));
  EXPECT_EQ(Problem, "build/compile/profiles is not a list");
  json NoFramework = Good;
  NoFramework["estimates"][0].erase("framework");
  EXPECT_FALSE(checkBuildSection(NoFramework, Problem));
  EXPECT_EQ(Problem, "build/estimates/0/framework is not a string");
  // Wrong types threw nlohmann::type_error out of the diff (issue 13.4).
  json StringLine = Good;
  StringLine["estimates"][0]["line"] = "7";
  EXPECT_FALSE(checkBuildSection(StringLine, Problem));
  EXPECT_EQ(Problem, "build/estimates/0/line is not a line number");
  json StringWall = Good;
  StringWall["compile"]["wall_s"] = "a";
  EXPECT_FALSE(checkBuildSection(StringWall, Problem));
  EXPECT_EQ(Problem, "build/compile/wall_s is not a number from 0");
  json NumberId = Good;
  NumberId["compile"]["profiles"] = json::array({{{"id", 5}}});
  EXPECT_FALSE(checkBuildSection(NumberId, Problem));
  json StringCount = Good;
  StringCount["findings_by_rule"] =
      json::array({{{"rule", "a"}, {"findings", "x"}}});
  EXPECT_FALSE(checkBuildSection(StringCount, Problem));
  EXPECT_EQ(Problem, "build/findings_by_rule/0/findings is not a whole "
                     "number from 0");
}
