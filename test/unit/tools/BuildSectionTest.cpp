//===- BuildSectionTest.cpp - Facts -> the report's build section ---------===//
#include "BuildSection.h"

#include <gtest/gtest.h>

using namespace greenlint;
using nlohmann::json;

namespace {

json estimate(const std::string &Model, const std::string &File, int Line,
              json Parameters) {
  return {{"model", Model},
          {"framework", "libtorch"},
          {"file", File},
          {"line", Line},
          {"parameters", Parameters},
          {"dtype", "float32"},
          {"bytes_per_parameter", 4},
          {"weight_bytes", Parameters.is_number()
                               ? json(Parameters.get<double>() * 4)
                               : json(nullptr)},
          {"flops_per_sample", 200},
          {"flops_basis", "one input vector"},
          {"joules_per_call", 0.002},
          {"profile", "nvidia-a100-sxm4-80gb"},
          {"energy_model", "..."},
          {"unknown", json::array()},
          {"layers", json::array()}};
}

json facts(const std::string &Source, json Findings, json Estimates,
           json Compile) {
  return {{"format", "greenlint-facts"},
          {"version", 1},
          {"source", Source},
          {"findings", Findings},
          {"regions", json::array()},
          {"estimates", Estimates},
          {"compile", Compile}};
}

json compile(double WallS, double CpuS, json EnergyJ) {
  return {{"wall_s", WallS},
          {"cpu_s", CpuS},
          {"energy_j", EnergyJ},
          {"profile", "amd-epyc-7b13"},
          {"profile_note", "GREENLINT_PROFILE=amd-epyc-7b13"},
          {"method", "modelled from profile amd-epyc-7b13"}};
}

json finding(const std::string &Rule, bool Suppressed) {
  return {{"rule", Rule}, {"suppressed", Suppressed}};
}

} // namespace

