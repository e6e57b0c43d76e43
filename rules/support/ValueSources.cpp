//===- ValueSources.cpp ---------------------------------------------------===//
#include "ValueSources.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;

namespace greenlint {

namespace {

bool isAssigningOperator(OverloadedOperatorKind K) {
  switch (K) {
  case OO_Equal:
  case OO_PlusEqual:
  case OO_MinusEqual:
  case OO_StarEqual:
  case OO_SlashEqual:
  case OO_PercentEqual:
  case OO_AmpEqual:
  case OO_PipeEqual:
  case OO_CaretEqual:
  case OO_LessLessEqual:
  case OO_GreaterGreaterEqual:
  case OO_PlusPlus:
  case OO_MinusMinus:
  case OO_LessLess: // streams
  case OO_GreaterGreater:
    return true;
  default:
    return false;
  }
}

} // namespace

/// Traces the values used in one function back to its parameters.
class SourceTracer::Impl {
public:
  Impl(const FunctionDecl &F, const ApiModel &Api, ASTContext &Ctx)
      : F(F), Api(Api), Ctx(Ctx) {}

  ValueSources of(const Expr *E) {
    ValueSources S;
    trace(E, S);
    return S;
  }

private:
  const FunctionDecl &F;
  const ApiModel &Api;
  ASTContext &Ctx;
  std::unique_ptr<ExprMutationAnalyzer> Mutations;
  llvm::SmallPtrSet<const VarDecl *, 8> Visiting;

  bool mutatedHere(const VarDecl *V) {
    if (!F.getBody())
      return true;
    if (!Mutations)
      Mutations = std::make_unique<ExprMutationAnalyzer>(*F.getBody(), Ctx);
    return Mutations->isMutated(V);
  }

  void traceAll(llvm::ArrayRef<const Expr *> Es, ValueSources &S) {
    for (const Expr *E : Es)
      trace(E, S);
  }

  void traceVar(const VarDecl *V, ValueSources &S) {
    if (const auto *P = dyn_cast<ParmVarDecl>(V)) {
      if (P->getDeclContext() == &F) {
        S.addParam(P->getFunctionScopeIndex());
        return;
      }
      // A parameter of an enclosing function, seen from a lambda.
      S.Object = true;
      return;
    }
    if (!Visiting.insert(V).second) {
      S.Other = true;
      return;
    }
    if (V->hasLocalStorage() || V->isStaticLocal()) {
      // A local changed here, or filled without an initializer (an output
      // argument), holds something untraced.
      const Expr *Init = V->getInit();
      if (!Init || mutatedHere(V))
        S.Other = true;
      else
        trace(Init, S);
    } else if (!V->getType().isConstQualified() && mutatedHere(V)) {
      // A global changed by this very function differs between calls;
      // otherwise it is the same for every call of it.
      S.Other = true;
    }
    Visiting.erase(V);
  }

  void traceField(const MemberExpr &ME, ValueSources &S) {
    // In a constructor, a field read after its initializer holds what the
    // initializer computed from the parameters.
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&F))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->getMember() == ME.getMemberDecl() && Init->isWritten()) {
          trace(Init->getInit(), S);
          return;
        }
    S.Object = true;
  }

  void trace(const Expr *E, ValueSources &S) {
    if (!E)
      return;
    E = E->IgnoreParenImpCasts();
    if (isa<StringLiteral, IntegerLiteral, FloatingLiteral, CharacterLiteral,
            CXXBoolLiteralExpr, CXXNullPtrLiteralExpr, CXXDefaultArgExpr,
            CXXDefaultInitExpr, ImplicitValueInitExpr, SizeOfPackExpr,
            UnaryExprOrTypeTraitExpr>(E))
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
        if (DRE->refersToEnclosingVariableOrCapture())
          S.Object = true; // a lambda's capture lives in its closure object
        else
          traceVar(V, S);
      }
      return; // enumerators, functions: constants
    }
    if (isa<CXXThisExpr>(E)) {
      S.Object = true;
      return;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()) &&
          isa<FieldDecl>(ME->getMemberDecl()))
        return traceField(*ME, S);
      return trace(ME->getBase(), S);
    }
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      return trace(M->getSubExpr(), S);
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      return trace(B->getSubExpr(), S);
    if (const auto *EC = dyn_cast<ExprWithCleanups>(E))
      return trace(EC->getSubExpr(), S);
    if (const auto *Cast = dyn_cast<CastExpr>(E))
      return trace(Cast->getSubExpr(), S);
    if (const auto *CE = dyn_cast<CXXConstructExpr>(E)) {
      // Building a value from values is as repeatable as its inputs.
      for (const Expr *A : CE->arguments())
        trace(A, S);
      return;
    }
    if (const auto *IL = dyn_cast<InitListExpr>(E)) {
      for (const Expr *I : IL->inits())
        trace(I, S);
      return;
    }
    if (const auto *SIL = dyn_cast<CXXStdInitializerListExpr>(E))
      return trace(SIL->getSubExpr(), S);
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      if (!MD || !MD->isConst()) {
        S.Other = true;
        return;
      }
      trace(MC->getImplicitObjectArgument(), S);
      for (const Expr *A : MC->arguments())
        trace(A, S);
      return;
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (isAssigningOperator(OC->getOperator())) {
        S.Other = true;
        return;
      }
      for (const Expr *A : OC->arguments())
        trace(A, S);
      return;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->isAssignmentOp()) {
        S.Other = true;
        return;
      }
      trace(BO->getLHS(), S);
      return trace(BO->getRHS(), S);
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->isIncrementDecrementOp()) {
        S.Other = true;
        return;
      }
      return trace(UO->getSubExpr(), S);
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
      trace(CO->getCond(), S);
      trace(CO->getTrueExpr(), S);
      return trace(CO->getFalseExpr(), S);
    }
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
      trace(AS->getBase(), S);
      return trace(AS->getIdx(), S);
    }
    // Calls the API data calls pure (default-parameter factories, option
    // builders) give the same value for the same arguments.
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (Api.matchCall(Call, roles::PureCall)) {
        for (const Expr *A : Call->arguments())
          trace(A, S);
        return;
      }
    // Other calls and everything else: the value is not traced, so it may
    // differ on every call.
    S.Other = true;
  }
};

SourceTracer::SourceTracer(const FunctionDecl &F, const ApiModel &Api,
                           ASTContext &Ctx)
    : P(std::make_unique<Impl>(F, Api, Ctx)) {}
SourceTracer::~SourceTracer() = default;
ValueSources SourceTracer::of(const Expr *E) { return P->of(E); }

} // namespace greenlint
