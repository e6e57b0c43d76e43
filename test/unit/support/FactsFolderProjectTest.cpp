//===- FactsFolderProjectTest.cpp - The plugin's project view -------------===//
#include "FactsFolderProject.h"
#include "Facts.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace greenlint;

namespace {

class FactsFolderProjectTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(
        llvm::sys::fs::createUniqueDirectory("greenlint-facts-folder", Dir));
  }
  void TearDown() override {
    EXPECT_FALSE(llvm::sys::fs::remove_directories(Dir));
  }

  void writeFile(llvm::StringRef Name, llvm::StringRef Text) {
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, Name);
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    ASSERT_FALSE(EC) << EC.message();
    OS << Text;
  }

  /// The model load a helper of \p Source reaches.
  static ExportedEffect loadIn(const std::string &Source) {
    return {"model-load", "XGBoosterLoadModel", Source, 5, 3, {}, {0}};
  }

  /// The facts file of a unit that defines \p Name, loading a model.
  static FactsFile unitDefining(const std::string &Source,
                                const std::string &Name) {
    FactsFile Facts;
    Facts.Source = Source;
    ProjectFacts Project;
    Project.Defines.push_back({Name + " void *(const char *)",
                               Name,
                               Source,
                               3,
                               {loadIn(Source)},
                               {}});
    Facts.Project = std::move(Project);
    return Facts;
  }

  llvm::SmallString<128> Dir;
};

TEST_F(FactsFolderProjectTest, ReadsTheOtherUnitsButNotItsOwn) {
  std::string Error;
  FactsFile Helpers = unitDefining("/p/model_io.cpp", "openModel");
  ASSERT_TRUE(Helpers.write(Dir, Error)) << Error;
  // The unit being compiled, as an earlier build wrote it: its AST has
  // what it defines now.
  FactsFile Own = unitDefining("/p/serve.cpp", "staleHelper");
  ASSERT_TRUE(Own.write(Dir, Error)) << Error;
  // Facts without project facts: model files, an older plugin, a
  // precompiled input. A write under way. None is a problem.
  writeFile("model.onnx-1.json", R"({"format": "greenlint-facts",
    "version": 1, "kind": "model-files", "estimates": []})");
  writeFile("old.cpp-2.json", R"({"format": "greenlint-facts",
    "version": 1, "findings": [], "regions": []})");
  writeFile("serve.cpp-3.json.tmp42", "{\"format\": ");

  ProjectTable Table(ProjectSource::FactsFolder);
  FactsFolderRead Read =
      addFactsFolder(Dir, FactsFile::fileNameFor("/p/serve.cpp"), Table);
  EXPECT_EQ(Read.Units, 1u);
  EXPECT_TRUE(Read.Skipped.empty());
  const ExportedFunction *Open = Table.find("openModel void *(const char *)");
  ASSERT_TRUE(Open);
  ASSERT_EQ(Open->Effects.size(), 1u);
  EXPECT_EQ(Open->Effects[0], loadIn("/p/model_io.cpp"));
  EXPECT_FALSE(Table.find("staleHelper void *(const char *)"));
  EXPECT_EQ(skippedFactsWarning(Read), "");
}

TEST_F(FactsFolderProjectTest, AMissingFolderIsEmpty) {
  ProjectTable Table(ProjectSource::FactsFolder);
  FactsFolderRead Read =
      addFactsFolder(std::string(Dir) + "/not-yet", "a.cpp-1.json", Table);
  EXPECT_EQ(Read.Units, 0u);
  EXPECT_TRUE(Read.Skipped.empty());
}

TEST_F(FactsFolderProjectTest, BadFilesAreSkippedAndNamed) {
  std::string Error;
  ASSERT_TRUE(unitDefining("/p/model_io.cpp", "openModel").write(Dir, Error))
      << Error;
  writeFile("a-cut.json", R"({"format": "greenlint-facts", "proj)");
  writeFile("b-other.json", R"({"name": "package.json of something"})");
  writeFile("c-version.json", R"({"format": "greenlint-facts", "version": 1,
    "project": {"version": 2, "defines": [], "wants": []}})");
  writeFile("d-noversion.json", R"({"format": "greenlint-facts",
    "project": {"defines": [], "wants": []}})");
  writeFile("e-field.json", R"({"format": "greenlint-facts", "version": 1,
    "project": {"version": 1, "defines": [{"key": "k", "name": "n",
    "file": "/f.cpp", "line": 1, "only_run_params": [], "effects": [
    {"role": "model-load", "api": "a", "file": "/f.cpp", "line": 2,
     "column": "3"}]}], "wants": []}})");
  writeFile("f-notobject.json", R"({"format": "greenlint-facts",
    "project": []})");

  ProjectTable Table(ProjectSource::FactsFolder);
  FactsFolderRead Read = addFactsFolder(Dir, "serve.cpp-1.json", Table);
  // The good unit still counts.
  EXPECT_EQ(Read.Units, 1u);
  EXPECT_TRUE(Table.find("openModel void *(const char *)"));
  ASSERT_EQ(Read.Skipped.size(), 6u);
  auto What = [&](size_t I) { return Read.Skipped[I].What; };
  EXPECT_TRUE(llvm::StringRef(Read.Skipped[0].File).ends_with("a-cut.json"));
  EXPECT_EQ(What(0), "not JSON (a damaged facts file, or not greenlint's)");
  EXPECT_EQ(What(1), "not a greenlint facts file (no \"format\": "
                     "\"greenlint-facts\")");
  EXPECT_EQ(Read.Skipped[1].Fix, "keep other files out of the facts folder");
  EXPECT_EQ(What(2),
            "project facts of version 2; this greenlint reads version 1");
  EXPECT_EQ(What(3),
            "facts field /project/version: missing or not a whole number");
  EXPECT_EQ(What(4), "facts field /project/defines/0/effects/0/column: not "
                     "a count");
  EXPECT_EQ(What(5),
            "facts field /project/version: missing or not a whole number");

  std::string Warning = skippedFactsWarning(Read);
  EXPECT_EQ(Warning, "greenlint: " + Read.Skipped[0].File +
                         ": not JSON (a damaged facts file, or not "
                         "greenlint's); the project view skips it: delete it "
                         "and compile its unit again with "
                         "-fplugin-arg-greenlint-facts=; 5 more facts files "
                         "are skipped likewise");
}

TEST_F(FactsFolderProjectTest, FactsFileKeepsProjectFactsVersioned) {
  FactsFile Facts = unitDefining("/p/model_io.cpp", "openModel");
  nlohmann::ordered_json J = nlohmann::ordered_json::parse(Facts.toJson());
  ASSERT_TRUE(J.contains("project"));
  EXPECT_EQ(J["project"]["version"], ProjectFacts::FormatVersion);
  std::string Error;
  std::optional<ProjectFacts> Back =
      ProjectFacts::fromJson(J["project"], Error);
  ASSERT_TRUE(Back.has_value()) << Error;
  const ProjectFacts &Read =
      *Back; // NOLINT(bugprone-unchecked-optional-access): asserted above
  ASSERT_EQ(Read.Defines.size(), 1u);
  EXPECT_EQ(Read.Defines[0].Effects,
            std::vector<ExportedEffect>{loadIn("/p/model_io.cpp")});
  // A precompiled input has none, and its file says nothing of it.
  Facts.Project.reset();
  EXPECT_FALSE(
      nlohmann::ordered_json::parse(Facts.toJson()).contains("project"));
}

} // namespace
