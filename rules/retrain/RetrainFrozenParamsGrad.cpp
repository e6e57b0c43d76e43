//===- RetrainFrozenParamsGrad.cpp ----------------------------------------===//
#include "RetrainFrozenParamsGrad.h"
#include "../RuleContext.h"
#include "../support/CallParts.h"
#include "../support/FunctionSummaries.h"
#include "../support/GuardScope.h"
#include "../support/LoopInvariance.h"
#include "../support/OptimizerParameters.h"
#include "../support/SourceOrder.h"
#include "greenlint/apis/ApiModel.h"
#include "greenlint/estimate/EstimateRoles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

/// Switching requires_grad on a tensor (set_requires_grad, requires_grad_).
static constexpr llvm::StringLiteral RequiresGradSetRole =
    roles::RequiresGradSet;
/// Cutting a tensor out of the autograd graph.
static constexpr llvm::StringLiteral DetachRole{"detach"};
/// Module types known to hold parameters (a loaded TorchScript module,
/// Linear, Conv2d, ...). The module base and the registrations (a user
/// module that registers has parameters) are the estimates' roles.
static constexpr llvm::StringLiteral ParametricModuleRole =
    roles::ParametricModule;
using estimate::roles::LayerSequence;
using estimate::roles::ModuleBase;
using estimate::roles::ModuleRegistration;
using estimate::roles::ParameterRegistration;

const RuleInfo RetrainFrozenParamsGrad::Info = {
    "retrain-frozen-params-grad",
    "retrain",
    "backward computes gradients for a module that no optimizer updates",
    /*DefaultOn=*/true,
    {},
    makeRule<RetrainFrozenParamsGrad>,
    {roles::InferenceCall.data(), roles::TrainingStep.data(),
     roles::ParametersAccess.data(), roles::TensorType.data(),
     RequiresGradSetRole.data(), DetachRole.data(), ModuleBase.data(),
     ParametricModuleRole.data(), ModuleRegistration.data(),
     LayerSequence.data(), roles::OptimizerOptions.data(),
     roles::ModuleHolder.data(), roles::ModuleAppend.data(),
     ParameterRegistration.data(), roles::GradDisable.data()}};

void RetrainFrozenParamsGrad::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      callExpr(isApiCall(&api(), roles::InferenceCall), isExpansionInMainFile(),
               hasAncestor(functionDecl(isDefinition()).bind("fn")))
          .bind("forward"),
      this);
  // Calls of functions defined in this file: who passes the optimizer.
  Finder.addMatcher(
      callExpr(isExpansionInMainFile(),
               callee(functionDecl(hasBody(stmt()), isExpansionInMainFile())
                          .bind("callee")),
               hasAncestor(functionDecl(isDefinition()).bind("caller")))
          .bind("site"),
      this);
  Finder.addMatcher(callExpr(anyOf(isApiCall(&api(), RequiresGradSetRole),
                                   isApiCall(&api(), roles::GradDisable)))
                        .bind("freeze"),
                    this);
}

namespace {

class ModuleKnowledge {
public:
  ModuleKnowledge(const ApiModel &Api, ASTContext &Ctx) : Api(Api), Ctx(Ctx) {}

