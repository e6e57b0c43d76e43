//===- ProjectTableTest.cpp - Summaries across translation units ----------===//
#include "support/ProjectTable.h"
#include "greenlint/apis/ApiModel.h"
#include "support/FunctionSummaries.h"
#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <nlohmann/json.hpp>

using namespace clang;
using namespace clang::ast_matchers;
using namespace greenlint;

namespace {

const char *Api = R"(framework: demo
apis:
  - {role: model-load, function: "::fw::load", source_args: [0]}
  - {role: inference-call, method: forward, class: "::fw::Model"}
)";

const char *Declarations = R"(
namespace fw {
struct Model { int forward(int) const; };
Model load(const char *path, int flags);
}
fw::Model openModel(const char *p);
)";

// The unit that defines the helpers.
const char *Helpers = R"(
fw::Model openModel(const char *p) { return fw::load(p, 0); }
static fw::Model hidden(const char *p) { return fw::load(p, 1); }
template <class T> fw::Model generic(T p) { return fw::load(p, 2); }
int counter;
fw::Model counted(const char *p) { ++counter; return fw::load(p, 3); }
fw::Model viaCounted(const char *p) { return counted(p); }
int unrelated(int x) { return x + 1; }
int runIt(fw::Model &m, int x) { return m.forward(x); }
void reload(fw::Model &m) { m = fw::load("next.pt", 0); }
)";

// The unit that calls one of them in a loop, without its body.
const char *Caller = R"(
void serve(const char *p, int n) {
  for (int i = 0; i < n; ++i)
    openModel(p);
}
)";

class ProjectTableTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string Error;
    ASSERT_TRUE(Model.addYaml(Api, "demo.yaml", Error)) << Error;
  }

  std::unique_ptr<ASTUnit> parse(const std::string &Code,
                                 const std::string &Name) {
    auto AST = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"}, Name);
    EXPECT_TRUE(AST);
    return AST;
  }

  static const FunctionDecl *function(ASTUnit &AST, llvm::StringRef Name) {
    return selectFirst<FunctionDecl>(
        "f", match(functionDecl(hasName(Name)).bind("f"), AST.getASTContext()));
  }

  static const ExportedFunction *defined(const ProjectFacts &Facts,
                                         llvm::StringRef Name) {
    for (const ExportedFunction &F : Facts.Defines)
      if (F.Name == Name)
        return &F;
    return nullptr;
  }

  ApiModel Model;
};

TEST_F(ProjectTableTest, ExportsExternallyVisibleDefinitions) {
  auto AST = parse(std::string(Declarations) + Helpers, "helpers.cpp");
  ASSERT_TRUE(AST);
  FunctionSummaries Summaries(Model, AST->getASTContext());
  ProjectFacts Facts =
      collectProjectFacts(Summaries, Model, AST->getASTContext());

  const ExportedFunction *Open = defined(Facts, "openModel");
  ASSERT_TRUE(Open);
  ASSERT_EQ(Open->Effects.size(), 1u);
  const ExportedEffect &E = Open->Effects[0];
  EXPECT_EQ(E.Role, "model-load");
  EXPECT_EQ(E.Api, "fw::load");
  EXPECT_EQ(E.Params, std::vector<unsigned>{0});
  EXPECT_TRUE(llvm::StringRef(E.File).ends_with("helpers.cpp")) << E.File;
  EXPECT_EQ(E.Line, 8u);
  EXPECT_FALSE(E.WritesLastingState);
  EXPECT_TRUE(E.Via.empty());

  // Two units cannot call a static function or a template by this name.
  EXPECT_FALSE(defined(Facts, "hidden"));
  EXPECT_FALSE(defined(Facts, "generic"));
  // State kept between calls is recorded along the way.
  const ExportedFunction *Via = defined(Facts, "viaCounted");
  ASSERT_TRUE(Via);
  ASSERT_EQ(Via->Effects.size(), 1u);
  EXPECT_EQ(Via->Effects[0].Via, std::vector<std::string>{"counted"});
  EXPECT_TRUE(Via->Effects[0].WritesLastingState);
  // Kept without effects, so that a second definition elsewhere is seen.
  const ExportedFunction *Plain = defined(Facts, "unrelated");
  ASSERT_TRUE(Plain);
  EXPECT_TRUE(Plain->Effects.empty());
  // A model passed to runIt comes back unchanged; one passed to reload
  // does not.
  const ExportedFunction *Runs = defined(Facts, "runIt");
  ASSERT_TRUE(Runs);
  EXPECT_EQ(Runs->OnlyRunParams, std::vector<unsigned>{0});
  const ExportedFunction *Reload = defined(Facts, "reload");
  ASSERT_TRUE(Reload);
  EXPECT_TRUE(Reload->OnlyRunParams.empty());
  EXPECT_TRUE(Facts.Wants.empty());
}

