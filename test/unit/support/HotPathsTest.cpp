//===- HotPathsTest.cpp - Training and inference hot paths ----------------===//
#include "support/HotPaths.h"
#include "FwPrelude.h"
#include "SupportTestAST.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace greenlint;
using namespace greenlint::test;

namespace {

const std::string Code = std::string(FwPrelude) + R"(
struct Net : fw::Module {
  fw::Module *Sub;
  fw::Tensor forward(fw::Tensor X) override { return Sub->forward(X); }
};
void trainStep(fw::Module &M, fw::Optimizer &Opt, fw::Tensor X) {
  M.forward(X);
  Opt.step();
}
fw::Tensor serve(Net &N, fw::Tensor X) { return N.forward(X); }
void plain() {}
[[clang::annotate("greenlint::region")]] void annotated() {}
[[clang::annotate("greenlint::no_region")]] void optedOut(fw::Optimizer &Opt) {
  Opt.step();
}
void deferred(fw::Optimizer &Opt) {
  auto Later = [&] { Opt.step(); };
  (void)Later;
}
)";

std::optional<HotPath> classify(ASTUnit &AST, llvm::StringRef Fn) {
  const FunctionDecl *FD = function(AST, Fn);
  EXPECT_TRUE(FD) << Fn.str();
  return FD ? classifyHotPath(*FD, testApi(), AST.getASTContext())
            : std::nullopt;
}

TEST(HotPaths, TrainingStepMakesATrainingHotPath) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  auto Path = classify(*AST, "trainStep");
  ASSERT_TRUE(Path);
  EXPECT_EQ(Path->Kind, Phase::Train);
  EXPECT_EQ(Path->Framework, "fw");
  EXPECT_EQ(Path->regionName(), "train:trainStep");
  // The forward inside the step is training work: only the step counts.
  ASSERT_EQ(Path->Units.size(), 1u);
  EXPECT_EQ(Path->Units[0].Unit, "step");
}

TEST(HotPaths, ForwardCallMakesAnInferenceHotPath) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  auto Path = classify(*AST, "serve");
  ASSERT_TRUE(Path);
  EXPECT_EQ(Path->Kind, Phase::Infer);
  EXPECT_EQ(Path->regionName(), "infer:serve");
  ASSERT_EQ(Path->Units.size(), 1u);
  EXPECT_EQ(Path->Units[0].Unit, "inference");
}

TEST(HotPaths, AModelsOwnForwardIsNoHotPath) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  EXPECT_FALSE(classify(*AST, "forward"));
}

TEST(HotPaths, AnnotationsOptInAndOut) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  EXPECT_FALSE(classify(*AST, "plain"));
  auto Region = classify(*AST, "annotated");
  ASSERT_TRUE(Region);
  EXPECT_EQ(Region->Kind, Phase::User);
  EXPECT_EQ(Region->regionName(), "region:annotated");
  EXPECT_FALSE(classify(*AST, "optedOut"));
}

TEST(HotPaths, CallsInsideLambdasDoNotCount) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  EXPECT_FALSE(classify(*AST, "deferred"));
}

} // namespace
