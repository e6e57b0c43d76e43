//===- TorchModuleReader.cpp - Layers of a LibTorch module class ----------===//
// Over 500 lines: one class whose read* methods recurse into each other (a
// module holds modules); splitting it would scatter that one recursion.
//
// Reads a module's constructor, the layers it registers and its forward()
// into an Accumulator; TorchModelReader.cpp finds the models to read.
//
//===----------------------------------------------------------------------===//
#include "TorchModuleReader.h"
#include "Readers.h"
#include "TorchForward.h"
#include "TorchLayers.h"
#include "greenlint/apis/ApiModel.h"
#include "greenlint/apis/ClangCompat.h"
#include "greenlint/estimate/ConstantEvaluator.h"
#include "greenlint/estimate/EstimateRoles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include <functional>

using namespace clang;

namespace greenlint {
namespace estimate {
namespace torch {

namespace {

constexpr int MaxDepth = 12;

/// Every layer kind, in the order they are tried.
const llvm::StringLiteral LayerRoles[] = {
    roles::LayerLinear,       roles::LayerConv,      roles::LayerEmbedding,
    roles::LayerRnn,          roles::LayerGru,       roles::LayerLstm,
    roles::LayerAttention,    roles::LayerBatchNorm, roles::LayerLayerNorm,
    roles::LayerPooling,      roles::LayerFlatten,   roles::LayerReshaping,
    roles::LayerParameterFree};

/// A call in a module constructor that adds layers (register_module,
/// register_parameter, a Sequential base's push_back), or a call to the
/// class's own method that might.
struct Registration {
  const CallExpr *Call;
  bool Conditional;
  bool Unfollowed;
};

} // namespace

std::string sourceText(const Expr *E, const ASTContext &Ctx) {
  CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
  return Lexer::getSourceText(R, Ctx.getSourceManager(), Ctx.getLangOpts())
      .str();
}

class TorchModuleReader::Impl {
public:
  Impl(ASTContext &Ctx, const ApiModel &Api) : Ctx(Ctx), Api(Api) {}

  /// \p RD or one of its bases has type \p Role.
  bool derivesFrom(const CXXRecordDecl *RD, llvm::StringRef Role,
                   int Depth = 0) const {
    if (!RD || Depth > MaxDepth || !RD->hasDefinition())
      return false;
    RD = RD->getDefinition();
    if (Api.matchType(recordTypeOf(Ctx, RD), Role))
      return true;
    for (const CXXBaseSpecifier &Base : RD->bases())
      if (derivesFrom(Base.getType()->getAsCXXRecordDecl(), Role, Depth + 1))
        return true;
    return false;
  }

  bool isModuleClass(const CXXRecordDecl *RD) const {
    return derivesFrom(RD, roles::ModuleBase);
  }

