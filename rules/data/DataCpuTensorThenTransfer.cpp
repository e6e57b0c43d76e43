//===- DataCpuTensorThenTransfer.cpp --------------------------------------===//
#include "DataCpuTensorThenTransfer.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

/// Factories whose values do not depend on a random generator: creating
/// them on the device gives the same tensor, so a fix-it is offered.
static constexpr llvm::StringLiteral FactoryRole = roles::TensorFactory;
/// Random factories: the device's generator yields other numbers, so the
/// finding carries no fix-it.
static constexpr llvm::StringLiteral RandomFactoryRole =
    roles::RandomTensorFactory;

const RuleInfo DataCpuTensorThenTransfer::Info = {
    "data-cpu-tensor-then-transfer",
    "data",
    "a tensor is created on the CPU and copied to a CUDA device at once",
    /*DefaultOn=*/true,
    {},
    makeRule<DataCpuTensorThenTransfer>,
    {FactoryRole.data(), RandomFactoryRole.data(), roles::DeviceTransfer.data(),
     roles::CudaDevice.data()}};

void DataCpuTensorThenTransfer::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      cxxMemberCallExpr(
          isApiCall(&api(), roles::DeviceTransfer), isExpansionInMainFile(),
          on(ignoringImplicit(
              callExpr(anyOf(isApiCall(&api(), FactoryRole),
                             isApiCall(&api(), RandomFactoryRole)))
                  .bind("factory"))),
          optionally(hasAncestor(functionDecl().bind("fn"))))
          .bind("transfer"),
      this);
}

namespace {

class CudaDeviceTest {
public:
  CudaDeviceTest(const ApiModel &Api, ASTContext &Ctx, const FunctionDecl *Fn)
      : Api(Api), Ctx(Ctx), Fn(Fn) {}

  /// torch::kCUDA, torch::Device(torch::kCUDA, 0), or a local variable
  /// initialised from one of them and never changed afterwards.
  bool isCuda(const Expr *E, unsigned Depth = 0) {
    if (!E || Depth > 6)
      return false;
    E = E->IgnoreParenImpCasts();
    if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
      if (C->getNumArgs() == 0)
        return false;
      return isCuda(C->getArg(0), Depth + 1);
    }
    if (const auto *W = dyn_cast<MaterializeTemporaryExpr>(E))
      return isCuda(W->getSubExpr(), Depth + 1);
    if (const auto *W = dyn_cast<CXXFunctionalCastExpr>(E))
      return isCuda(W->getSubExpr(), Depth + 1);
    if (const auto *W = dyn_cast<CXXBindTemporaryExpr>(E))
      return isCuda(W->getSubExpr(), Depth + 1);
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    if (!Ref)
      return false;
    if (Api.matchValue(Ref->getDecl(), roles::CudaDevice))
      return true;
    const auto *VD = dyn_cast<VarDecl>(Ref->getDecl());
    if (!VD || !VD->getInit() || isa<ParmVarDecl>(VD))
      return false;
    if (Ctx.getSourceManager().isInSystemHeader(VD->getLocation()))
      return VD->getType().isConstQualified() &&
             isCuda(VD->getInit(), Depth + 1);
    if (!VD->isLocalVarDecl() && !VD->getType().isConstQualified())
      return false;
    if (VD->isLocalVarDecl() && !VD->getType().isConstQualified()) {
      if (!Fn || !Fn->getBody() ||
          ExprMutationAnalyzer(*Fn->getBody(), Ctx).isMutated(VD))
        return false;
    }
    return isCuda(VD->getInit(), Depth + 1);
  }

private:
  const ApiModel &Api;
  ASTContext &Ctx;
  const FunctionDecl *Fn;
};

