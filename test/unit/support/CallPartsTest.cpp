//===- CallPartsTest.cpp - calleeObject and objectRoot --------------------===//
#include "support/CallParts.h"
#include "SupportTestAST.h"
#include "clang/AST/ExprCXX.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace greenlint;
using namespace greenlint::test;

namespace {

constexpr llvm::StringLiteral Code = R"(
struct Tensor {};
struct Net {
  Tensor forward(Tensor X);
  Tensor operator()(Tensor X);
  Net *Sub;
};
struct Holder { Net *operator->() const; Net &operator*() const; };
Net make();
Tensor free_fn(Tensor X);
void byValue(Net N);
void viaDot(Net M, Tensor X) { M.forward(X); }
void viaArrow(Holder H, Tensor X) { H->forward(X); }
void viaDeref(Holder H, Tensor X) { (*H).forward(X); }
void viaField(Net M, Tensor X) { M.Sub->forward(X); }
void viaCallOp(Net M, Tensor X) { M(X); }
void viaTemporary(Tensor X) { make().forward(X); }
void viaFree(Tensor X) { free_fn(X); }
void viaCopy(Net M) { byValue(M); }
)";

const VarDecl *rootOfCallIn(ASTUnit &AST, llvm::StringRef Callee,
                            llvm::StringRef Fn) {
  const CallExpr *Call = callTo(AST, Callee, Fn);
  EXPECT_TRUE(Call) << Fn.str();
  return objectRoot(calleeObject(Call));
}

TEST(CallParts, CalleeObjectIsNullForFreeFunctions) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  EXPECT_EQ(calleeObject(callTo(*AST, "free_fn", "viaFree")), nullptr);
  EXPECT_EQ(calleeObject(nullptr), nullptr);
}

TEST(CallParts, CalleeObjectOfMemberOperatorCallIsItsFirstArgument) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  const CallExpr *Call = callTo(*AST, "operator()", "viaCallOp");
  ASSERT_TRUE(Call);
  const Expr *Object = calleeObject(Call);
  ASSERT_TRUE(Object);
  EXPECT_EQ(Object, cast<CXXOperatorCallExpr>(Call)->getArg(0));
}

TEST(CallParts, ObjectRootFollowsDotArrowDerefAndFields) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  for (auto [Fn, Root] : {std::pair{"viaDot", "M"},
                          {"viaArrow", "H"},
                          {"viaDeref", "H"},
                          {"viaField", "M"},
                          {"viaCallOp", "M"}}) {
    llvm::StringRef Callee =
        llvm::StringRef(Fn) == "viaCallOp" ? "operator()" : "forward";
    const VarDecl *V = rootOfCallIn(*AST, Callee, Fn);
    ASSERT_TRUE(V) << Fn;
    EXPECT_EQ(V->getName(), Root) << Fn;
  }
}

TEST(CallParts, ObjectRootIsNullWithoutAVariable) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  EXPECT_EQ(rootOfCallIn(*AST, "forward", "viaTemporary"), nullptr);
  EXPECT_EQ(objectRoot(nullptr), nullptr);
}

TEST(CallParts, ObjectRootLooksThroughCopiesOnlyWhenAsked) {
  auto AST = parse(Code);
  ASSERT_TRUE(AST);
  const CallExpr *Call = callTo(*AST, "byValue", "viaCopy");
  ASSERT_TRUE(Call);
  const Expr *Arg = Call->getArg(0);
  EXPECT_EQ(objectRoot(Arg, ThroughCopies::No), nullptr);
  const DeclRefExpr *Ref = nullptr;
  const VarDecl *V = objectRoot(Arg, ThroughCopies::Yes, &Ref);
  ASSERT_TRUE(V);
  EXPECT_EQ(V->getName(), "M");
  ASSERT_TRUE(Ref);
  EXPECT_EQ(Ref->getDecl(), V);
}

} // namespace
