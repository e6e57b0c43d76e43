//===- WasteEstimate.cpp --------------------------------------------------===//
#include "WasteEstimate.h"
#include "../RuleContext.h"
#include "LoopInvariance.h"
#include "SourceArguments.h"
#include "greenlint/apis/ApiModel.h"
#include "greenlint/estimate/LoopTrips.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace greenlint {

namespace {

/// The function whose body holds S (a lambda's call operator for a lambda
/// body), for the constant locals a loop bound may name.
const FunctionDecl *enclosingFunction(const Stmt &S, ASTContext &Ctx) {
  DynTypedNodeList Parents = Ctx.getParents(S);
  while (!Parents.empty()) {
    const DynTypedNode &P = Parents[0];
    if (const auto *Fn = P.get<FunctionDecl>())
      return Fn;
    if (const auto *L = P.get<LambdaExpr>())
      return L->getCallOperator();
    Parents = Ctx.getParents(P);
  }
  return nullptr;
}

/// The element count of a range-for's range when its type fixes it.
std::optional<uint64_t> constantRangeSize(QualType T, ASTContext &Ctx) {
  T = T.getNonReferenceType().getCanonicalType();
  if (const auto *A = Ctx.getAsConstantArrayType(T))
    return A->getSize().getZExtValue();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Spec || !Spec->isInStdNamespace() || Spec->getName() != "array")
    return std::nullopt;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Args.size() == 2 && Args[1].getKind() == TemplateArgument::Integral)
    return Args[1].getAsIntegral().getZExtValue();
  return std::nullopt;
}

/// The module class behind a handle: `Net` (TORCH_MODULE) -> NetImpl,
/// std::shared_ptr<NetImpl> -> NetImpl, NetImpl& -> NetImpl.
const CXXRecordDecl *moduleClass(QualType T) {
  T = T.getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return RD;
  auto TemplateArg = [](const CXXRecordDecl *C,
                        llvm::StringRef Name) -> const CXXRecordDecl * {
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(C);
    if (!Spec || Spec->getName() != Name || Spec->getTemplateArgs().size() < 1)
      return nullptr;
    const TemplateArgument &A = Spec->getTemplateArgs()[0];
    return A.getKind() == TemplateArgument::Type
               ? A.getAsType()->getAsCXXRecordDecl()
               : nullptr;
  };
  if (const CXXRecordDecl *Inner = TemplateArg(RD, "shared_ptr"))
    return Inner;
  if (const CXXRecordDecl *Inner = TemplateArg(RD, "ModuleHolder"))
    return Inner;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl())
      if (const CXXRecordDecl *Inner = TemplateArg(Base, "ModuleHolder"))
        return Inner;
  return RD;
}

/// The static estimate of the module an expression holds, when exactly one
/// estimate is keyed on its class (a class built with different arguments
/// has several, and which one is meant is not known).
const estimate::ModelEstimate *
moduleEstimate(const Expr *E, const RuleContext &Context, bool &Ambiguous) {
  const CXXRecordDecl *RD = moduleClass(E->IgnoreParenImpCasts()->getType());
  if (!RD)
    return nullptr;
  const estimate::ModelEstimate *Found = nullptr;
  for (const estimate::ModelEstimate &M : Context.modelEstimates()) {
    const auto *Key = dyn_cast_or_null<CXXRecordDecl>(M.Key);
    if (!Key || Key->getCanonicalDecl() != RD->getCanonicalDecl())
      continue;
    if (Found)
      Ambiguous = true;
    Found = &M;
  }
  return Ambiguous ? nullptr : Found;
}

/// A path argument that is one constant string: a literal, a constexpr or
/// const variable initialised with one, a std::string built from one.
std::optional<std::string> constantPath(const Expr *E, ASTContext &Ctx) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = M->getSubExpr();
      continue;
    }
    if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = B->getSubExpr();
      continue;
    }
    if (const auto *C = dyn_cast<CXXConstructExpr>(E)) {
      if (C->getNumArgs() < 1)
        return std::nullopt;
      E = C->getArg(0);
      continue;
    }
    if (const auto *S = dyn_cast<StringLiteral>(E))
      return S->getString().str();
    if (E->getType()->isPointerType())
      if (std::optional<std::string> S = E->tryEvaluateString(Ctx))
        return S;
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!VD || !VD->getInit() ||
        !(VD->isConstexpr() || VD->getType().isConstQualified()))
      return std::nullopt;
    E = VD->getInit();
  }
  return std::nullopt;
}

std::string location(const estimate::ModelEstimate &M) {
  return llvm::sys::path::filename(M.File).str() + ":" + std::to_string(M.Line);
}

