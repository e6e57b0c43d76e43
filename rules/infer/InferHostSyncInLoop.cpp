//===- InferHostSyncInLoop.cpp --------------------------------------------===//
#include "InferHostSyncInLoop.h"
#include "../RuleContext.h"
#include "../support/DevicePaths.h"
#include "../support/FunctionSummaries.h"
#include "../support/LoopInvariance.h"
#include "../support/SourceOrder.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

/// Calls after which the host holds a value computed on the device, so it
/// waits for all queued GPU work (item, cpu, nonzero, printing, synchronize).
static constexpr llvm::StringLiteral HostSyncRole = roles::HostSync;
/// Device types (c10::DeviceType::CPU, ::CUDA).
static constexpr llvm::StringLiteral CpuDeviceRole = roles::CpuDevice;
/// Calls that move data to CUDA without naming the device (Tensor::cuda).
static constexpr llvm::StringLiteral CudaTransferRole = roles::CudaTransfer;

const RuleInfo InferHostSyncInLoop::Info = {
    "infer-host-sync-in-loop",
    "infer",
    "the host waits for the GPU on every iteration of a training or "
    "inference loop",
    /*DefaultOn=*/true,
    {{"OnlyWhenCuda", OptionKind::Bool, "true",
      "report only values that can be on a CUDA device (moved to kCUDA or "
      "to a device chosen at run time, .cuda()), or whose origin is not "
      "visible in a translation unit that names CUDA: on the CPU a sync "
      "costs nothing"}},
    makeRule<InferHostSyncInLoop>,
    {HostSyncRole.data(), roles::DeviceTransfer.data(), CpuDeviceRole.data(),
     roles::CudaDevice.data(), CudaTransferRole.data(), roles::Timer.data(),
     roles::InferenceCall.data(), roles::TrainingStep.data(),
     roles::DeviceType.data(), roles::HostCopy.data(),
     roles::ModuleConversion.data(), roles::AcceleratorSetup.data(),
     roles::AcceleratorLayers.data()}};

InferHostSyncInLoop::InferHostSyncInLoop(RuleContext &Ctx)
    : Rule(Info, Ctx), OnlyWhenCuda(boolOption("OnlyWhenCuda")) {}

InferHostSyncInLoop::~InferHostSyncInLoop() = default;

void InferHostSyncInLoop::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(callExpr(isExpansionInMainFile(),
                             anyOf(isApiCall(&api(), HostSyncRole),
                                   isApiCall(&api(), roles::DeviceTransfer)),
                             hasAncestor(functionDecl().bind("fn")))
                        .bind("sync"),
                    this);
  Finder.addMatcher(declRefExpr(isExpansionInMainFile(),
                                hasType(hasCanonicalType(enumType())))
                        .bind("device"),
                    this);
  Finder.addMatcher(
      callExpr(isExpansionInMainFile(), isApiCall(&api(), CudaTransferRole))
          .bind("cuda"),
      this);
  // Read-backs one or more calls away: the loop calls a helper.
  Finder.addMatcher(
      stmt(anyOf(forStmt(), whileStmt(), doStmt(), cxxForRangeStmt()),
           isExpansionInMainFile(),
           hasAncestor(functionDecl(isDefinition()).bind("fn")))
          .bind("loop"),
      this);
}

namespace {

/// The device type a constant names, following LibTorch's own aliases
/// (torch::kCUDA = c10::kCUDA = DeviceType::CUDA).
const ValueDecl *namedConstant(const DeclRefExpr *Ref,
                               const SourceManager &SM) {
  const ValueDecl *D = Ref->getDecl();
  for (int Depth = 0; Depth < 6; ++Depth) {
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD)
      return D;
    if (!SM.isInSystemHeader(VD->getLocation()) ||
        !VD->getType().isConstQualified() || !VD->getInit())
      return nullptr;
    const auto *Next =
        dyn_cast<DeclRefExpr>(VD->getInit()->IgnoreParenImpCasts());
    if (!Next)
      return nullptr;
    D = Next->getDecl();
  }
  return nullptr;
}

