//===- FunctionSummariesTest.cpp - API calls one or more calls away -------===//
#include "support/FunctionSummaries.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace greenlint;

namespace {

// A made-up framework: load(path, flags) reads argument 0 only; a model's
// forward is inference.
const char *Api = R"(framework: demo
apis:
  - {role: model-load, function: "::fw::load", source_args: [0]}
  - {role: inference-call, method: forward, class: "::fw::Model"}
  - {role: model-load, function: "::fw::open"}
  - {role: pure-call, function: "::fw::defaults"}
)";

const char *Code = R"(
namespace fw {
struct Model { int forward(int) const; };
Model load(const char *path, int flags);
struct Params { int threads; };
Params defaults();
Params fromEnvironment();
Model open(const char *path, Params params);
}
fw::Model openDefault(const char *p) { return fw::open(p, fw::defaults()); }
fw::Model openFromEnv(const char *p) { return fw::open(p, fw::fromEnvironment()); }
const char *nextPath();
fw::Model helper(const char *p) { return fw::load(p, 0); }
fw::Model twoDeep(const char *q) { return helper(q); }
fw::Model fixed() { return fw::load("m.pt", 1); }
fw::Model varying() { return fw::load(nextPath(), 0); }
fw::Model mutated(const char *p) {
  const char *q = p;
  q = "other.pt";
  return fw::load(q, 0);
}
fw::Model fromLocal(const char *dir, int k) {
  const char *path = k ? dir : "default.pt";
  return fw::load(path, k);
}
struct Detector {
  const char *Path;
  fw::Model M;
  Detector(const char *P) : Path(P) { M = fw::load(Path, 0); }
  int run(int x) { return M.forward(x); }
};
int countdown(int n) { return n ? countdown(n - 1) : fw::load("a", 0).forward(1); }
int ping(int n);
int pong(int n) { return n ? ping(n - 1) : 0; }
int ping(int n) { return pong(n) + fw::load("b", 0).forward(n); }
void loop(const char **paths, int n, fw::Model m) {
  auto run = [&](int x) { return m.forward(x); };
  for (int i = 0; i < n; ++i) {
    helper(paths[i]);
    fixed();
    Detector d(paths[0]);
    run(i);
  }
}
)";

class FunctionSummariesTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string Error;
    ASSERT_TRUE(Model.addYaml(Api, "demo.yaml", Error)) << Error;
    AST = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17"});
    ASSERT_TRUE(AST);
    Summaries =
        std::make_unique<FunctionSummaries>(Model, AST->getASTContext());
  }

  const FunctionDecl *function(llvm::StringRef Name) {
    auto Found = match(functionDecl(hasName(Name), isDefinition()).bind("f"),
                       AST->getASTContext());
    EXPECT_EQ(Found.size(), 1u) << Name.str();
    return Found.empty() ? nullptr : Found[0].getNodeAs<FunctionDecl>("f");
  }

  const std::vector<SummaryEffect> &loads(llvm::StringRef Name) {
    return Summaries->effects(function(Name), roles::ModelLoad);
  }

  ApiModel Model;
  std::unique_ptr<ASTUnit> AST;
  std::unique_ptr<FunctionSummaries> Summaries;
};

TEST_F(FunctionSummariesTest, ParameterFeedsTheLoad) {
  const auto &E = loads("helper");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_EQ(E[0].Params, (llvm::SmallVector<unsigned, 2>{0}));
  EXPECT_FALSE(E[0].OtherInputs);
  EXPECT_FALSE(E[0].FromObject);
  EXPECT_TRUE(E[0].Via.empty());
  EXPECT_EQ(E[0].Entry->Name, "fw::load");
}

TEST_F(FunctionSummariesTest, TwoCallsDeepKeepsTheChain) {
  const auto &E = loads("twoDeep");
  ASSERT_EQ(E.size(), 1u);
  EXPECT_EQ(E[0].Params, (llvm::SmallVector<unsigned, 2>{0}));
  ASSERT_EQ(E[0].Via.size(), 1u);
  EXPECT_EQ(loads("helper")[0].ApiCall, E[0].ApiCall);
}