  /// The implementation a handle owns: Impl for ModuleHolder<Impl> and the
  /// classes TORCH_MODULE derives from it.
  const CXXRecordDecl *heldImpl(QualType T, int Depth = 0) const {
    const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
    if (!RD || Depth > MaxDepth || !RD->hasDefinition())
      return nullptr;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      if (Api.matchType(T.getNonReferenceType(), roles::ModuleHolder) &&
          Spec->getTemplateArgs().size() >= 1 &&
          Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
        return Spec->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
    for (const CXXBaseSpecifier &Base : RD->getDefinition()->bases())
      if (const CXXRecordDecl *Impl = heldImpl(Base.getType(), Depth + 1))
        return Impl;
    return nullptr;
  }

  bool isUserClass(const CXXRecordDecl *RD) const {
    return RD && !Ctx.getSourceManager().isInSystemHeader(RD->getLocation());
  }

  unsigned line(SourceLocation L) const {
    return Ctx.getSourceManager().getPresumedLineNumber(L);
  }

  /// Records why a figure is unknown; \p FlopsOnly when the parameters
  /// are still known.
  void unknown(Accumulator &Acc, const std::string &Name, SourceLocation L,
               const std::string &Why, bool FlopsOnly = false) const {
    Acc.FlopsUnknown = true;
    if (!FlopsOnly)
      Acc.ParametersUnknown = true;
    (FlopsOnly ? Acc.FlopsUnknownWhy : Acc.Unknown)
        .push_back(
            (Name.empty() ? std::string("the model") : "layer '" + Name + "'") +
            " (line " + std::to_string(line(L)) + "): " + Why);
  }

  /// A module-valued expression: a construction, make_shared, a
  /// registration, or a variable or member initialised with one.
  void readModuleExpr(const Expr *E, const Scope &S, const std::string &Name,
                      Accumulator &Acc, int Depth) {
    if (Depth > MaxDepth) {
      unknown(Acc, Name, E->getBeginLoc(), "nesting too deep to follow");
      return;
    }
    E = stripWrappers(E);
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (Api.matchCall(Call, roles::ModuleRegistration) &&
          Call->getNumArgs() >= 2) {
        readModuleExpr(Call->getArg(Call->getNumArgs() - 1), S, Name, Acc,
                       Depth + 1);
        return;
      }
      if (const FunctionDecl *FD = Call->getDirectCallee())
        if (FD->getIdentifier() && FD->getName() == "make_shared" &&
            FD->isInStdNamespace()) {
          const CXXRecordDecl *Impl = nullptr;
          if (const auto *Args = FD->getTemplateSpecializationArgs())
            if (Args->size() >= 1 &&
                Args->get(0).getKind() == TemplateArgument::Type)
              Impl = Args->get(0).getAsType()->getAsCXXRecordDecl();
          if (Impl) {
            std::vector<const Expr *> CallArgs(Call->arg_begin(),
                                               Call->arg_end());
            readImpl(Impl, CallArgs, S, Name, E->getBeginLoc(), Acc, Depth);
            return;
          }
        }
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      const CXXConstructorDecl *Ctor = Construct->getConstructor();
      if (Construct->getNumArgs() == 1 && Ctor &&
          (Ctor->isCopyOrMoveConstructor() ||
           Construct->getArg(0)->getType()->getAsCXXRecordDecl() ==
               Construct->getType()->getAsCXXRecordDecl())) {
        readModuleExpr(Construct->getArg(0), S, Name, Acc, Depth + 1);
        return;
      }
      std::vector<const Expr *> Args;
      for (const Expr *A : Construct->arguments())
        if (!isa<CXXDefaultArgExpr>(A))
          Args.push_back(A);
      if (const CXXRecordDecl *Impl = heldImpl(Construct->getType())) {
        if (Args.size() == 1 && Args[0]->getType()->isNullPtrType()) {
          unknown(Acc, Name, E->getBeginLoc(),
                  "an empty module handle (nullptr) is registered");
          return;
        }
        readImpl(Impl, Args, S, Name, E->getBeginLoc(), Acc, Depth);
        return;
      }
      if (const CXXRecordDecl *RD = Construct->getType()->getAsCXXRecordDecl())
        if (isModuleClass(RD)) {
          readImpl(RD, Args, S, Name, E->getBeginLoc(), Acc, Depth);
          return;
        }
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
        if (VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) && VD->getInit()) {
          readModuleExpr(VD->getInit(), S, Name, Acc, Depth + 1);
          return;
        }
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      if (const auto *FD = dyn_cast<FieldDecl>(Member->getMemberDecl())) {
        if (const Expr *Init = fieldInit(FD, S)) {
          readModuleExpr(Init, S, Name, Acc, Depth + 1);
          return;
        }
        // A handle member with no initialiser holds a default-built module
        // (Dropout2d drop;).
        if (const CXXRecordDecl *Impl = heldImpl(FD->getType())) {
          readImpl(Impl, {}, S, Name, E->getBeginLoc(), Acc, Depth);
          return;
        }
      }
    unknown(Acc, Name, E->getBeginLoc(),
            "the module is not built from a constructor greenlint can read");
  }

  const Expr *fieldInit(const FieldDecl *FD, const Scope &S) const {
    if (S.Ctor)
      for (const CXXCtorInitializer *Init : S.Ctor->inits())
        if (Init->isMemberInitializer() && Init->getMember() == FD &&
            Init->isWritten())
          return Init->getInit();
    return FD->getInClassInitializer();
  }

