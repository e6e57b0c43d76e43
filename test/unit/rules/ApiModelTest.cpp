//===- ApiModelTest.cpp - API data files ----------------------------------===//
#include "greenlint/apis/ApiModel.h"
#include "gtest/gtest.h"

using namespace greenlint;

namespace {

TEST(ApiModel, BuiltinDataLoads) {
  const ApiModel &M = ApiModel::builtin();
  EXPECT_EQ(M.builtinError(), "");
  EXPECT_FALSE(M.entries().empty());
  bool SawJitLoad = false;
  for (const ApiEntry &E : M.entries())
    SawJitLoad |= E.Name == "torch::jit::load" && E.Role == roles::ModelLoad;
  EXPECT_TRUE(SawJitLoad);
}

TEST(ApiModel, EntriesAreValidated) {
  ApiModel M;
  std::string Error;
  EXPECT_FALSE(M.addYaml("framework: x\napis:\n  - {role: flying, "
                         "function: f}\n",
                         "x.yaml", Error));
  EXPECT_NE(Error.find("x.yaml:3:12: unknown role 'flying'"), std::string::npos)
      << Error;
  EXPECT_NE(Error.find("model-load"), std::string::npos);

  EXPECT_FALSE(M.addYaml("framework: x\napis:\n  - {role: model-load, "
                         "method: f}\n",
                         "x.yaml", Error));
  EXPECT_NE(Error.find("a method entry needs 'class:'"), std::string::npos);

  EXPECT_FALSE(M.addYaml("framework: x\napis:\n  - {role: model-load, "
                         "function: f, colour: red}\n",
                         "x.yaml", Error));
  EXPECT_NE(Error.find("unknown key 'colour'"), std::string::npos);

  EXPECT_FALSE(M.addYaml("apis: []\n", "x.yaml", Error));
  EXPECT_NE(Error.find("needs 'framework:'"), std::string::npos);

  // Found by the API data fuzzer: a map or list where a name belongs threw
  // YAML::TypedBadConversion out of addYaml and aborted the compiler.
  EXPECT_FALSE(M.addYaml("framework: {a: 1}\napis: []\n", "x.yaml", Error));
  EXPECT_NE(Error.find("x.yaml:1:12: 'framework:' must be a name"),
            std::string::npos)
      << Error;
  EXPECT_FALSE(M.addYaml("framework: x\napis:\n  - {[role]: model-load, "
                         "function: f}\n",
                         "x.yaml", Error));
  EXPECT_NE(Error.find("x.yaml:3:6: an entry's keys are names"),
            std::string::npos)
      << Error;

  EXPECT_FALSE(M.addYaml("framework: [\n", "x.yaml", Error));
  EXPECT_NE(Error.find("fix the YAML syntax"), std::string::npos);
  // A failed file adds nothing.
  EXPECT_TRUE(M.entries().empty());

  EXPECT_TRUE(M.addYaml("framework: x\napis:\n  - {role: model-load, "
                        "function: '::ns::load', source_args: [1]}\n",
                        "x.yaml", Error))
      << Error;
  ASSERT_EQ(M.entries().size(), 1u);
  EXPECT_EQ(M.entries()[0].Name, "ns::load");
  EXPECT_EQ(M.entries()[0].SourceArgs, std::vector<unsigned>{1});
  EXPECT_EQ(M.entries()[0].Line, 3u);
}

// A count in the data says what it counts and where it comes from; the
// built-in data sizes LibTorch's MNIST splits.
TEST(ApiModel, SamplesNeedTheirSource) {
  ApiModel M;
  std::string Error;
  EXPECT_FALSE(M.addYaml("framework: x\napis:\n  - {role: model-load, value: "
                         "'::ns::kTrain', samples: 500, label: train set}\n",
                         "x.yaml", Error));
  EXPECT_NE(Error.find("x.yaml:3:"), std::string::npos) << Error;
  EXPECT_NE(Error.find("needs 'label:'"), std::string::npos) << Error;
  ASSERT_TRUE(M.addYaml("framework: x\napis:\n  - {role: model-load, value: "
                        "'::ns::kTrain', samples: 500, label: train set, "
                        "source: the dataset's page, year: 2001}\n",
                        "x.yaml", Error))
      << Error;
  ASSERT_EQ(M.entries().size(), 1u);
  EXPECT_EQ(M.entries()[0].Samples, std::optional<uint64_t>(500));
  EXPECT_EQ(M.entries()[0].Label, "train set");
  EXPECT_EQ(M.entries()[0].Source, "the dataset's page");
  EXPECT_EQ(M.entries()[0].Year, 2001);

  std::optional<uint64_t> Train, Test;
  for (const ApiEntry &E : ApiModel::builtin().entries()) {
    if (E.Role != roles::DatasetSize)
      continue;
    if (E.Name == "torch::data::datasets::MNIST::Mode::kTrain")
      Train = E.Samples;
    if (E.Name == "torch::data::datasets::MNIST::Mode::kTest")
      Test = E.Samples;
  }
  EXPECT_EQ(Train, std::optional<uint64_t>(60000));
  EXPECT_EQ(Test, std::optional<uint64_t>(10000));
}

} // namespace

