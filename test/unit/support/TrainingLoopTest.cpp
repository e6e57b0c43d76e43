//===- TrainingLoopTest.cpp - Trip counts and reachable training calls ----===//
#include "support/TrainingLoop.h"
#include "FwPrelude.h"
#include "SupportTestAST.h"
#include "clang/AST/Stmt.h"
#include "llvm/Support/Regex.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace greenlint;
using namespace greenlint::test;

namespace {

const std::string Code = std::string(FwPrelude) + R"(
void tick();
void upTo10() { for (int I = 0; I < 10; ++I) tick(); }
void inclusiveBy3() { for (int I = 0; I <= 10; I += 3) tick(); }
void fromLocalDown() { int Epochs = 5; for (int I = Epochs; I > 0; --I) tick(); }
void boundReversed() { for (int I = 0; 4 > I; I++) tick(); }
void empty() { for (int I = 7; I < 3; ++I) tick(); }
void fromParameter(int N) { for (int I = 0; I < N; ++I) tick(); }
void bodyChangesCounter() { for (int I = 0; I < 10; ++I) { tick(); I += 2; } }
void localChanged() { int E = 5; E = E * 2; for (int I = 0; I < E; ++I) tick(); }
void nested() { while (true) { for (int I = 0; I < 2; ++I) tick(); } }

void update(fw::Optimizer &Opt) { Opt.step(); }
void epoch(fw::Optimizer &Opt) { update(Opt); }
void train(fw::Optimizer &Opt) { epoch(Opt); }
void store_checkpoint();
void persist() { store_checkpoint(); }
void idle() { tick(); }

template <typename T> void generic(T &Opt) { Opt.step(); }
void useGeneric(fw::Optimizer &Opt) { generic(Opt); }
)";

const Stmt *loopIn(ASTUnit &AST, llvm::StringRef Fn) {
  return first<Stmt>(AST,
                     findAll(functionDecl(
                         isDefinition(), hasName(Fn),
                         hasBody(forEachDescendant(
                             stmt(anyOf(forStmt(), whileStmt())).bind("n"))))));
}

std::optional<uint64_t> tripCount(ASTUnit &AST, llvm::StringRef Fn) {
  const Stmt *Loop = loopIn(AST, Fn);
  EXPECT_TRUE(Loop) << Fn.str();
  return Loop ? constantTripCount(Loop, function(AST, Fn), AST.getASTContext())
              : std::nullopt;
}

TEST(TrainingLoop, ConstantTripCounts) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  EXPECT_EQ(tripCount(*AST, "upTo10"), 10u);
  EXPECT_EQ(tripCount(*AST, "inclusiveBy3"), 4u); // 0 3 6 9
  EXPECT_EQ(tripCount(*AST, "fromLocalDown"), 5u);
  EXPECT_EQ(tripCount(*AST, "boundReversed"), 4u);
  EXPECT_EQ(tripCount(*AST, "empty"), 0u);
}

TEST(TrainingLoop, NoTripCountWhenTheBoundsCanChange) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  EXPECT_EQ(tripCount(*AST, "fromParameter"), std::nullopt);
  EXPECT_EQ(tripCount(*AST, "bodyChangesCounter"), std::nullopt);
  EXPECT_EQ(tripCount(*AST, "localChanged"), std::nullopt);
  // A while loop has no counter at all.
  EXPECT_EQ(tripCount(*AST, "nested"), std::nullopt);
}

TEST(TrainingLoop, EnclosingLoopsInnermostFirst) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  const CallExpr *Tick = callTo(*AST, "tick", "nested");
  ASSERT_TRUE(Tick);
  auto Loops = enclosingLoops(Tick, AST->getASTContext());
  ASSERT_EQ(Loops.size(), 2u);
  EXPECT_TRUE(isa<ForStmt>(Loops[0]));
  EXPECT_TRUE(isa<WhileStmt>(Loops[1]));
  EXPECT_TRUE(
      enclosingLoops(function(*AST, "idle")->getBody(), AST->getASTContext())
          .empty());
}

TEST(TrainingLoop, ReachesCallsThroughLocalFunctionsUpToTheDepth) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  const Stmt *Train = function(*AST, "train")->getBody();
  // train -> epoch -> update -> Opt.step(): two calls deep.
  EXPECT_TRUE(
      reachesCall(Train, roles::TrainingUpdate, nullptr, testApi(), Ctx, 2));
  EXPECT_FALSE(
      reachesCall(Train, roles::TrainingUpdate, nullptr, testApi(), Ctx, 1));
  const Expr *Step =
      findReachableCall(Train, roles::TrainingUpdate, testApi(), Ctx, 2);
  ASSERT_TRUE(Step);
  EXPECT_EQ(Step, callTo(*AST, "step", "update"));
  EXPECT_FALSE(reachesCall(function(*AST, "idle")->getBody(),
                           roles::TrainingUpdate, nullptr, testApi(), Ctx, 2));
}

TEST(TrainingLoop, NameRegexCountsCallsToFunctionsDefinedElsewhere) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  const Stmt *Persist = function(*AST, "persist")->getBody();
  llvm::Regex Checkpoint("checkpoint");
  EXPECT_TRUE(reachesCall(Persist, roles::CheckpointSave, &Checkpoint,
                          testApi(), Ctx, 0));
  EXPECT_FALSE(
      reachesCall(Persist, roles::CheckpointSave, nullptr, testApi(), Ctx, 2));
}

TEST(TrainingLoop, PatternOfAnInstantiationIsItsTemplate) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  const CallExpr *Call = callTo(*AST, "generic", "useGeneric");
  ASSERT_TRUE(Call);
  const FunctionDecl *Instance = Call->getDirectCallee();
  ASSERT_TRUE(Instance);
  const FunctionDecl *Pattern = patternOf(Instance);
  ASSERT_TRUE(Pattern);
  EXPECT_NE(Pattern, Instance);
  EXPECT_TRUE(Pattern->isDependentContext());
  const FunctionDecl *Plain = function(*AST, "idle");
  EXPECT_EQ(patternOf(Plain), Plain);
  EXPECT_EQ(patternOf(nullptr), nullptr);
}

} // namespace
