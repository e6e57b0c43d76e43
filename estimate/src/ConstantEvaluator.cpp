//===- ConstantEvaluator.cpp ----------------------------------------------===//
#include "greenlint/estimate/ConstantEvaluator.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;

namespace greenlint {
namespace estimate {

const Expr *stripWrappers(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    else if (const auto *C = dyn_cast<ExprWithCleanups>(Next))
      Next = C->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = F->getSubExpr();
    else if (const auto *S = dyn_cast<CXXStaticCastExpr>(Next))
      Next = S->getSubExpr();
    else if (const auto *K = dyn_cast<CStyleCastExpr>(Next))
      Next = K->getSubExpr();
    else if (const auto *D = dyn_cast<CXXDefaultArgExpr>(Next))
      Next = D->getExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

namespace {

constexpr int MaxDepth = 16;

std::optional<int64_t> evaluate(const Expr *E, const Bindings &B,
                                ASTContext &Ctx, int Depth);

std::optional<int64_t> evaluateVariable(const VarDecl *VD, const Bindings &B,
                                        ASTContext &Ctx, int Depth) {
  if (const auto *P = dyn_cast<ParmVarDecl>(VD)) {
    auto It = B.find(P);
    return It == B.end() ? std::nullopt : It->second;
  }
  // Only variables that cannot change after their initialisation.
  if (!VD->getType().isConstQualified() && !VD->isConstexpr())
    return std::nullopt;
  const Expr *Init = VD->getInit();
  if (!Init)
    return std::nullopt;
  return evaluate(Init, VD->hasLocalStorage() ? B : Bindings(), Ctx, Depth + 1);
}

std::optional<int64_t> evaluate(const Expr *E, const Bindings &B,
                                ASTContext &Ctx, int Depth) {
  if (!E || Depth > MaxDepth)
    return std::nullopt;
  E = stripWrappers(E);
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      return evaluateVariable(VD, B, Ctx, Depth);
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    auto L = evaluate(BO->getLHS(), B, Ctx, Depth + 1);
    auto R = evaluate(BO->getRHS(), B, Ctx, Depth + 1);
    if (!L || !R)
      return std::nullopt;
    switch (BO->getOpcode()) {
    case BO_Add:
      return *L + *R;
    case BO_Sub:
      return *L - *R;
    case BO_Mul:
      return *L * *R;
    case BO_Div:
      return *R ? std::optional<int64_t>(*L / *R) : std::nullopt;
    case BO_Rem:
      return *R ? std::optional<int64_t>(*L % *R) : std::nullopt;
    case BO_Shl:
      return *R >= 0 && *R < 63 ? std::optional<int64_t>(*L << *R)
                                : std::nullopt;
    case BO_LT:
      return *L < *R;
    case BO_GT:
      return *L > *R;
    case BO_LE:
      return *L <= *R;
    case BO_GE:
      return *L >= *R;
    case BO_EQ:
      return *L == *R;
    case BO_NE:
      return *L != *R;
    case BO_LAnd:
      return *L && *R;
    case BO_LOr:
      return *L || *R;
    default:
      return std::nullopt;
    }
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    auto V = evaluate(UO->getSubExpr(), B, Ctx, Depth + 1);
    if (!V)
      return std::nullopt;
    switch (UO->getOpcode()) {
    case UO_Minus:
      return -*V;
    case UO_Plus:
      return V;
    case UO_LNot:
      return !*V;
    default:
      return std::nullopt;
    }
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    auto C = evaluate(CO->getCond(), B, Ctx, Depth + 1);
    if (!C)
      return std::nullopt;
    return evaluate(*C ? CO->getTrueExpr() : CO->getFalseExpr(), B, Ctx,
                    Depth + 1);
  }
  // A holder of one value (int64_t{3}, a one-element ExpandingArray is not
  // an integer and fails below).
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    if (Construct->getNumArgs() == 1 &&
        Construct->getType()->isIntegralOrEnumerationType())
      return evaluate(Construct->getArg(0), B, Ctx, Depth + 1);
  // Literals, enumerators, sizeof, constexpr calls on constants.
  Expr::EvalResult Result;
  if (E->getType()->isIntegralOrEnumerationType() &&
      E->EvaluateAsInt(Result, Ctx))
    return Result.Val.getInt().getExtValue();
  return std::nullopt;
}

std::optional<std::vector<int64_t>> evaluateList(const Expr *E,
                                                 const Bindings &B,
                                                 ASTContext &Ctx,
                                                 unsigned Repeat, int Depth) {
  if (!E || Depth > MaxDepth)
    return std::nullopt;
  E = stripWrappers(E);
  if (E->getType()->isIntegralOrEnumerationType()) {
    auto V = evaluate(E, B, Ctx, Depth + 1);
    if (!V)
      return std::nullopt;
    return std::vector<int64_t>(Repeat ? Repeat : 1, *V);
  }
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(E))
    return evaluateList(List->getSubExpr(), B, Ctx, Repeat, Depth + 1);
  if (const auto *Init = dyn_cast<InitListExpr>(E)) {
    if (Init->getNumInits() == 1 &&
        !Init->getInit(0)->getType()->isIntegralOrEnumerationType())
      return evaluateList(Init->getInit(0), B, Ctx, Repeat, Depth + 1);
    std::vector<int64_t> Out;
    for (const Expr *Item : Init->inits()) {
      auto V = evaluate(Item, B, Ctx, Depth + 1);
      if (!V)
        return std::nullopt;
      Out.push_back(*V);
    }
    return Out;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    // ExpandingArray<D>(k), IntArrayRef({..}), std::vector<int64_t>{..},
    // variant<ExpandingArray<D>, ...>(k): one argument that is the value.
    std::vector<const Expr *> Args;
    for (const Expr *Arg : Construct->arguments())
      if (!isa<CXXDefaultArgExpr>(Arg))
        Args.push_back(Arg);
    if (Args.size() == 1)
      return evaluateList(Args[0], B, Ctx, Repeat, Depth + 1);
    if (Construct->isListInitialization()) {
      std::vector<int64_t> Out;
      for (const Expr *Arg : Args) {
        auto V = evaluate(Arg, B, Ctx, Depth + 1);
        if (!V)
          return std::nullopt;
        Out.push_back(*V);
      }
      return Out;
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<int64_t> evaluateInt(const Expr *E, const Bindings &B,
                                   ASTContext &Ctx) {
  return evaluate(E, B, Ctx, 0);
}

std::optional<std::vector<int64_t>> evaluateIntList(const Expr *E,
                                                    const Bindings &B,
                                                    ASTContext &Ctx,
                                                    unsigned Repeat) {
  return evaluateList(E, B, Ctx, Repeat, 0);
}

std::vector<std::string> constantStrings(const Expr *E, ASTContext &Ctx) {
  using namespace clang::ast_matchers;
  std::vector<std::string> Found;
  auto Collect = [&](const Stmt &S) {
    for (const auto &M : match(findAll(stringLiteral().bind("s")), S, Ctx))
      if (const auto *Lit = M.getNodeAs<StringLiteral>("s"))
        if (Lit->getCharByteWidth() == 1)
          Found.push_back(Lit->getString().str());
  };
  Collect(*E);
  if (Found.empty())
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl())) {
        QualType T = VD->getType();
        bool Fixed =
            T.isConstQualified() ||
            (T->isArrayType() &&
             T->getAsArrayTypeUnsafe()->getElementType().isConstQualified());
        if (Fixed && VD->getInit())
          Collect(*VD->getInit());
      }
  return Found;
}

std::optional<std::vector<int64_t>> declaredInputShape(const Decl *D,
                                                       ASTContext &Ctx) {
  for (const auto *A : D->specific_attrs<AnnotateAttr>()) {
    if (A->getAnnotation() != "greenlint::input")
      continue;
    std::vector<int64_t> Shape;
    for (const Expr *Arg : A->args()) {
      auto V = evaluateInt(Arg, Bindings(), Ctx);
      if (!V || *V <= 0)
        return std::nullopt;
      Shape.push_back(*V);
    }
    if (!Shape.empty())
      return Shape;
  }
  return std::nullopt;
}

const ValueDecl *followConstants(const DeclRefExpr *Ref, bool SystemOnly,
                                 const SourceManager &SM) {
  const ValueDecl *D = Ref->getDecl();
  for (int Depth = 0; Depth < 6; ++Depth) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD)
      return D;
    if ((SystemOnly && !SM.isInSystemHeader(VD->getLocation())) ||
        !VD->getType().isConstQualified() || !VD->getInit())
      return nullptr;
    const auto *Next = dyn_cast<DeclRefExpr>(stripWrappers(VD->getInit()));
    if (!Next)
      return nullptr;
    D = Next->getDecl();
  }
  return nullptr;
}

} // namespace estimate
} // namespace greenlint