/// "2 MB of weights (500,500 parameters at float32) of model 'Net' (static
/// estimate, net.cpp:12)", saying when the count is a name's nominal size;
/// \p Noun names what the bytes are.
std::string weightsBasis(const estimate::ModelEstimate &M, double Bytes,
                         const char *Noun = "weights") {
  std::string Params =
      M.Parameters ? estimate::groupDigits(*M.Parameters) + " parameters at "
                   : std::string();
  auto Source = M.Details.find("parameters_source");
  std::string Nominal = Source != M.Details.end() && Source->is_string()
                            ? ", " + Source->get<std::string>()
                            : std::string();
  return estimate::formatBytes(Bytes) + " of " + Noun + " (" + Params +
         M.Dtype + Nominal + ") of model '" + M.Model + "' (static estimate, " +
         location(M) + ")";
}

} // namespace

LoopTripCount loopTripCount(const Stmt &Loop, ASTContext &Ctx) {
  LoopTripCount Out;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop)) {
    if (const Expr *Init = Range->getRangeInit())
      Out.Trips = constantRangeSize(Init->getType(), Ctx);
    if (!Out.Trips)
      Out.Unknown = "the loop's range has no size fixed at compile time";
    return Out;
  }
  if (isa<ForStmt>(Loop))
    Out.Trips =
        estimate::constantTripCount(&Loop, enclosingFunction(Loop, Ctx), Ctx);
  if (!Out.Trips)
    Out.Unknown = isa<ForStmt>(Loop)
                      ? "the loop's bounds are not compile-time constants"
                      : "a while or do loop's trip count is not known "
                        "statically";
  return Out;
}

estimate::FindingWaste reloadWasteOf(const Expr &Load, const ApiEntry &Entry,
                                     const Stmt *Loop, RuleContext &Context) {
  ASTContext &Ctx = *Context.astContext();
  const data::HardwareProfile *Target = Context.targetProfile();
  std::optional<double> Bytes;
  std::string Basis, Why;

  // torch::load(Module, File): the module's static estimate is what is
  // read back. Other loads may name the model's estimate by their location
  // (llama.cpp's constant GGUF path).
  llvm::SmallVector<const Expr *, 4> Args;
  if (const auto *Call = dyn_cast<CallExpr>(&Load))
    Args.append(Call->arg_begin(), Call->arg_end());
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Load))
    Args.append(Construct->arg_begin(), Construct->arg_end());
  for (const Expr *Arg : Args) {
    bool Ambiguous = false;
    const estimate::ModelEstimate *M = moduleEstimate(Arg, Context, Ambiguous);
    if (Ambiguous)
      Why = "the module class is built with different sizes in this file";
    if (!M)
      continue;
    if (!M->WeightBytes) {
      Why = "the static estimate of model '" + M->Model + "' (" + location(*M) +
            ") has no size" +
            (M->Unknown.empty() ? "" : ": " + M->Unknown.front());
      continue;
    }
    Bytes = M->WeightBytes;
    Basis = weightsBasis(*M, *Bytes);
    break;
  }
  if (!Bytes) {
    const SourceManager &SM = Ctx.getSourceManager();
    SourceLocation At = SM.getExpansionLoc(Load.getBeginLoc());
    for (const estimate::ModelEstimate &M : Context.modelEstimates())
      if (M.Loc.isValid() && SM.getExpansionLoc(M.Loc) == At && M.WeightBytes) {
        Bytes = M.WeightBytes;
        Basis = weightsBasis(M, *Bytes);
      }
  }
  if (!Bytes)
    if (std::optional<std::vector<const Expr *>> Sources =
            sourceArguments(&Load, Entry.SourceArgs))
      for (const Expr *Source : *Sources) {
        std::optional<std::string> Path = constantPath(Source, Ctx);
        uint64_t Size = 0;
        if (!Path || llvm::sys::fs::file_size(*Path, Size) || Size == 0)
          continue;
        Bytes = double(Size);
        Basis = estimate::formatBytes(*Bytes) + " read from '" + *Path +
                "' (the file's size when this was compiled)";
        break;
      }

  estimate::FindingWaste W =
      Bytes ? estimate::reloadWaste(*Bytes, Basis, Target)
            : estimate::unknownWaste(
                  "reload", Why.empty()
                                ? "the size of what '" + Entry.Name +
                                      "' loads is not known: no static "
                                      "estimate of the module and no constant "
                                      "path to a file that exists at build time"
                                : Why);
  if (Loop) {
    W.InLoop = true;
    W.KeptPerLoop = 1; // hoisted out of the loop, the load still runs once
    LoopTripCount Trips = loopTripCount(*Loop, Ctx);
    W.LoopTrips = Trips.Trips;
    W.LoopUnknown = Trips.Unknown;
  }
  return W;
}