/// True if the first argument is a literal CPU device (torch::kCPU,
/// torch::Device(torch::kCPU)), possibly through implicit conversions.
bool namesCpu(const Expr *E, const ApiModel &Api, const SourceManager &SM) {
  for (int Depth = 0; E && Depth < 6; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const ValueDecl *D = namedConstant(Ref, SM);
      return D && Api.matchValue(D, CpuDeviceRole);
    }
    if (const auto *C = dyn_cast<CXXConstructExpr>(E))
      E = C->getNumArgs() ? C->getArg(0) : nullptr;
    else if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else
      return false;
  }
  return false;
}

/// Under `if (Step % LogEvery == 0)` (between S and Loop): the author
/// already reads the value only every N steps.
bool underPeriodicGuard(const Stmt *S, const Stmt *Loop, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    // A variable's initializer has the variable as its parent: climb on.
    const Stmt *P = Parents[0].get<Stmt>();
    if (P == Loop)
      return false;
    if (const auto *If = dyn_cast_or_null<IfStmt>(P))
      if (Node.get<Stmt>() != If->getCond() &&
          !match(findAll(binaryOperator(hasAnyOperatorName("%", "%="))),
                 *If->getCond(), Ctx)
               .empty())
        return true;
    Node = Parents[0];
  }
}

} // namespace

void InferHostSyncInLoop::check(const MatchFinder::MatchResult &R) {
  ASTContext &Ctx = *R.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  if (const auto *Loop = R.Nodes.getNodeAs<Stmt>("loop")) {
    if (const auto *LoopFn = R.Nodes.getNodeAs<FunctionDecl>("fn"))
      checkHelperSyncs(*Loop, *LoopFn, Ctx);
    return;
  }
  if (const auto *Ref = R.Nodes.getNodeAs<DeclRefExpr>("device")) {
    const ValueDecl *D = namedConstant(Ref, SM);
    SawCuda = SawCuda || (D && api().matchValue(D, roles::CudaDevice));
    return;
  }
  if (R.Nodes.getNodeAs<CallExpr>("cuda")) {
    SawCuda = true;
    return;
  }
  const auto *Sync = R.Nodes.getNodeAs<CallExpr>("sync");
  if (!Sync || Sync->getBeginLoc().isInvalid())
    return;
  const ApiEntry *Entry = api().matchCall(Sync, HostSyncRole);
  if (!Entry) {
    // Tensor::to: only a literal CPU device reads the tensor back.
    const auto *MC = dyn_cast<CXXMemberCallExpr>(Sync);
    if (!MC || MC->getNumArgs() == 0 || !namesCpu(MC->getArg(0), api(), SM))
      return;
    Entry = api().matchCall(Sync, roles::DeviceTransfer);
  }

  const Stmt *Loop = repeatingLoop(Sync, Ctx);
  if (!Loop || runsAtMostOnce(Loop) || underPeriodicGuard(Sync, Loop, Ctx))
    return;
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (Fn && Fn->getBody() &&
      !findApiCalls(*Fn->getBody(), roles::Timer, api(), Ctx).empty())
    return;
  std::string What = Entry->Name;
  if (const auto *FD = Sync->getDirectCallee())
    What = FD->getNameAsString();
  SourceLocation Loc = Sync->getExprLoc();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Sync))
    if (const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()))
      Loc = ME->getMemberLoc();
  // Where the values the call reads can be: the tensor it is called on, or
  // the tensor printed; a call that reads none (synchronize) depends on the
  // translation unit.
  std::vector<const Expr *> Values;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Sync))
    Values.push_back(MC->getImplicitObjectArgument());
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Sync))
    Values.push_back(Op->getArg(Op->getNumArgs() - 1));
  else
    for (const Expr *Arg : Sync->arguments())
      if (!isa<CXXDefaultArgExpr>(Arg))
        Values.push_back(Arg);
  Candidate C{Loc, Loop->getBeginLoc(), What, DevicePlace::Host, nullptr};
  placeValues(C, Values, Ctx);
  Candidates.push_back(std::move(C));
}