TEST_F(FunctionSummariesTest, ConstantAndUntracedInputs) {
  const auto &Fixed = loads("fixed");
  ASSERT_EQ(Fixed.size(), 1u);
  EXPECT_TRUE(Fixed[0].Params.empty());
  EXPECT_FALSE(Fixed[0].OtherInputs);

  const auto &Varying = loads("varying");
  ASSERT_EQ(Varying.size(), 1u);
  EXPECT_TRUE(Varying[0].OtherInputs);

  const auto &Mutated = loads("mutated");
  ASSERT_EQ(Mutated.size(), 1u);
  EXPECT_TRUE(Mutated[0].OtherInputs);
}

TEST_F(FunctionSummariesTest, PureCallsAreTracedThrough) {
  const auto &Default = loads("openDefault");
  ASSERT_EQ(Default.size(), 1u);
  EXPECT_EQ(Default[0].Params, (llvm::SmallVector<unsigned, 2>{0}));
  EXPECT_FALSE(Default[0].OtherInputs);
  const auto &Env = loads("openFromEnv");
  ASSERT_EQ(Env.size(), 1u);
  EXPECT_TRUE(Env[0].OtherInputs);
}

TEST_F(FunctionSummariesTest, LocalsAreTracedToTheirInitializer) {
  const auto &E = loads("fromLocal");
  ASSERT_EQ(E.size(), 1u);
  // Only argument 0 of load is what is loaded: dir and the condition k.
  EXPECT_EQ(E[0].Params, (llvm::SmallVector<unsigned, 2>{0, 1}));
  EXPECT_FALSE(E[0].OtherInputs);
}

TEST_F(FunctionSummariesTest, ConstructorFieldsComeFromItsParameters) {
  auto Ctors = match(cxxConstructorDecl(ofClass(hasName("Detector")),
                                        isDefinition(), unless(isImplicit()))
                         .bind("c"),
                     AST->getASTContext());
  ASSERT_EQ(Ctors.size(), 1u);
  const auto &E = Summaries->effects(Ctors[0].getNodeAs<FunctionDecl>("c"),
                                     roles::ModelLoad);
  ASSERT_EQ(E.size(), 1u);
  EXPECT_EQ(E[0].Params, (llvm::SmallVector<unsigned, 2>{0}));
  EXPECT_FALSE(E[0].FromObject);

  const auto &Run = Summaries->effects(function("run"), roles::InferenceCall);
  ASSERT_EQ(Run.size(), 1u);
  EXPECT_TRUE(Run[0].FromObject);
  EXPECT_EQ(Run[0].Params, (llvm::SmallVector<unsigned, 2>{0}));
}

TEST_F(FunctionSummariesTest, RecursionEnds) {
  EXPECT_EQ(loads("countdown").size(), 1u);
  // Mutual recursion: ping reaches its own load, and pong reaches it
  // through ping.
  EXPECT_EQ(loads("ping").size(), 1u);
  EXPECT_EQ(loads("pong").size(), 1u);
}

TEST_F(FunctionSummariesTest, ReachedFromALoopBody) {
  const FunctionDecl *Loop = function("loop");
  ASSERT_TRUE(Loop && Loop->getBody());
  auto Loads = findApiCallsThrough(*Loop->getBody(), roles::ModelLoad,
                                   *Summaries, Model, AST->getASTContext());
  ASSERT_EQ(Loads.size(), 3u);
  // helper(paths[i]): the input at the call site is paths[i].
  EXPECT_TRUE(Loads[0].throughHelper());
  ASSERT_EQ(Loads[0].Inputs.size(), 1u);
  EXPECT_TRUE(isa<ArraySubscriptExpr>(Loads[0].Inputs[0]->IgnoreImpCasts()));
  // fixed(): the same file every time, nothing to check at the call site.
  EXPECT_TRUE(Loads[1].Inputs.empty());
  EXPECT_FALSE(Loads[1].OtherInputs);
  // Detector d(paths[0]): a constructor that loads.
  EXPECT_TRUE(isa<CXXConstructExpr>(Loads[2].Site));
  EXPECT_EQ(Loads[2].Inputs.size(), 1u);

  auto Runs = findApiCallsThrough(*Loop->getBody(), roles::InferenceCall,
                                  *Summaries, Model, AST->getASTContext());
  // The lambda's m.forward(x) is found directly (in its body) and through
  // run(i), whose inputs are the closure and i.
  ASSERT_EQ(Runs.size(), 2u);
  EXPECT_FALSE(Runs[0].throughHelper());
  EXPECT_TRUE(Runs[1].throughHelper());
  EXPECT_EQ(Runs[1].Inputs.size(), 2u);
}

} // namespace