  void readImpl(const CXXRecordDecl *Impl, llvm::ArrayRef<const Expr *> Args,
                const Scope &S, const std::string &Name, SourceLocation Loc,
                Accumulator &Acc, int Depth) {
    QualType T = recordTypeOf(Ctx, Impl);
    for (llvm::StringRef Role : LayerRoles)
      if (Api.matchType(T, Role)) {
        readLayer(Role, Impl, Args, S, Name, Loc, Acc);
        return;
      }
    if (Api.matchType(T, roles::LayerSequence)) {
      for (size_t I = 0; I < Args.size(); ++I)
        readModuleExpr(Args[I], S,
                       (Name.empty() ? "" : Name + ".") + std::to_string(I),
                       Acc, Depth + 1);
      return;
    }
    if (isUserClass(Impl) && isModuleClass(Impl)) {
      readUserModule(Impl, Args, S, Name, Loc, Acc, Depth + 1);
      return;
    }
    unknown(Acc, Name, Loc,
            Impl->getQualifiedNameAsString() +
                " is not in greenlint's layer data (rules/apis/*.yaml)");
  }

  /// The constructor a call with \p NumArgs arguments reaches; null when
  /// none or several fit.
  const CXXConstructorDecl *pickConstructor(const CXXRecordDecl *RD,
                                            size_t NumArgs) const {
    const CXXConstructorDecl *Found = nullptr;
    for (const CXXConstructorDecl *C : RD->ctors()) {
      if (C->isCopyOrMoveConstructor() || C->isDeleted())
        continue;
      if (NumArgs < C->getMinRequiredArguments() || NumArgs > C->getNumParams())
        continue;
      if (Found)
        return nullptr;
      Found = C;
    }
    return Found;
  }

  void readUserModule(const CXXRecordDecl *RD,
                      llvm::ArrayRef<const Expr *> Args, const Scope &Caller,
                      const std::string &Name, SourceLocation Loc,
                      Accumulator &Acc, int Depth) {
    if (Depth > MaxDepth) {
      unknown(Acc, Name, Loc, "nesting too deep to follow");
      return;
    }
    RD = RD->getDefinition();
    const CXXConstructorDecl *Ctor =
        RD ? pickConstructor(RD, Args.size()) : nullptr;
    if (!Ctor && RD && Args.empty() && RD->needsImplicitDefaultConstructor()) {
      Scope S;
      readFields(RD, S, Name, Acc, Depth);
      return;
    }
    if (!Ctor) {
      unknown(Acc, Name, Loc,
              "no single constructor of " +
                  (RD ? RD->getNameAsString() : std::string("the class")) +
                  " takes " + std::to_string(Args.size()) + " arguments");
      return;
    }
    const FunctionDecl *Def = nullptr;
    if (!Ctor->hasBody(Def)) {
      if (Ctor->isImplicit() && Args.empty()) {
        // An implicit default constructor: only in-class initialisers.
        Scope S;
        readFields(RD, S, Name, Acc, Depth);
        return;
      }
      unknown(Acc, Name, Loc,
              "the constructor of " + RD->getNameAsString() +
                  " is not defined in this translation unit");
      return;
    }
    Scope S;
    S.Ctor = cast<CXXConstructorDecl>(Def);
    for (unsigned I = 0; I < S.Ctor->getNumParams(); ++I) {
      const ParmVarDecl *P = S.Ctor->getParamDecl(I);
      if (I < Args.size())
        S.B[P] = evaluateInt(Args[I], Caller.B, Ctx);
      else if (P->hasDefaultArg())
        S.B[P] = evaluateInt(P->getDefaultArg(), Bindings(), Ctx);
    }
    // Base classes that are modules of the user's own register theirs.
    for (const CXXCtorInitializer *Init : S.Ctor->inits())
      if (Init->isBaseInitializer())
        if (const CXXRecordDecl *Base =
                Init->getBaseClass()->getAsCXXRecordDecl())
          if (isUserClass(Base) && isModuleClass(Base))
            readModuleExpr(Init->getInit(), S, Name, Acc, Depth + 1);
    // Layer order is certain only in a Sequential: a class that is one keeps
    // the shape flowing; forward() of any other may apply layers in any
    // order.
    if (!isSequence(RD))
      Acc.Shape.reset();
    std::vector<Registration> Registrations;
    for (const CXXCtorInitializer *Init : S.Ctor->inits())
      if (Init->isMemberInitializer() && Init->isWritten())
        collectRegistrations(Init->getInit(), false, Registrations);
    collectRegistrations(S.Ctor->getBody(), false, Registrations);
    for (const Registration &R : Registrations)
      readRegistration(R, S, Name, Acc, Depth);
  }

