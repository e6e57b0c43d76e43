//===- DataFilesTest.cpp - The bundled YAML files as a whole --------------===//

#include "greenlint/data/DataFiles.h"
#include "TestUtil.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <set>

using namespace greenlint::data;
using namespace greenlint::data::test;

namespace {

bool isNumber(const std::string &S) {
  if (S.empty())
    return false;
  char *End = nullptr;
  std::strtod(S.c_str(), &End);
  return *End == '\0';
}

/// Collects every number that has no source and year in its own map or an
/// enclosing one: conventions.md asks for both on every figure.
void findUnsourced(const YAML::Node &N, bool HasSource, bool HasYear,
                   const std::string &Path, std::vector<std::string> &Out) {
  if (N.IsMap()) {
    HasSource = HasSource || N["source"].IsDefined();
    HasYear = HasYear || N["year"].IsDefined();
    for (const auto &KV : N) {
      std::string Key = KV.first.Scalar();
      if (Key == "year")
        continue;
      findUnsourced(KV.second, HasSource, HasYear, Path + "." + Key, Out);
    }
  } else if (N.IsSequence()) {
    for (const YAML::Node &E : N)
      findUnsourced(E, HasSource, HasYear, Path + "[]", Out);
  } else if (N.IsScalar() && isNumber(N.Scalar()) && !(HasSource && HasYear)) {
    Out.push_back(Path + " (line " + std::to_string(N.Mark().line + 1) + ")");
  }
}

} // namespace

TEST(DataFiles, EveryEmbeddedFileParses) {
  ASSERT_GE(embeddedDataFiles().size(), 20u);
  for (const DataFile &F : embeddedDataFiles()) {
    SCOPED_TRACE(F.Name);
    EXPECT_FALSE(F.Text.empty());
    EXPECT_NO_THROW(YAML::Load(F.Text));
    EXPECT_EQ(F.Display, "runtime/data/" + F.Name);
  }
}

TEST(DataFiles, EveryNumberHasSourceAndYear) {
  for (const DataFile &F : embeddedDataFiles()) {
    SCOPED_TRACE(F.Name);
    std::vector<std::string> Unsourced;
    findUnsourced(YAML::Load(F.Text), false, false, "", Unsourced);
    for (const std::string &U : Unsourced)
      ADD_FAILURE() << F.Name << ": number without source and year at " << U;
  }
}

TEST(DataFiles, TheWalkerCatchesAnUnsourcedNumber) {
  // Guards the test above against passing vacuously.
  std::vector<std::string> Unsourced;
  findUnsourced(YAML::Load("power:\n  tdp_w: 10\n  year: 2020\n"), false, false,
                "", Unsourced);
  EXPECT_EQ(Unsourced.size(), 1u);
}

TEST(DataFiles, EveryGridFileStatesItsLicence) {
  for (const DataFile &F : embeddedDataFiles()) {
    if (F.Name.rfind("grid/", 0) != 0 && F.Name != "pue.yaml")
      continue;
    SCOPED_TRACE(F.Name);
    YAML::Node Root = YAML::Load(F.Text);
    ASSERT_TRUE(Root["licence"].IsDefined());
    EXPECT_GT(Root["licence"].Scalar().size(), 10u);
  }
}

TEST(DataFiles, DataDirOverridesTheEmbeddedFiles) {
  TempDir Dir;
  Dir.write("grid/only.yaml", "licence: test\n");
  ScopedDataDir Env(Dir.Path);
  std::vector<DataFile> Files;
  std::string Error;
  ASSERT_TRUE(dataFiles("grid", Files, Error)) << Error;
  ASSERT_EQ(Files.size(), 1u);
  EXPECT_EQ(Files[0].Name, "grid/only.yaml");
  EXPECT_EQ(Files[0].Display, Dir.Path + "/grid/only.yaml");
  ASSERT_TRUE(dataFiles("profiles", Files, Error)) << Error;
  EXPECT_TRUE(Files.empty());
}

TEST(DataFiles, MissingDataDirIsAnError) {
  ScopedDataDir Env("/nonexistent/greenlint-data");
  std::vector<DataFile> Files;
  std::string Error;
  EXPECT_FALSE(dataFiles("profiles", Files, Error));
  EXPECT_NE(Error.find("GREENLINT_DATA_DIR=/nonexistent/greenlint-data"),
            std::string::npos)
      << Error;
  EXPECT_NE(Error.find("unset it"), std::string::npos) << Error;
}
