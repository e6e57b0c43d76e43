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

} // namespace
