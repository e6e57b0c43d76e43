//===- HwOpencvDnnDefaultBackend.cpp --------------------------------------===//
#include "HwOpencvDnnDefaultBackend.h"
#include "../RuleContext.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

namespace {
/// cv::dnn::Net::forward and forwardAsync.
constexpr llvm::StringLiteral DnnForward = roles::DnnForward;
/// setPreferableBackend / setPreferableTarget on a net.
constexpr llvm::StringLiteral DnnBackendSetter = roles::DnnBackendSetter;
/// Types, functions and enumerators that show the file uses CUDA.
constexpr llvm::StringLiteral CudaUseRole = roles::CudaUse;
} // namespace

const RuleInfo HwOpencvDnnDefaultBackend::Info = {
    "hw-opencv-dnn-default-backend",
    "hw",
    "an OpenCV dnn net runs on the default CPU backend in a file that uses "
    "CUDA",
    /*DefaultOn=*/false,
    {},
    makeRule<HwOpencvDnnDefaultBackend>,
    {DnnForward.data(), DnnBackendSetter.data(), CudaUseRole.data(),
     roles::ModelLoad.data()}};

void HwOpencvDnnDefaultBackend::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(cxxMemberCallExpr(isApiCall(&api(), DnnForward),
                                      isExpansionInMainFile(),
                                      hasAncestor(functionDecl().bind("fn")))
                        .bind("forward"),
                    this);
  Finder.addMatcher(
      expr(isExpansionInMainFile(),
           anyOf(declRefExpr(refersToApiValue(&api(), CudaUseRole)),
                 callExpr(isApiCall(&api(), CudaUseRole)),
                 cxxConstructExpr(isApiCall(&api(), CudaUseRole))))
          .bind("cuda"),
      this);
}

namespace {

/// The net a call is made on: a local variable or a field of *this.
const ValueDecl *netOf(const Expr *Object) {
  const Expr *E = Object->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (VD && VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
        !VD->getType()->isReferenceType())
      return VD;
    return nullptr;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
      return dyn_cast<FieldDecl>(ME->getMemberDecl());
  return nullptr;
}

bool refersTo(const Expr *E, const ValueDecl *D) {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl() == D;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl() == D &&
           isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
  return false;
}

/// The bodies in which the net is loaded and configured: the function for
/// a local, every method of the class for a field.
std::vector<const Stmt *> scopesOf(const ValueDecl *Net,
                                   const FunctionDecl *Fn) {
  if (isa<VarDecl>(Net))
    return {Fn->getBody()};
  std::vector<const Stmt *> Bodies;
  const auto *RD = cast<CXXRecordDecl>(cast<FieldDecl>(Net)->getParent());
  for (const CXXMethodDecl *MD : RD->methods())
    if (const FunctionDecl *Def = MD->getDefinition())
      if (Def->getBody())
        Bodies.push_back(Def->getBody());
  return Bodies;
}

} // namespace

void HwOpencvDnnDefaultBackend::check(const MatchFinder::MatchResult &R) {
  if (const auto *Cuda = R.Nodes.getNodeAs<Expr>("cuda")) {
    if (FirstCudaUse.isInvalid())
      FirstCudaUse = Cuda->getBeginLoc();
    return;
  }
  const auto *Forward = R.Nodes.getNodeAs<CXXMemberCallExpr>("forward");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Forward || !Fn || !Fn->getBody() || Fn->isDependentContext())
    return;
  const ValueDecl *Net = netOf(Forward->getImplicitObjectArgument());
  if (!Net)
    return;
  for (const Candidate &C : Candidates)
    if (C.Net == Net)
      return;
  ASTContext &Ctx = *R.Context;

  const Expr *Load = nullptr;
  if (const auto *VD = dyn_cast<VarDecl>(Net); VD && VD->getInit()) {
    std::vector<const Expr *> Loads =
        findApiCalls(*VD->getInit(), roles::ModelLoad, api(), Ctx);
    if (!Loads.empty())
      Load = Loads.front();
  }
  for (const Stmt *Scope : scopesOf(Net, Fn)) {
    for (const auto &M : match(findAll(callExpr().bind("c")), *Scope, Ctx)) {
      const auto *Call = M.getNodeAs<CallExpr>("c");
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
        if (refersTo(MC->getImplicitObjectArgument(), Net) &&
            api().matchCall(MC, DnnBackendSetter))
          return;
      // `Net = cv::dnn::readNet(...)`.
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
        if (Op->isAssignmentOp() && Op->getNumArgs() == 2 &&
            refersTo(Op->getArg(0), Net)) {
          std::vector<const Expr *> Loads =
              findApiCalls(*Op->getArg(1), roles::ModelLoad, api(), Ctx);
          if (!Loads.empty() && !Load)
            Load = Loads.front();
        }
        continue;
      }
      // Handed to a helper that may configure it.
      const FunctionDecl *Callee = Call->getDirectCallee();
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        const Expr *Arg = Call->getArg(I)->IgnoreParenImpCasts();
        if (const auto *UO = dyn_cast<UnaryOperator>(Arg))
          if (UO->getOpcode() == UO_AddrOf)
            Arg = UO->getSubExpr();
        if (!refersTo(Arg, Net))
          continue;
        if (!Callee || I >= Callee->getNumParams())
          return;
        QualType T = Callee->getParamDecl(I)->getType();
        if ((T->isReferenceType() || T->isPointerType()) &&
            !T->getPointeeType().isConstQualified())
          return;
      }
    }
  }
  if (!Load)
    return;
  Candidates.push_back({Forward, Net, Load});
}

void HwOpencvDnnDefaultBackend::onEndOfTranslationUnit() {
  if (FirstCudaUse.isValid())
    for (const Candidate &C : Candidates) {
      Finding &F = report(
          C.Forward->getBeginLoc(),
          "net '" + C.Net->getNameAsString() +
              "' runs on OpenCV's default backend, the CPU, although this "
              "file uses CUDA; call setPreferableBackend(DNN_BACKEND_CUDA) "
              "and setPreferableTarget(DNN_TARGET_CUDA or "
              "DNN_TARGET_CUDA_FP16) after loading it");
      F.Notes.push_back({C.Load->getBeginLoc(), "net is loaded here"});
      F.Notes.push_back({FirstCudaUse, "CUDA is used here"});
    }
  Candidates.clear();
  FirstCudaUse = SourceLocation();
}

} // namespace greenlint