  /// The FLOPs of forward() on the declared input, replacing the reasons
  /// that left them unknown; or one more reason.
  void readForward(const CXXRecordDecl *RD, const std::vector<int64_t> &Input,
                   Accumulator &Acc) {
    const CXXConstructorDecl *Ctor = pickConstructor(RD, 0);
    const FunctionDecl *Def = nullptr;
    Scope S;
    if (Ctor && Ctor->hasBody(Def))
      S.Ctor = cast<CXXConstructorDecl>(Def);
    for (const ParmVarDecl *P :
         S.Ctor ? S.Ctor->parameters() : llvm::ArrayRef<ParmVarDecl *>())
      if (P->hasDefaultArg())
        S.B[P] = evaluateInt(P->getDefaultArg(), Bindings(), Ctx);
    FieldResolver Resolve =
        [&](const FieldDecl *FD) -> std::optional<FieldLayer> {
      return fieldLayer(FD, S);
    };
    std::string Why;
    std::optional<double> F = forwardFlops(RD, Input, Resolve, Api, Ctx, Why);
    if (!F) {
      // What stopped forward() says more than the layers' own reasons.
      Acc.FlopsUnknownWhy.insert(Acc.FlopsUnknownWhy.begin(), Why);
      return;
    }
    Acc.ForwardFlops = F;
    Acc.FlopsUnknownWhy.clear();
  }

  /// How member \p FD was built in constructor \p S: a layer handle from
  /// its initialiser, an assignment in the body, or its default.
  std::optional<FieldLayer> fieldLayer(const FieldDecl *FD, const Scope &S) {
    const Expr *Init = fieldInit(FD, S);
    if (!Init && S.Ctor && S.Ctor->getBody())
      Init = assignedIn(S.Ctor->getBody(), FD);
    std::vector<const Expr *> Args;
    const CXXRecordDecl *Impl = heldImpl(FD->getType());
    if (Init) {
      const Expr *E = stripWrappers(Init);
      if (const auto *Call = dyn_cast<CallExpr>(E))
        if (Api.matchCall(Call, roles::ModuleRegistration) &&
            Call->getNumArgs() >= 2)
          E = stripWrappers(Call->getArg(Call->getNumArgs() - 1));
      const auto *Construct = dyn_cast<CXXConstructExpr>(E);
      if (!Construct)
        return std::nullopt;
      Impl = heldImpl(Construct->getType());
      for (const Expr *A : Construct->arguments())
        if (!isa<CXXDefaultArgExpr>(A))
          Args.push_back(A);
    }
    if (!Impl)
      return std::nullopt;
    for (llvm::StringRef Role : LayerRoles)
      if (Api.matchType(recordTypeOf(Ctx, Impl), Role))
        return FieldLayer{Role, Impl, Args, S.B};
    return std::nullopt;
  }

  /// The value assigned to member \p FD in \p Body (fc = ...), if once.
  static const Expr *assignedIn(const Stmt *Body, const FieldDecl *FD) {
    const Expr *Found = nullptr;
    int Count = 0;
    std::function<void(const Stmt *)> Walk = [&](const Stmt *St) {
      if (!St)
        return;
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(St))
        if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
          if (const auto *M =
                  dyn_cast<MemberExpr>(stripWrappers(Op->getArg(0))))
            if (M->getMemberDecl() == FD) {
              Found = Op->getArg(1);
              ++Count;
            }
      for (const Stmt *C : St->children())
        Walk(C);
    };
    Walk(Body);
    return Count == 1 ? Found : nullptr;
  }

  /// A Sequential, or a class of the user's derived from one.
  bool isSequence(const CXXRecordDecl *RD) const {
    return derivesFrom(RD, roles::LayerSequence);
  }

  /// Members registered through in-class initialisers only (implicit
  /// constructors register nothing else).
  void readFields(const CXXRecordDecl *RD, const Scope &S,
                  const std::string &Name, Accumulator &Acc, int Depth) {
    std::vector<Registration> Registrations;
    for (const FieldDecl *FD : RD->fields())
      if (const Expr *Init = FD->getInClassInitializer())
        collectRegistrations(Init, false, Registrations);
    for (const Registration &R : Registrations)
      readRegistration(R, S, Name, Acc, Depth);
  }

