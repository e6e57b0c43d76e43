//===- GuardScopeTest.cpp - Is autograd off where a call runs? ------------===//
#include "support/GuardScope.h"
#include "FwPrelude.h"
#include "SupportTestAST.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace greenlint;
using namespace greenlint::test;

namespace {

const std::string Code = std::string(FwPrelude) + R"(
fw::Tensor guarded(fw::Module &M, fw::Tensor X) {
  fw::NoGrad G;
  return M.forward(X);
}
fw::Tensor guardInOuterBlock(fw::Module &M, fw::Tensor X, bool B) {
  fw::NoGrad G;
  if (B) { return M.forward(X); }
  return X;
}
fw::Tensor guardAfter(fw::Module &M, fw::Tensor X) {
  fw::Tensor Y = M.forward(X);
  fw::NoGrad G;
  return Y;
}
fw::Tensor guardInSiblingBlock(fw::Module &M, fw::Tensor X) {
  { fw::NoGrad G; }
  return M.forward(X);
}
fw::Tensor disabled(fw::Module &M, fw::Tensor X) {
  fw::set_grad_enabled(false);
  return M.forward(X);
}
fw::Tensor enabled(fw::Module &M, fw::Tensor X) {
  fw::set_grad_enabled(true);
  return M.forward(X);
}
fw::Tensor unknownSwitch(fw::Module &M, fw::Tensor X, bool On) {
  fw::set_grad_enabled(On);
  return M.forward(X);
}
fw::Tensor inLambda(fw::Module &M, fw::Tensor X) {
  fw::NoGrad G;
  auto Run = [&] { return M.forward(X); };
  return Run();
}
fw::Tensor unguarded(fw::Module &M, fw::Tensor X) { return M.forward(X); }
)";

bool forwardIsGuarded(ASTUnit &AST, llvm::StringRef Fn) {
  const CallExpr *Forward = callTo(AST, "forward", Fn);
  EXPECT_TRUE(Forward) << Fn.str();
  return Forward && isUnderGradGuard(Forward, AST.getASTContext(), testApi());
}

TEST(GuardScope, GuardDeclaredEarlierInAnEnclosingBlock) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  EXPECT_TRUE(forwardIsGuarded(*AST, "guarded"));
  EXPECT_TRUE(forwardIsGuarded(*AST, "guardInOuterBlock"));
  EXPECT_TRUE(forwardIsGuarded(*AST, "inLambda"));
}

TEST(GuardScope, GuardLaterOrInAClosedBlockDoesNotCount) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  EXPECT_FALSE(forwardIsGuarded(*AST, "guardAfter"));
  EXPECT_FALSE(forwardIsGuarded(*AST, "guardInSiblingBlock"));
  EXPECT_FALSE(forwardIsGuarded(*AST, "unguarded"));
}

TEST(GuardScope, SwitchCountsOnlyWithItsActiveArgument) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  EXPECT_TRUE(forwardIsGuarded(*AST, "disabled"));
  EXPECT_FALSE(forwardIsGuarded(*AST, "enabled"));
  // A value not known here may well turn grad off: assumed to.
  EXPECT_TRUE(forwardIsGuarded(*AST, "unknownSwitch"));
}

} // namespace