  /// Is a module of this type built by a constructor in another unit that
  /// switches requires_grad (freezes its parameters)? Only `greenlint
  /// check`'s project view can tell; without it, nothing is known.
  bool frozenElsewhere(QualType T, FunctionSummaries &Summaries,
                       unsigned Depth = 0) {
    if (Depth > 4 || T.isNull())
      return false;
    const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition())
      return false;
    RD = RD->getDefinition();
    if (!Ctx.getSourceManager().isInSystemHeader(RD->getLocation()))
      for (const CXXConstructorDecl *Ctor : RD->ctors())
        if (!Ctor->isImplicit() && !Ctor->hasBody() &&
            !Summaries.effects(Ctor, RequiresGradSetRole).empty())
          return true;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
      const TemplateArgumentList &Args = Spec->getTemplateArgs();
      if (Args.size() >= 1 && Args[0].getKind() == TemplateArgument::Type &&
          frozenElsewhere(Args[0].getAsType(), Summaries, Depth + 1))
        return true;
    }
    for (const CXXBaseSpecifier &Base : RD->bases())
      if (frozenElsewhere(Base.getType(), Summaries, Depth + 1))
        return true;
    return false;
  }

  /// Does a module of this type certainly hold parameters? Looks through
  /// ModuleHolder<Impl>, std::shared_ptr<Impl> and TORCH_MODULE wrappers.
  bool hasParameters(QualType T, unsigned Depth = 0) {
    if (Depth > 4 || T.isNull())
      return false;
    T = T.getNonReferenceType();
    if (Api.matchType(T, ParametricModuleRole))
      return true;
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition())
      return false;
    RD = RD->getDefinition();
    if (derivesFromModule(RD, 0) &&
        !Ctx.getSourceManager().isInSystemHeader(RD->getLocation()))
      return registersParameters(RD) ||
             (builtElsewhere(RD) && fieldsHoldParameters(RD, Depth));
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
      const TemplateArgumentList &Args = Spec->getTemplateArgs();
      if (Args.size() >= 1 && Args[0].getKind() == TemplateArgument::Type)
        return hasParameters(Args[0].getAsType(), Depth + 1);
    }
    for (const CXXBaseSpecifier &Base : RD->bases())
      if (hasParameters(Base.getType(), Depth + 1))
        return true;
    return false;
  }

private:
  /// A user module whose constructor is defined in another file (a header
  /// declares it, its .cpp registers the layers): what it registers is not
  /// visible here.
  static bool builtElsewhere(const CXXRecordDecl *RD) {
    bool Declared = false;
    for (const CXXConstructorDecl *Ctor : RD->ctors()) {
      if (Ctor->isImplicit())
        continue;
      if (Ctor->hasBody())
        return false;
      Declared = true;
    }
    return Declared;
  }

  /// Its fields (or a base's) are layers with parameters or layer
  /// sequences, which a constructor defined elsewhere registers.
  bool fieldsHoldParameters(const CXXRecordDecl *RD, unsigned Depth) {
    if (Depth > 4 || !RD || !RD->hasDefinition())
      return false;
    RD = RD->getDefinition();
    for (const FieldDecl *F : RD->fields())
      if (hasParameters(F->getType(), Depth + 1) ||
          isLayerSequence(F->getType(), Depth + 1))
        return true;
    for (const CXXBaseSpecifier &Base : RD->bases()) {
      const CXXRecordDecl *BaseRD = Base.getType()->getAsCXXRecordDecl();
      if (BaseRD &&
          !Ctx.getSourceManager().isInSystemHeader(BaseRD->getLocation()) &&
          fieldsHoldParameters(BaseRD, Depth + 1))
        return true;
    }
    return false;
  }

  /// torch::nn::Sequential and the like, through their holders.
  bool isLayerSequence(QualType T, unsigned Depth) {
    if (Depth > 8 || T.isNull())
      return false;
    if (Api.matchType(T, LayerSequence))
      return true;
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD || !RD->hasDefinition())
      return false;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
      const TemplateArgumentList &Args = Spec->getTemplateArgs();
      if (Args.size() >= 1 && Args[0].getKind() == TemplateArgument::Type &&
          isLayerSequence(Args[0].getAsType(), Depth + 1))
        return true;
    }
    for (const CXXBaseSpecifier &Base : RD->getDefinition()->bases())
      if (isLayerSequence(Base.getType(), Depth + 1))
        return true;
    return false;
  }

  bool derivesFromModule(const CXXRecordDecl *RD, unsigned Depth) {
    if (!RD || Depth > 8 || !RD->hasDefinition())
      return false;
    for (const CXXBaseSpecifier &Base : RD->getDefinition()->bases()) {
      if (Api.matchType(Base.getType(), ModuleBase))
        return true;
      if (derivesFromModule(Base.getType()->getAsCXXRecordDecl(), Depth + 1))
        return true;
    }
    return false;
  }

  bool registers(const Stmt &S) {
    return !findApiCalls(S, ModuleRegistration, Api, Ctx).empty() ||
           !findApiCalls(S, ParameterRegistration, Api, Ctx).empty();
  }

  /// A user module that registers a parameter or submodule in any of its
  /// members (constructor initialisers included).
  bool registersParameters(const CXXRecordDecl *RD) {
    for (const CXXMethodDecl *MD : RD->methods()) {
      const FunctionDecl *Def = nullptr;
      if (!MD->hasBody(Def))
        continue;
      if (Def->getBody() && registers(*Def->getBody()))
        return true;
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
        for (const CXXCtorInitializer *Init : Ctor->inits())
          if (Init->getInit() && registers(*Init->getInit()))
            return true;
    }
    return false;
  }

  const ApiModel &Api;
  ASTContext &Ctx;
};

} // namespace