// unit_count forms: an argument, a field of one, either divided; and
// also_count's second unit. Malformed specs name the file and position.
TEST(ApiModel, UnitCountsParse) {
  ApiModel M;
  std::string Error;
  ASSERT_TRUE(M.addYaml(
      "framework: x\napis:\n"
      "  - {role: runtime-inference-call, function: a, unit: token,\n"
      "     unit_count: \"1.n_tokens\"}\n"
      "  - {role: runtime-inference-call, function: b, unit: inference,\n"
      "     also_count: {unit: audio-ms, unit_count: \"3/16\"}}\n"
      "  - {role: runtime-inference-call, function: c, unit: inference,\n"
      "     also_count: {unit: row}}\n",
      "x.yaml", Error))
      << Error;
  const ApiEntry &A = M.entries()[M.entries().size() - 3];
  // value_or: an absent spec reads as argument 99 and fails below.
  const ApiEntry::UnitCount None{99, "", 0};
  const ApiEntry::UnitCount AC = A.UnitCountSpec.value_or(None);
  EXPECT_EQ(AC.Arg, 1U);
  EXPECT_EQ(AC.Field, "n_tokens");
  EXPECT_EQ(AC.Divisor, 1U);
  const ApiEntry &B = M.entries()[M.entries().size() - 2];
  EXPECT_FALSE(B.UnitCountSpec);
  EXPECT_EQ(B.AlsoUnit, "audio-ms");
  const ApiEntry::UnitCount BC = B.AlsoUnitCountSpec.value_or(None);
  EXPECT_EQ(BC.Arg, 3U);
  EXPECT_EQ(BC.Field, "");
  EXPECT_EQ(BC.Divisor, 16U);
  const ApiEntry &C = M.entries().back();
  EXPECT_EQ(C.AlsoUnit, "row");
  EXPECT_FALSE(C.AlsoUnitCountSpec);

  for (const char *Bad : {"\"x\"", "\"1.\"", "\"1.a.b\"", "\"3/0\"", "\"3/\"",
                          "\"99\"", "[1]", "\"-1\""}) {
    ApiModel Fresh;
    EXPECT_FALSE(Fresh.addYaml(
        std::string("framework: x\napis:\n  - {role: runtime-inference-call, "
                    "function: a, unit: token, unit_count: ") +
            Bad + "}\n",
        "x.yaml", Error))
        << Bad;
    EXPECT_NE(Error.find("x.yaml:3:"), std::string::npos) << Error;
    EXPECT_NE(Error.find("unit_count is"), std::string::npos) << Error;
  }
  EXPECT_FALSE(M.addYaml("framework: x\napis:\n  - {role: "
                         "runtime-inference-call, function: a, "
                         "also_count: {unit: row}}\n",
                         "x.yaml", Error));
  EXPECT_NE(Error.find("need 'unit:'"), std::string::npos) << Error;
  EXPECT_FALSE(M.addYaml("framework: x\napis:\n  - {role: "
                         "runtime-inference-call, function: a, unit: i, "
                         "also_count: {unit: row, colour: red}}\n",
                         "x.yaml", Error));
  EXPECT_NE(Error.find("also_count is"), std::string::npos) << Error;
  EXPECT_FALSE(M.addYaml("framework: x\napis:\n  - {role: "
                         "runtime-inference-call, function: a, unit: i, "
                         "also_count: {unit: \"\"}}\n",
                         "x.yaml", Error));
  EXPECT_NE(Error.find("x.yaml:3:"), std::string::npos) << Error;
  EXPECT_NE(Error.find("also_count's unit is empty"), std::string::npos)
      << Error;
}