  void collectRegistrations(const Stmt *St, bool Conditional,
                            std::vector<Registration> &Out) const {
    if (!St || isa<LambdaExpr>(St))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(St)) {
      if (Api.matchCall(Call, roles::ModuleRegistration) ||
          Api.matchCall(Call, roles::ParameterRegistration)) {
        Out.push_back({Call, Conditional, false});
        return; // a registration nested in its argument is read from there
      }
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
        if (isa<CXXThisExpr>(
                stripWrappers(Member->getImplicitObjectArgument()))) {
          if (Api.matchCall(Call, roles::ModuleAppend)) {
            Out.push_back({Call, Conditional, false});
            return;
          }
          // The class's own helper may register layers greenlint would
          // then miss: the size is unknown rather than too small.
          const CXXMethodDecl *M = Member->getMethodDecl();
          if (M && isUserClass(M->getParent()))
            Out.push_back({Call, Conditional, true});
        }
    }
    bool Inner =
        Conditional || isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, IfStmt,
                           SwitchStmt, ConditionalOperator>(St);
    for (const Stmt *Child : St->children())
      collectRegistrations(Child, Inner, Out);
  }

  void readRegistration(const Registration &R, const Scope &S,
                        const std::string &Prefix, Accumulator &Acc,
                        int Depth) {
    const CallExpr *Call = R.Call;
    if (R.Unfollowed) {
      const auto *M = cast<CXXMemberCallExpr>(Call)->getMethodDecl();
      unknown(Acc, Prefix, Call->getBeginLoc(),
              "the constructor calls " + M->getNameAsString() +
                  "(), which may add layers greenlint does not follow");
      return;
    }
    std::string Local = "?";
    if (Api.matchCall(Call, roles::ModuleAppend))
      Local = std::to_string(Acc.Appended++);
    if (Call->getNumArgs() >= 1)
      if (const auto *Lit = dyn_cast<StringLiteral>(
              stripWrappers(Call->getArg(0))->IgnoreImplicit()))
        Local = Lit->getString().str();
    if (const auto *Construct =
            dyn_cast<CXXConstructExpr>(stripWrappers(Call->getArg(0))))
      if (Construct->getNumArgs() >= 1)
        if (const auto *Lit =
                dyn_cast<StringLiteral>(stripWrappers(Construct->getArg(0))))
          Local = Lit->getString().str();
    std::string Name = Prefix.empty() ? Local : Prefix + "." + Local;
    if (R.Conditional) {
      unknown(Acc, Name, Call->getBeginLoc(),
              "registered inside a loop or a branch, so how many times is "
              "not known at compile time");
      return;
    }
    if (Api.matchCall(Call, roles::ParameterRegistration)) {
      readParameter(Call, S, Name, Acc);
      return;
    }
    readModuleExpr(Call->getArg(Call->getNumArgs() - 1), S, Name, Acc,
                   Depth + 1);
  }

  /// register_parameter(name, torch::randn({a, b})): a·b parameters.
  void readParameter(const CallExpr *Call, const Scope &S,
                     const std::string &Name, Accumulator &Acc) {
    const Expr *Tensor =
        Call->getNumArgs() >= 2 ? stripWrappers(Call->getArg(1)) : nullptr;
    const auto *Factory = dyn_cast_or_null<CallExpr>(Tensor);
    std::optional<std::vector<int64_t>> Shape;
    if (Factory && Api.matchCall(Factory, roles::ShapedFactory) &&
        Factory->getNumArgs() >= 1)
      Shape = evaluateIntList(Factory->getArg(0), S.B, Ctx, 1);
    if (!Shape) {
      unknown(Acc, Name, Call->getBeginLoc(),
              "the parameter's shape is not a constant list");
      return;
    }
    uint64_t N = 1;
    for (int64_t D : *Shape)
      N *= uint64_t(D);
    // A free parameter's arithmetic is in forward(), which is not read.
    Acc.Layers.push_back({Name, "parameter", N, std::nullopt});
    unknown(Acc, Name, Call->getBeginLoc(),
            "the FLOPs that use it are in forward(), which greenlint does "
            "not read",
            /*FlopsOnly=*/true);
  }