std::string sourceText(const Expr *E, ASTContext &Ctx) {
  return Lexer::getSourceText(
             CharSourceRange::getTokenRange(E->getSourceRange()),
             Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

} // namespace

void DataCpuTensorThenTransfer::check(const MatchFinder::MatchResult &R) {
  const auto *Transfer = R.Nodes.getNodeAs<CXXMemberCallExpr>("transfer");
  const auto *Factory = R.Nodes.getNodeAs<CallExpr>("factory");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &Ctx = *R.Context;

  // The device argument: none (.cuda()) or exactly one given.
  const Expr *DeviceArg = nullptr;
  for (unsigned I = 0; I < Transfer->getNumArgs(); ++I) {
    const Expr *A = Transfer->getArg(I);
    if (isa<CXXDefaultArgExpr>(A))
      continue;
    if (I != 0)
      return; // a dtype, non_blocking or copy flag: leave it alone
    DeviceArg = A;
  }
  if (DeviceArg && !CudaDeviceTest(api(), Ctx, Fn).isCuda(DeviceArg))
    return;
  if (!DeviceArg && Transfer->getNumArgs() != 0)
    return; // only .cuda() goes to CUDA without naming a device

  const auto *Member = dyn_cast<MemberExpr>(Transfer->getCallee());
  if (!Member)
    return;
  std::string Device = DeviceArg ? sourceText(DeviceArg, Ctx) : "torch::kCUDA";
  std::string Name = Factory->getDirectCallee()->getNameAsString();
  Finding &F = report(
      Member->getMemberLoc(),
      "tensor is created on the CPU by '" + Name +
          "' and then copied to the GPU; create it on the device with "
          "'torch::TensorOptions().device(" +
          Device +
          ")' (the CPU fill and the host-to-device copy are wasted work)");

  // The fix-it: only for deterministic factories, outside macros.
  if (api().matchCall(Factory, RandomFactoryRole) || Device.empty() ||
      Transfer->getBeginLoc().isMacroID() ||
      Transfer->getEndLoc().isMacroID() || Factory->getRParenLoc().isMacroID())
    return;
  const FunctionDecl *Callee = Factory->getDirectCallee();
  // The options parameter is the last; it must be given explicitly as a
  // TensorOptions expression we can extend, or be the first defaulted one.
  unsigned Last = Callee->getNumParams();
  if (Last == 0 || Factory->getNumArgs() != Last)
    return;
  QualType OptType = Callee->getParamDecl(Last - 1)->getType();
  const Expr *OptArg = Factory->getArg(Last - 1);
  std::string Insert;
  SourceLocation At;
  if (isa<CXXDefaultArgExpr>(OptArg)) {
    for (unsigned I = 0; I + 1 < Last; ++I)
      if (isa<CXXDefaultArgExpr>(Factory->getArg(I)))
        return;
    At = Factory->getRParenLoc();
    Insert = (Last > 1 ? ", " : "") +
             std::string("torch::TensorOptions().device(") + Device + ")";
  } else {
    const Expr *Given = OptArg->IgnoreImplicit();
    if (const auto *C = dyn_cast<CXXConstructExpr>(Given))
      if (C->getNumArgs() == 1 && !isa<CXXTemporaryObjectExpr>(C))
        Given = C->getArg(0)->IgnoreImplicit();
    // Only an expression that already is TensorOptions (not a dtype
    // converted implicitly) and binds tighter than '.'.
    if (Given->getType().getCanonicalType().getUnqualifiedType() !=
            OptType.getCanonicalType().getUnqualifiedType() ||
        !isa<DeclRefExpr, CallExpr, CXXTemporaryObjectExpr, ParenExpr>(Given))
      return;
    At = Lexer::getLocForEndOfToken(Given->getEndLoc(), 0,
                                    Ctx.getSourceManager(), Ctx.getLangOpts());
    Insert = ".device(" + Device + ")";
  }
  if (At.isInvalid())
    return;
  F.Fixes.push_back(FixItHint::CreateInsertion(At, Insert));
  F.Fixes.push_back(FixItHint::CreateRemoval(CharSourceRange::getTokenRange(
      Member->getOperatorLoc(), Transfer->getRParenLoc())));
}

} // namespace greenlint
