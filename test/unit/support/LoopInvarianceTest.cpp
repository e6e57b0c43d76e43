//===- LoopInvarianceTest.cpp - Loops and loop-invariant arguments --------===//
#include "support/LoopInvariance.h"
#include "SupportTestAST.h"
#include "clang/AST/Stmt.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace greenlint;
using namespace greenlint::test;

namespace {

constexpr llvm::StringLiteral Code = R"(
void load(const char *Path);
int pick(int I);
const char *next();
void inBody(const char *Path) {
  for (int I = 0; I < 3; ++I)
    load(Path);
}
void inInit() {
  for (int I = pick(0); I < 3; ++I) {}
}
void inLambda(const char *Path) {
  for (int I = 0; I < 3; ++I) {
    auto F = [&] { load(Path); };
    F();
  }
}
void changing(const char *Path) {
  for (int I = 0; I < 3; ++I) {
    load(Path);
    Path = next();
  }
}
void byIndex(const char **Paths) {
  for (int I = 0; I < 3; ++I)
    load(Paths[I]);
}
void literal() {
  while (pick(1)) load("model.pt");
}
void retry(const char *Path) {
  for (int Try = 0; Try < 3; ++Try) {
    try { load(Path); break; } catch (...) {}
  }
}
void once(const char *Path) {
  while (true) { load(Path); break; }
}
)";

struct Found {
  const CallExpr *Call;
  const Stmt *Loop;
};

Found loadIn(ASTUnit &AST, llvm::StringRef Fn) {
  const CallExpr *Call = callTo(AST, "load", Fn);
  EXPECT_TRUE(Call) << Fn.str();
  return {Call, Call ? enclosingLoop(Call, AST.getASTContext()) : nullptr};
}

TEST(LoopInvariance, EnclosingLoopIsTheLoopThatRepeatsTheCall) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  Found F = loadIn(*AST, "inBody");
  ASSERT_TRUE(F.Loop);
  EXPECT_TRUE(isa<ForStmt>(F.Loop));
  EXPECT_TRUE(isa<WhileStmt>(loadIn(*AST, "literal").Loop));
}

TEST(LoopInvariance, InitAndLambdaBodiesAreNotRepeated) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  const CallExpr *Init = callTo(*AST, "pick", "inInit");
  ASSERT_TRUE(Init);
  EXPECT_EQ(enclosingLoop(Init, AST->getASTContext()), nullptr);
  EXPECT_EQ(loadIn(*AST, "inLambda").Loop, nullptr);
}

TEST(LoopInvariance, UnchangedVariablesAndLiteralsAreInvariant) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  for (llvm::StringRef Fn : {"inBody", "literal"}) {
    Found F = loadIn(*AST, Fn);
    ASSERT_TRUE(F.Loop) << Fn.str();
    EXPECT_TRUE(isLoopInvariant(F.Call->getArg(0), F.Loop, Ctx)) << Fn.str();
  }
}

TEST(LoopInvariance, AssignedInTheLoopOrIndexedByItIsNot) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  for (llvm::StringRef Fn : {"changing", "byIndex"}) {
    Found F = loadIn(*AST, Fn);
    ASSERT_TRUE(F.Loop) << Fn.str();
    EXPECT_FALSE(isLoopInvariant(F.Call->getArg(0), F.Loop, Ctx)) << Fn.str();
  }
}

TEST(LoopInvariance, RetryBlocksAndSinglePassLoops) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  Found Retry = loadIn(*AST, "retry");
  ASSERT_TRUE(Retry.Loop);
  EXPECT_TRUE(isInRetryBlock(Retry.Call, Retry.Loop, Ctx));
  EXPECT_FALSE(runsAtMostOnce(Retry.Loop));

  Found Body = loadIn(*AST, "inBody");
  EXPECT_FALSE(isInRetryBlock(Body.Call, Body.Loop, Ctx));
  EXPECT_FALSE(runsAtMostOnce(Body.Loop));

  Found Once = loadIn(*AST, "once");
  ASSERT_TRUE(Once.Loop);
  EXPECT_TRUE(runsAtMostOnce(Once.Loop));
}

} // namespace