/// Does this call turn gradients off? `requires_grad_()`, and
/// `set_requires_grad(true)` on the tensor an optimizer is to update, turn
/// them on.
static bool turnsGradientsOff(const CallExpr &Call, ASTContext &Ctx) {
  if (Call.getNumArgs() == 0)
    return true;
  const Expr *Flag = Call.getArg(Call.getNumArgs() - 1);
  if (isa<CXXDefaultArgExpr>(Flag))
    return false;
  bool On = false;
  return !(Flag->EvaluateAsBooleanCondition(On, Ctx) && On);
}

void RetrainFrozenParamsGrad::check(const MatchFinder::MatchResult &R) {
  if (const auto *Freeze = R.Nodes.getNodeAs<CallExpr>("freeze")) {
    // Any freezing in the file: the author knows the idiom, and the module
    // may be frozen by a caller we cannot follow. Stay quiet.
    if (turnsGradientsOff(*Freeze, *R.Context))
      FreezesSomewhere = true;
    return;
  }
  if (const auto *Site = R.Nodes.getNodeAs<CallExpr>("site")) {
    const auto *Callee = R.Nodes.getNodeAs<FunctionDecl>("callee");
    const auto *Caller = R.Nodes.getNodeAs<FunctionDecl>("caller");
    CallSites[Callee->getCanonicalDecl()].push_back({Site, Caller});
    return;
  }
  const auto *Forward = R.Nodes.getNodeAs<CallExpr>("forward");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &Ctx = *R.Context;
  if (!Forward || !Fn || !Fn->getBody() || Forward->getBeginLoc().isMacroID())
    return;
  const Expr *Obj = calleeObject(Forward);
  const VarDecl *Module = Obj ? objectRoot(Obj, ThroughCopies::Yes) : nullptr;
  const Stmt *Loop = enclosingLoop(Forward, Ctx);
  if (!Module || !Loop || isUnderGradGuard(Forward, Ctx, api()))
    return;
  // One finding per module and loop: style transfer runs the network on
  // the image, the content and the style in one step.
  if (!Reported.insert({Module, Loop}).second)
    return;
  ModuleKnowledge Modules(api(), Ctx);
  if (!Modules.hasParameters(Module->getType()) ||
      Modules.frozenElsewhere(Module->getType(), context().summaries())) {
    Reported.erase({Module, Loop});
    return;
  }
  // A detach anywhere in the loop may cut this module's output off.
  if (!findApiCalls(*Loop, DetachRole, api(), Ctx).empty())
    return;

  // The loop trains: a backward on a tensor and a step on an optimizer.
  bool Backward = false;
  const VarDecl *Stepped = nullptr;
  for (const Expr *E : findApiCalls(*Loop, roles::TrainingStep, api(), Ctx)) {
    const auto *C = dyn_cast<CallExpr>(E);
    const Expr *O = C ? calleeObject(C) : nullptr;
    // torch::autograd::backward, or backward() on a tensor.
    if (!O || api().matchType(O->getType().getNonReferenceType(),
                              roles::TensorType)) {
      Backward = true;
      continue;
    }
    Stepped = objectRoot(O, ThroughCopies::Yes);
    if (!Stepped)
      return;
  }
  if (!Backward || !Stepped)
    return;

  // Every optimizer stepped anywhere in the function is a local whose
  // parameter set is known and leaves this module out; or one optimizer is
  // a parameter, and every caller in this file passes such a local (the
  // shape of pytorch/examples' transfer-learning train()).
  const VarDecl *Shown = nullptr;
  bool OnlyTensors = true;
  int OptParam = -1;
  for (const Expr *E :
       findApiCalls(*Fn->getBody(), roles::TrainingStep, api(), Ctx)) {
    const auto *C = dyn_cast<CallExpr>(E);
    const Expr *O = C ? calleeObject(C) : nullptr;
    if (!O ||
        api().matchType(O->getType().getNonReferenceType(), roles::TensorType))
      continue;
    const VarDecl *Opt = objectRoot(O, ThroughCopies::Yes);
    if (const auto *P = dyn_cast_or_null<ParmVarDecl>(Opt)) {
      int Index = static_cast<int>(P->getFunctionScopeIndex());
      if (OptParam >= 0 && OptParam != Index)
        return;
      OptParam = Index;
      continue;
    }
    OptimizerParameterSet Set = optimizerParameters(Opt, *Fn, api(), Ctx);
    if (Set.mayUpdate(Module))
      return;
    OnlyTensors = OnlyTensors && Set.updatesNoModule();
    Shown = Opt;
  }
  if (OptParam >= 0) {
    int ModuleParam = -1;
    if (const auto *P = dyn_cast<ParmVarDecl>(Module))
      ModuleParam = static_cast<int>(P->getFunctionScopeIndex());
    Deferred.push_back({Fn->getCanonicalDecl(), Forward->getBeginLoc(),
                        Module->getNameAsString(), OptParam, ModuleParam});
    return;
  }
  if (!Shown)
    return;
  Candidates.push_back({Forward->getBeginLoc(), Shown->getLocation(),
                        Module->getNameAsString(), OnlyTensors});
}