namespace {

/// The static estimate of the module a call is made on: `M->f()` calls
/// operator-> on M, `M(X)` operator() on it, `M.f()` a method of M. Null
/// when there is none, and \p Why says so, with \p What completing "the
/// model ...".
const estimate::ModelEstimate *calledModule(const Expr &Call,
                                            const RuleContext &Context,
                                            const char *What,
                                            std::string &Why) {
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    Object = Member->getImplicitObjectArgument();
  else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&Call))
    Object = Op->getNumArgs() ? Op->getArg(0) : nullptr;
  if (Object)
    if (const auto *Arrow =
            dyn_cast<CXXOperatorCallExpr>(Object->IgnoreParenImpCasts()))
      if (Arrow->getOperator() == OO_Arrow && Arrow->getNumArgs())
        Object = Arrow->getArg(0);

  bool Ambiguous = false;
  const estimate::ModelEstimate *M =
      Object ? moduleEstimate(Object, Context, Ambiguous) : nullptr;
  if (!M)
    Why = Ambiguous ? "the module class is built with different sizes in "
                      "this file"
                    : std::string("no static estimate of the model ") + What +
                          " (docs/estimates.md says which models are read)";
  return M;
}

/// The static estimate of the module a forward call runs on, with its
/// joules per call in \p Joules; otherwise null and \p Why says what is
/// missing.
const estimate::ModelEstimate *forwardModel(const Expr &Forward,
                                            const RuleContext &Context,
                                            double &Joules, std::string &Why) {
  const estimate::ModelEstimate *M =
      calledModule(Forward, Context, "this forward runs on", Why);
  if (!M)
    return nullptr;
  if (!M->JoulesPerCall) {
    Why = "model '" + M->Model + "' (" + location(*M) +
          ") has no joules per call: " + M->EnergyModel;
    return nullptr;
  }
  Joules = *M->JoulesPerCall;
  return M;
}

/// "one sample of model 'Net' (static estimate, net.cpp:12, 1 MFLOP per
/// sample, profile amd-epyc-7b13)"
std::string sampleBasis(const estimate::ModelEstimate &M) {
  return "one sample of model '" + M.Model + "' (static estimate, " +
         location(M) + ", " +
         (M.FlopsPerSample ? estimate::formatFlops(*M.FlopsPerSample)
                           : std::string("unknown FLOPs")) +
         " per sample, profile " + M.Profile + ")";
}

void setLoop(estimate::FindingWaste &W, const Stmt *Loop, uint64_t Kept,
             ASTContext &Ctx) {
  if (!Loop)
    return;
  W.InLoop = true;
  W.KeptPerLoop = Kept;
  LoopTripCount Trips = loopTripCount(*Loop, Ctx);
  W.LoopTrips = Trips.Trips;
  W.LoopUnknown = Trips.Unknown;
}

} // namespace

estimate::FindingWaste autogradWasteOf(const Expr &Forward,
                                       RuleContext &Context) {
  std::string Why;
  double Joules = 0;
  const estimate::ModelEstimate *M =
      forwardModel(Forward, Context, Joules, Why);
  estimate::FindingWaste W =
      M ? estimate::autogradWaste(Joules, sampleBasis(*M), M->Profile)
        : estimate::unknownWaste("forward", Why);
  ASTContext &Ctx = *Context.astContext();
  setLoop(W, enclosingLoop(&Forward, Ctx), 0, Ctx);
  return W;
}

estimate::FindingWaste repeatedForwardWasteOf(const Expr &Forward,
                                              const Stmt &Loop,
                                              RuleContext &Context) {
  std::string Why;
  double Joules = 0;
  const estimate::ModelEstimate *M =
      forwardModel(Forward, Context, Joules, Why);
  estimate::FindingWaste W =
      M ? estimate::repeatedCallWaste(Joules, sampleBasis(*M), M->Profile)
        : estimate::unknownWaste("forward", Why);
  setLoop(W, &Loop, 1, *Context.astContext());
  return W;
}

estimate::FindingWaste zeroFillWasteOf(const Expr &ZeroGrad,
                                       RuleContext &Context) {
  std::string Why;
  const estimate::ModelEstimate *M =
      calledModule(ZeroGrad, Context, "whose gradients this clears", Why);
  if (M && !M->WeightBytes)
    Why = "the static estimate of model '" + M->Model + "' (" + location(*M) +
          ") has no size" +
          (M->Unknown.empty() ? "" : ": " + M->Unknown.front());
  estimate::FindingWaste W = estimate::unknownWaste("step", Why);
  if (M && M->WeightBytes) {
    // A gradient has its parameter's dtype, so the gradients weigh what
    // the weights do; a frozen parameter has none and is not filled.
    W = estimate::zeroFillWaste(
        *M->WeightBytes,
        weightsBasis(*M, *M->WeightBytes, "gradients, all parameters trained"),
        Context.targetProfile());
  }
  ASTContext &Ctx = *Context.astContext();
  setLoop(W, enclosingLoop(&ZeroGrad, Ctx), 1, Ctx);
  return W;
}

void attachWaste(Finding &F, estimate::FindingWaste W,
                 const RuleContext &Context) {
  if (Context.targetProfile())
    F.Notes.push_back({F.Loc, "greenlint waste estimate: " + W.noteText()});
  F.Waste = std::move(W);
}

} // namespace greenlint