const Stmt *InferHostSyncInLoop::repeatingLoop(const Stmt *S,
                                               ASTContext &Ctx) const {
  const Stmt *Loop = enclosingLoop(S, Ctx);
  while (Loop &&
         findApiCalls(*Loop, roles::InferenceCall, api(), Ctx).empty() &&
         findApiCalls(*Loop, roles::TrainingStep, api(), Ctx).empty())
    Loop = enclosingLoop(Loop, Ctx);
  return Loop;
}

void InferHostSyncInLoop::placeValues(Candidate &C,
                                      const std::vector<const Expr *> &Values,
                                      ASTContext &Ctx) {
  if (!Paths)
    Paths = std::make_unique<DevicePaths>(api(), Ctx);
  if (Values.empty())
    C.Place = DevicePlace::Unknown;
  for (const Expr *Value : Values) {
    DevicePlace Place = Paths->placeOf(Value);
    if (Place > C.Place) {
      C.Place = Place;
      C.Evidence = Paths->evidence();
    }
  }
}

void InferHostSyncInLoop::checkHelperSyncs(const Stmt &Loop,
                                           const FunctionDecl &Fn,
                                           ASTContext &Ctx) {
  if (!Fn.getBody() || Loop.getBeginLoc().isMacroID() || runsAtMostOnce(&Loop))
    return;
  llvm::SmallPtrSet<const Expr *, 4> Sites;
  for (const ReachedApiCall &R : findApiCallsThrough(
           Loop, HostSyncRole, context().summaries(), api(), Ctx)) {
    // A helper with its own loop around the read-back (an evaluation pass
    // over a loader) is judged inside; one in another unit is not followed.
    if (!R.throughHelper() || !R.ApiCall || !Sites.insert(R.Site).second ||
        R.Site->getBeginLoc().isInvalid() ||
        R.Site->getBeginLoc().isMacroID() || enclosingLoop(R.ApiCall, Ctx) ||
        repeatingLoop(R.Site, Ctx) != &Loop ||
        underPeriodicGuard(R.Site, &Loop, Ctx))
      continue;
    if (!findApiCalls(*Fn.getBody(), roles::Timer, api(), Ctx).empty())
      return;
    Candidate C{R.Site->getBeginLoc(), Loop.getBeginLoc(), R.Entry->Name,
                DevicePlace::Host, nullptr};
    placeValues(C, R.Inputs, Ctx);
    if (R.OtherInputs && C.Place < DevicePlace::Unknown)
      C.Place = DevicePlace::Unknown;
    C.ThroughHelper = throughHelperFinding(
        Loop, R, "makes the host wait for the GPU",
        "keep the value on the device (accumulate with tensor ops) and read "
        "it once after the loop or every N steps",
        "reads the value on the host here", Ctx);
    Candidates.push_back(std::move(C));
  }
}

void InferHostSyncInLoop::onEndOfTranslationUnit() {
  if (ASTContext *Ctx = context().astContext()) {
    const SourceManager &SM = Ctx->getSourceManager();
    sortInSourceOrder(Candidates, SM);
  }
  for (const Candidate &C : Candidates) {
    // On the host a read-back waits for nothing; a value of unseen origin
    // counts when the translation unit puts anything on CUDA.
    if (OnlyWhenCuda && (C.Place == DevicePlace::Host ||
                         (C.Place == DevicePlace::Unknown && !SawCuda)))
      continue;
    Finding &F =
        C.ThroughHelper
            ? report(*C.ThroughHelper)
            : report(
                  C.Loc,
                  "'" + C.What +
                      "' makes the host wait for the GPU on every iteration of "
                      "this loop; keep the value on the device (accumulate "
                      "with tensor ops) and read it once after the loop or "
                      "every N steps");
    if (!C.ThroughHelper)
      F.Notes.push_back({C.LoopLoc, "loop runs a model or a training step"});
    if (C.Evidence)
      F.Notes.push_back({C.Evidence->getExprLoc(),
                         "the value can be on the GPU: it comes from here"});
  }
  Candidates.clear();
  Paths.reset();
}

} // namespace greenlint