  void readLayer(llvm::StringRef Role, const CXXRecordDecl *Impl,
                 llvm::ArrayRef<const Expr *> Args, const Scope &S,
                 const std::string &Name, SourceLocation Loc,
                 Accumulator &Acc) {
    LayerResult R = evaluateTorchLayer(Role, Impl, Args, S.B, Acc.Shape, Ctx);
    if (!R.Read) {
      unknown(Acc, Name, Loc, R.Why);
      return;
    }
    Acc.Shape = R.Shape;
    Acc.PerTimeStep = Acc.PerTimeStep || R.PerTimeStep;
    Acc.Layers.push_back({Name, R.Cost.Kind, R.Cost.Parameters, R.Cost.Flops});
    if (!R.Cost.Flops)
      unknown(Acc, Name, Loc, R.Cost.FlopsUnknown, /*FlopsOnly=*/true);
  }

  ModelEstimate finish(const std::string &Model, SourceLocation Loc,
                       const Decl *Key, Accumulator &Acc,
                       const std::optional<std::vector<int64_t>> &Input) {
    ModelEstimate M;
    M.Model = Model;
    M.Framework = "libtorch";
    M.DefinedInCode = true;
    M.Key = Key;
    M.setLocation(Loc, Ctx.getSourceManager());
    M.Layers = std::move(Acc.Layers);
    M.Unknown = std::move(Acc.Unknown);
    M.Unknown.insert(M.Unknown.end(), Acc.FlopsUnknownWhy.begin(),
                     Acc.FlopsUnknownWhy.end());
    uint64_t Params = 0;
    double Flops = 0;
    for (const LayerEstimate &L : M.Layers) {
      Params += L.Parameters.value_or(0);
      Flops += L.Flops.value_or(0);
    }
    if (!Acc.ParametersUnknown)
      M.Parameters = Params;
    if (!Acc.FlopsUnknown)
      M.FlopsPerSample = Flops;
    if (Acc.ForwardFlops)
      M.FlopsPerSample = Acc.ForwardFlops;
    if (Acc.PerTimeStep)
      M.FlopsBasis = "one time step (token) of one sequence";
    else if (Input) {
      std::string S;
      for (int64_t X : *Input)
        S += (S.empty() ? "" : "x") + std::to_string(X);
      M.FlopsBasis = "one " + S + " input";
    } else
      M.FlopsBasis = "one input vector";
    return M;
  }

  ASTContext &Ctx;
  const ApiModel &Api;
};

TorchModuleReader::TorchModuleReader(ASTContext &Ctx, const ApiModel &Api)
    : I(std::make_unique<Impl>(Ctx, Api)) {}

TorchModuleReader::~TorchModuleReader() = default;

bool TorchModuleReader::isModuleClass(const CXXRecordDecl *RD) const {
  return I->isModuleClass(RD);
}

bool TorchModuleReader::isSequence(const CXXRecordDecl *RD) const {
  return I->isSequence(RD);
}

bool TorchModuleReader::isUserClass(const CXXRecordDecl *RD) const {
  return I->isUserClass(RD);
}

const CXXRecordDecl *TorchModuleReader::heldImpl(QualType T) const {
  return I->heldImpl(T);
}

unsigned TorchModuleReader::line(SourceLocation L) const { return I->line(L); }

void TorchModuleReader::readModuleExpr(const Expr *E, const Scope &S,
                                       const std::string &Name,
                                       Accumulator &Acc, int Depth) {
  I->readModuleExpr(E, S, Name, Acc, Depth);
}

void TorchModuleReader::readUserModule(const CXXRecordDecl *RD,
                                       llvm::ArrayRef<const Expr *> Args,
                                       const Scope &Caller,
                                       const std::string &Name,
                                       SourceLocation Loc, Accumulator &Acc,
                                       int Depth) {
  I->readUserModule(RD, Args, Caller, Name, Loc, Acc, Depth);
}

void TorchModuleReader::readForward(const CXXRecordDecl *RD,
                                    const std::vector<int64_t> &Input,
                                    Accumulator &Acc) {
  I->readForward(RD, Input, Acc);
}

ModelEstimate
TorchModuleReader::finish(const std::string &Model, SourceLocation Loc,
                          const Decl *Key, Accumulator &Acc,
                          const std::optional<std::vector<int64_t>> &Input) {
  return I->finish(Model, Loc, Key, Acc, Input);
}

} // namespace torch
} // namespace estimate
} // namespace greenlint