TEST(BuildSection, SumsCompileCostAndCountsFindingsByRule) {
  BuildSectionBuilder B;
  std::string Error;
  ASSERT_TRUE(
      B.addFacts(facts("a.cpp",
                       json::array({finding("infer-load-in-loop", false),
                                    finding("infer-load-in-loop", true)}),
                       json::array(), compile(2, 1.5, 0.5)),
                 "a.json", Error))
      << Error;
  ASSERT_TRUE(B.addFacts(
      facts("b.cpp", json::array({finding("infer-load-in-loop", false)}),
            json::array(), compile(1, 0.5, 0.25)),
      "b.json", Error))
      << Error;
  json J = B.toJson();
  EXPECT_EQ(J["facts_files"], 2);
  EXPECT_DOUBLE_EQ(J["compile"]["energy_j"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(J["compile"]["wall_s"].get<double>(), 3);
  EXPECT_DOUBLE_EQ(J["compile"]["cpu_s"].get<double>(), 2);
  EXPECT_EQ(J["compile"]["profiles"][0]["id"], "amd-epyc-7b13");
  EXPECT_EQ(J["compile"]["profiles"][0]["translation_units"], 2);
  ASSERT_EQ(J["findings_by_rule"].size(), 1u);
  EXPECT_EQ(J["findings_by_rule"][0]["findings"], 2);
  EXPECT_EQ(J["findings_by_rule"][0]["suppressed"], 1);
}

TEST(BuildSection, OldFactsLoadAndAreNamedAsWithoutCost) {
  BuildSectionBuilder B;
  std::string Error;
  json Old = {{"format", "greenlint-facts"},
              {"version", 1},
              {"source", "old.cpp"},
              {"findings", json::array()},
              {"regions", json::array()}};
  ASSERT_TRUE(B.addFacts(Old, "old.json", Error)) << Error;
  json J = B.toJson();
  EXPECT_TRUE(J["compile"]["energy_j"].is_null());
  EXPECT_EQ(J["compile"]["with_cost"], 0);
  EXPECT_EQ(J["compile"]["without_cost"], json::array({"old.cpp"}));
  EXPECT_TRUE(J["estimates"].empty());
}

TEST(BuildSection, UnmodelledCompileKeepsItsTimeButNotEnergy) {
  BuildSectionBuilder B;
  std::string Error;
  json C = compile(1, 1, nullptr);
  C["method"] = "not modelled: no such profile";
  ASSERT_TRUE(B.addFacts(facts("a.cpp", json::array(), json::array(), C),
                         "a.json", Error))
      << Error;
  json J = B.toJson();
  EXPECT_TRUE(J["compile"]["energy_j"].is_null());
  EXPECT_DOUBLE_EQ(J["compile"]["wall_s"].get<double>(), 1);
  EXPECT_EQ(J["compile"]["without_energy"][0]["why"],
            "not modelled: no such profile");
}

TEST(BuildSection, ModelOfAHeaderIsListedOnceAndSortedByPlace) {
  BuildSectionBuilder B;
  std::string Error;
  json Net = estimate("Net", "net.h", 12, 101770);
  ASSERT_TRUE(B.addFacts(
      facts("a.cpp", json::array(),
            json::array({estimate("Lstm", "a.cpp", 3, nullptr), Net}), nullptr),
      "a.json", Error));
  ASSERT_TRUE(
      B.addFacts(facts("b.cpp", json::array(), json::array({Net}), nullptr),
                 "b.json", Error));
  json J = B.toJson();
  ASSERT_EQ(J["estimates"].size(), 2u);
  EXPECT_EQ(J["estimates"][0]["model"], "Lstm");
  EXPECT_TRUE(J["estimates"][0]["parameters"].is_null());
  EXPECT_EQ(J["estimates"][1]["parameters"], 101770);
  EXPECT_EQ(J["estimates"][1]["weight_bytes"], 407080);
  EXPECT_FALSE(J["estimates"][1].contains("layers"));
}

TEST(BuildSection, WrongFieldTypeIsRefusedNamingFileAndField) {
  BuildSectionBuilder B;
  std::string Error;
  json Bad = estimate("Net", "net.h", 12, "101770");
  EXPECT_FALSE(
      B.addFacts(facts("a.cpp", json::array(), json::array({Bad}), nullptr),
                 "f/a.json", Error));
  EXPECT_EQ(Error.find("greenlint: f/a.json: facts field /estimates/0/"
                       "parameters is string, expected a number or null; "),
            0u)
      << Error;
  EXPECT_NE(Error.find("delete it and rebuild"), std::string::npos);
  // Issue 13.6: a negative figure is refused like a wrong type.
  json Negative = estimate("Net", "net.h", 12, -5);
  EXPECT_FALSE(B.addFacts(
      facts("a.cpp", json::array(), json::array({Negative}), nullptr),
      "f/a.json", Error));
  EXPECT_EQ(Error.find("greenlint: f/a.json: facts field /estimates/0/"
                       "parameters is -5, expected a number or null from 0"),
            0u)
      << Error;

  EXPECT_FALSE(B.addFacts(facts("a.cpp", json::array(), json::array(),
                                json::object({{"wall_s", 1}})),
                          "c.json", Error));
  EXPECT_NE(Error.find("/compile/cpu_s is missing"), std::string::npos)
      << Error;
  EXPECT_FALSE(B.addFacts(
      facts("a.cpp", json::array({{{"rule", 3}}}), json::array(), nullptr),
      "d.json", Error));
  EXPECT_NE(Error.find("/findings/0/rule is number"), std::string::npos)
      << Error;
  // A refused file adds nothing.
  EXPECT_EQ(B.toJson()["facts_files"], 0);
}

// greenlint estimate --facts: a model file's estimate joins the list, but the
// file is no translation unit (no "without compile cost" line for it).
TEST(BuildSection, ModelFileFactsAddEstimatesButNoUnit) {
  BuildSectionBuilder B;
  std::string Error;
  ASSERT_TRUE(B.addFacts(facts("a.cpp", json::array(),
                               json::array({estimate("Net", "a.cpp", 3, 10)}),
                               compile(1, 1, 0.5)),
                         "a.json", Error))
      << Error;
  json Model = {{"format", "greenlint-facts"},
                {"version", 1},
                {"kind", "model-files"},
                {"source", "ranker.onnx"},
                {"estimates",
                 json::array({estimate("ranker.onnx", "ranker.onnx", 0, 99)})}};
  ASSERT_TRUE(B.addFacts(Model, "model.json", Error)) << Error;
  json J = B.toJson();
  EXPECT_EQ(J["facts_files"], 1);
  EXPECT_EQ(J["model_files_facts"], 1);
  EXPECT_EQ(J["estimates"].size(), 2u);
  EXPECT_EQ(J["compile"]["translation_units"], 1);
  EXPECT_TRUE(J["compile"]["without_cost"].empty());
  // A kind that is not a string is refused like any mistyped field.
  Model["kind"] = 3;
  EXPECT_FALSE(B.addFacts(Model, "bad.json", Error));
  EXPECT_NE(Error.find("/kind is number"), std::string::npos) << Error;
}

// Facts that `greenlint restore-facts` wrote from an object file (a compile
// cache served the unit) are named as such, not as facts of an old plugin.
TEST(BuildSection, RestoredFactsAreNamedAsFromCache) {
  BuildSectionBuilder B;
  std::string Error;
  json Restored = {
      {"format", "greenlint-facts"},
      {"version", 1},
      {"source", "cached.cpp"},
      {"findings", json::array({{{"rule", "infer-load-in-loop"}}})},
      {"regions", json::array()},
      {"compile", nullptr},
      {"restored_from_object", "/b/cached.cpp.o"}};
  ASSERT_TRUE(B.addFacts(Restored, "cached.json", Error)) << Error;
  json J = B.toJson();
  EXPECT_EQ(J["compile"]["from_cache"], json::array({"cached.cpp"}));
  EXPECT_TRUE(J["compile"]["without_cost"].empty());
  EXPECT_EQ(J["compile"]["translation_units"], 1);
  ASSERT_EQ(J["findings_by_rule"].size(), 1u);

  BuildSectionBuilder Bad;
  Restored["restored_from_object"] = 7;
  EXPECT_FALSE(Bad.addFacts(Restored, "bad.json", Error));
  EXPECT_NE(Error.find("/restored_from_object is number"), std::string::npos)
      << Error;
}