TEST_F(ProjectTableTest, CallerTakesTheSummaryFromTheTable) {
  auto Defining = parse(std::string(Declarations) + Helpers, "helpers.cpp");
  ASSERT_TRUE(Defining);
  FunctionSummaries Own(Model, Defining->getASTContext());
  ProjectTable Table;
  Table.add(collectProjectFacts(Own, Model, Defining->getASTContext()));

  auto Calling = parse(std::string(Declarations) + Caller, "serve.cpp");
  ASSERT_TRUE(Calling);
  const FunctionDecl *Open = function(*Calling, "openModel");
  ASSERT_TRUE(Open);
  ASSERT_FALSE(Open->hasBody());

  // Alone, the caller knows nothing of the helper, but records the need.
  FunctionSummaries Alone(Model, Calling->getASTContext());
  EXPECT_TRUE(Alone.effects(Open, "model-load").empty());
  ASSERT_EQ(Alone.missingBodies().size(), 1u);
  EXPECT_EQ(*Alone.missingBodies().begin(), functionKey(*Open));
  ProjectFacts Needs =
      collectProjectFacts(Alone, Model, Calling->getASTContext());
  EXPECT_EQ(Needs.Wants, Alone.missingBodies());
  EXPECT_FALSE(Table.sliceFor(Needs).empty());

  FunctionSummaries WithTable(Model, Calling->getASTContext(), &Table);
  const std::vector<SummaryEffect> &Effects =
      WithTable.effects(Open, "model-load");
  ASSERT_EQ(Effects.size(), 1u);
  EXPECT_EQ(Effects[0].ApiCall, nullptr);
  ASSERT_TRUE(Effects[0].External);
  ASSERT_TRUE(Effects[0].Entry);
  EXPECT_EQ(Effects[0].Entry->Name, "fw::load");
  EXPECT_EQ(Effects[0].Params.size(), 1u);
  EXPECT_EQ(Effects[0].FoundBy,
            "found by greenlint check's project view, in another unit");
  // Other roles have nothing in the table.
  EXPECT_TRUE(WithTable.effects(Open, "inference-call").empty());
}

TEST_F(ProjectTableTest, NotesSayWhereTheTableCameFrom) {
  // The plugin's table holds only the units compiled before this one.
  ProjectTable Check, Folder(ProjectSource::FactsFolder);
  EXPECT_EQ(Check.foundBy(),
            "found by greenlint check's project view, in another unit");
  EXPECT_EQ(Folder.foundBy(),
            "found in the facts folder, in a unit compiled earlier");
}

TEST_F(ProjectTableTest, TwoDifferentDefinitionsAreAmbiguous) {
  ExportedEffect Load{"model-load", "::fw::load", "/a.cpp", 3, 1, {}, {0}};
  ProjectFacts A, B, Same;
  A.Defines.push_back(
      {"setup void (const char *)", "setup", "/a.cpp", 2, {Load}, {}});
  B.Defines.push_back(
      {"setup void (const char *)", "setup", "/b.cpp", 2, {}, {}});
  Same = A;
  ProjectTable Agree, Differ;
  Agree.add(A);
  Agree.add(Same);
  EXPECT_TRUE(Agree.find("setup void (const char *)"));
  EXPECT_EQ(Agree.helperCount(), 1u);
  Differ.add(A);
  Differ.add(B);
  Differ.add(Same); // a third unit does not bring it back
  EXPECT_FALSE(Differ.find("setup void (const char *)"));
  EXPECT_EQ(Differ.helperCount(), 0u);
}

TEST_F(ProjectTableTest, FactsRoundTripAndBadFieldsAreNamed) {
  ProjectFacts Facts;
  Facts.Defines.push_back({"k",
                           "f",
                           "/x.cpp",
                           4,
                           {{"model-load",
                             "::fw::load",
                             "/x.cpp",
                             5,
                             3,
                             {"g"},
                             {0, 2},
                             true,
                             false,
                             true}},
                           {1}});
  Facts.Wants = {"w1", "w2"};
  std::string Error;
  std::optional<ProjectFacts> Back =
      ProjectFacts::fromJson(Facts.toJson(), Error);
  ASSERT_TRUE(Back.has_value()) << Error;
  const ProjectFacts &Read =
      *Back; // NOLINT(bugprone-unchecked-optional-access): asserted above
  EXPECT_EQ(Read.toJson(), Facts.toJson());
  EXPECT_EQ(Read.Defines[0].Effects[0], Facts.Defines[0].Effects[0]);

  nlohmann::ordered_json J = Facts.toJson();
  J["defines"][0]["effects"][0]["line"] = "five";
  EXPECT_FALSE(ProjectFacts::fromJson(J, Error));
  EXPECT_EQ(Error, "/defines/0/effects/0/line: not a count");
  J = Facts.toJson();
  J["wants"] = {1};
  EXPECT_FALSE(ProjectFacts::fromJson(J, Error));
  EXPECT_EQ(Error, "/wants: holds a value that is not a string");
  J = Facts.toJson();
  J["defines"][0].erase("key");
  EXPECT_FALSE(ProjectFacts::fromJson(J, Error));
  EXPECT_EQ(Error, "/defines/0/key: missing (or not in an object)");
  EXPECT_FALSE(ProjectFacts::fromJson(nlohmann::ordered_json(3), Error));
  EXPECT_FALSE(Error.empty());
}

} // namespace
