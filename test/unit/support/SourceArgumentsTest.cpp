//===- SourceArgumentsTest.cpp - Which arguments name what a call reads ---===//
#include "support/SourceArguments.h"
#include "SupportTestAST.h"
#include "clang/AST/ExprCXX.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace greenlint;
using namespace greenlint::test;

namespace {

constexpr llvm::StringLiteral Code = R"(
struct Options {};
struct Session { Session(const char *Path, Options O); Session(decltype(nullptr)); };
void read(int Into, const char *Path);
void readDefault(int Into, const char *Path = "data.bin");
void tick();
void use() {
  int Out = 0;
  const char *Path = "model.onnx";
  read(Out, Path);
  readDefault(Out);
  tick();
  Session S(Path, Options{});
  Session Empty(nullptr);
  (void)Out;
}
)";

/// The name a DeclRefExpr argument refers to, or "" for anything else.
std::string argName(const Expr *E) {
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return DRE->getDecl()->getNameAsString();
  return "";
}

const CXXConstructExpr *construction(ASTUnit &AST, llvm::StringRef Var) {
  return first<CXXConstructExpr>(
      AST, findAll(varDecl(hasName(Var), has(cxxConstructExpr().bind("n")))));
}

TEST(SourceArguments, NoIndicesMeansEveryArgumentInOrder) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  auto Args = sourceArguments(callTo(*AST, "read"), {});
  ASSERT_TRUE(Args);
  ASSERT_EQ(Args->size(), 2u);
  EXPECT_EQ(argName((*Args)[0]), "Out");
  EXPECT_EQ(argName((*Args)[1]), "Path");
}

TEST(SourceArguments, IndicesPickThoseArgumentsInTheListedOrder) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  auto One = sourceArguments(callTo(*AST, "read"), {1});
  ASSERT_TRUE(One);
  ASSERT_EQ(One->size(), 1u);
  EXPECT_EQ(argName(One->front()), "Path");

  auto Both = sourceArguments(callTo(*AST, "read"), {1, 0});
  ASSERT_TRUE(Both);
  ASSERT_EQ(Both->size(), 2u);
  EXPECT_EQ(argName((*Both)[0]), "Path");
  EXPECT_EQ(argName((*Both)[1]), "Out");
}

TEST(SourceArguments, CallLackingAListedArgumentNamesNoSource) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  // Not a partial list: one missing index drops the whole call.
  EXPECT_FALSE(sourceArguments(callTo(*AST, "read"), {1, 2}));
  EXPECT_FALSE(sourceArguments(callTo(*AST, "read"), {5}));
  // The session built empty has one argument; its source is argument 0 of
  // the path constructor.
  const CXXConstructExpr *Empty = construction(*AST, "Empty");
  ASSERT_TRUE(Empty);
  EXPECT_FALSE(sourceArguments(Empty, {1}));
}

TEST(SourceArguments, ConstructionsGiveTheirArguments) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  auto Args = sourceArguments(construction(*AST, "S"), {0});
  ASSERT_TRUE(Args);
  ASSERT_EQ(Args->size(), 1u);
  EXPECT_EQ(argName(Args->front()), "Path");
}

TEST(SourceArguments, CallWithoutArgumentsGivesAnEmptyListNotNone) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  auto Args = sourceArguments(callTo(*AST, "tick"), {});
  ASSERT_TRUE(Args);
  EXPECT_TRUE(Args->empty());
}

TEST(SourceArguments, DefaultArgumentsCount) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  auto Args = sourceArguments(callTo(*AST, "readDefault"), {1});
  ASSERT_TRUE(Args);
  ASSERT_EQ(Args->size(), 1u);
  EXPECT_TRUE(isa<CXXDefaultArgExpr>(Args->front()));
}

TEST(SourceArguments, NotACallNamesNoSource) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  const auto *Ref = first<DeclRefExpr>(
      *AST, findAll(declRefExpr(to(varDecl(hasName("Path")))).bind("n")));
  ASSERT_TRUE(Ref);
  EXPECT_FALSE(sourceArguments(Ref, {}));
  EXPECT_FALSE(sourceArguments(nullptr, {}));
}

} // namespace