void RetrainFrozenParamsGrad::onEndOfTranslationUnit() {
  ASTContext *Ctx = context().astContext();
  for (const DeferredCandidate &D : Deferred) {
    auto Sites = CallSites.find(D.Fn);
    if (!Ctx || Sites == CallSites.end() || Sites->second.empty())
      continue;
    const VarDecl *Shown = nullptr;
    bool OnlyTensors = true;
    for (const auto &[Site, Caller] : Sites->second) {
      Shown = nullptr;
      if (!Caller || static_cast<unsigned>(D.OptParam) >= Site->getNumArgs())
        break;
      const VarDecl *Opt =
          objectRoot(Site->getArg(D.OptParam), ThroughCopies::Yes);
      OptimizerParameterSet Set =
          optimizerParameters(Opt, *Caller, api(), *Ctx);
      if (!Set.Known)
        break;
      if (D.ModuleParam >= 0) {
        if (static_cast<unsigned>(D.ModuleParam) >= Site->getNumArgs())
          break;
        const VarDecl *Passed =
            objectRoot(Site->getArg(D.ModuleParam), ThroughCopies::Yes);
        if (!Passed || Set.mayUpdate(Passed))
          break;
      }
      OnlyTensors = OnlyTensors && Set.updatesNoModule();
      Shown = Opt;
    }
    if (Shown)
      Candidates.push_back(
          {D.Loc, Shown->getLocation(), D.Module, OnlyTensors});
  }
  Deferred.clear();
  CallSites.clear();
  if (Ctx) {
    const SourceManager &SM = Ctx->getSourceManager();
    sortInSourceOrder(Candidates, SM);
  }
  if (!FreezesSomewhere) {
    for (const Candidate &C : Candidates) {
      Finding &F = report(
          C.Loc, "'" + C.Module +
                     "' runs with gradients on in this training loop, but no "
                     "optimizer updates its parameters; backward computes "
                     "and stores gradients nothing uses: set "
                     "requires_grad to false on its parameters or run it "
                     "under 'torch::NoGradGuard'");
      F.Notes.push_back(
          {C.OptimizerLoc,
           C.OnlyTensors
               ? "optimizer updates only tensors that are no module's "
                 "parameters"
               : "optimizer is built from other modules' parameters only"});
    }
  }
  Candidates.clear();
  Reported.clear();
}

} // namespace greenlint
