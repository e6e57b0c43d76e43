//===- DevicePaths.cpp ----------------------------------------------------===//
#include "DevicePaths.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

using namespace clang;

namespace greenlint {

namespace {

/// A place and the expression that decided it.
struct Answer {
  DevicePlace Place = DevicePlace::Host;
  const Expr *Why = nullptr;
  void join(const Answer &A) {
    if (A.Place > Place)
      *this = A;
  }
};

/// What the TU does to a variable or field.
struct Use {
  enum KindType {
    Write,  ///< `V = E` or a constructor's member initializer: E
    Move,   ///< an in-place move of a module (`M->to(D)`)
    Setup,  ///< an accelerator setup call on V
    Layers, ///< `V.n_gpu_layers = E`: E
  } Kind;
  const Expr *E;
};

const Expr *strip(const Expr *E) {
  while (E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *C = dyn_cast<ExprWithCleanups>(E))
      E = C->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else
      return E;
  }
  return E;
}

/// The variable or field an object expression names: `M`, `M->`, `*M`,
/// `this->M`, `Batch.data` (Batch).
const ValueDecl *rootDecl(const Expr *E) {
  for (int Depth = 0; E && Depth < 8; ++Depth) {
    E = strip(E);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return dyn_cast<VarDecl>(Ref->getDecl());
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (Op->getOperator() != OO_Arrow && Op->getOperator() != OO_Star)
        return nullptr;
      E = Op->getArg(0);
    } else if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() != UO_Deref && U->getOpcode() != UO_AddrOf)
        return nullptr;
      E = U->getSubExpr();
    } else if (const auto *M = dyn_cast<MemberExpr>(E)) {
      if (isa<CXXThisExpr>(strip(M->getBase())))
        return dyn_cast<FieldDecl>(M->getMemberDecl());
      E = M->getBase();
    } else {
      return nullptr;
    }
  }
  return nullptr;
}

class Indexer : public RecursiveASTVisitor<Indexer> {
public:
  Indexer(const ApiModel &Api, const SourceManager &SM,
          llvm::DenseMap<const Decl *, std::vector<const Expr *>> &Callers,
          llvm::DenseMap<const ValueDecl *, std::vector<Use>> &Uses)
      : Api(Api), SM(SM), Callers(Callers), Uses(Uses) {}

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && D->getLocation().isValid() &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitCallExpr(CallExpr *CE) {
    if (const FunctionDecl *FD = CE->getDirectCallee())
      Callers[FD->getCanonicalDecl()].push_back(CE);
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
      if (Api.matchCall(CE, roles::ModuleConversion))
        add(MC->getImplicitObjectArgument(), Use::Move, CE);
      else if (Api.matchCall(CE, roles::AcceleratorSetup))
        add(MC->getImplicitObjectArgument(), Use::Setup, CE);
    } else if (CE->getNumArgs() && Api.matchCall(CE, roles::AcceleratorSetup)) {
      add(CE->getArg(0), Use::Setup, CE);
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(CE))
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        assign(Op->getArg(0), Op->getArg(1));
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    Callers[CE->getConstructor()->getCanonicalDecl()].push_back(CE);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign)
      assign(BO->getLHS(), BO->getRHS());
    return true;
  }

  bool VisitCXXConstructorDecl(CXXConstructorDecl *Ctor) {
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (FieldDecl *F = Init->getMember())
        Uses[F].push_back({Use::Write, Init->getInit()});
    return true;
  }

private:
  void add(const Expr *Object, Use::KindType Kind, const Expr *E) {
    if (const ValueDecl *D = rootDecl(Object))
      Uses[D].push_back({Kind, E});
  }
  void assign(const Expr *LHS, const Expr *RHS) {
    const Expr *L = strip(LHS);
    if (const auto *M = dyn_cast<MemberExpr>(L))
      if (Api.matchValue(M->getMemberDecl(), roles::AcceleratorLayers)) {
        add(M->getBase(), Use::Layers, RHS);
        return;
      }
    // A field counts whatever object holds it (`Options.Device = kCUDA`).
    if (const auto *M = dyn_cast<MemberExpr>(L)) {
      if (const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl()))
        Uses[F].push_back({Use::Write, RHS});
    } else if (isa<DeclRefExpr>(L)) {
      add(L, Use::Write, RHS);
    }
  }

  const ApiModel &Api;
  const SourceManager &SM;
  llvm::DenseMap<const Decl *, std::vector<const Expr *>> &Callers;
  llvm::DenseMap<const ValueDecl *, std::vector<Use>> &Uses;
};

} // namespace

class DevicePaths::Impl {
public:
  Impl(const ApiModel &Api, ASTContext &Ctx)
      : Api(Api), Ctx(Ctx), SM(Ctx.getSourceManager()) {}

  Answer place(const Expr *E, unsigned Depth);
  const Expr *Last = nullptr;

private:
  Answer placeOfDecl(const ValueDecl *D, unsigned Depth);
  Answer placeOfCall(const CallExpr *CE, unsigned Depth);
  Answer moveTarget(const CallExpr *CE, unsigned Depth);
  Answer setup(const CallExpr *CE);
  Answer children(const Stmt *S, unsigned Depth);
  bool isDeviceValue(const Expr *E);
  void index() {
    if (Indexed)
      return;
    Indexed = true;
    Indexer(Api, SM, Callers, Uses).TraverseAST(Ctx);
  }

  const ApiModel &Api;
  ASTContext &Ctx;
  const SourceManager &SM;
  bool Indexed = false;
  llvm::DenseMap<const Decl *, std::vector<const Expr *>> Callers;
  llvm::DenseMap<const ValueDecl *, std::vector<Use>> Uses;
  /// Answers per variable; an entry in progress reads as Host, so a cycle
  /// adds nothing.
  llvm::DenseMap<const ValueDecl *, Answer> Memo;
};

static constexpr unsigned MaxDepth = 24;

Answer DevicePaths::Impl::children(const Stmt *S, unsigned Depth) {
  Answer A;
  for (const Stmt *Child : S->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      A.join(place(CE, Depth + 1));
  return A;
}

bool DevicePaths::Impl::isDeviceValue(const Expr *E) {
  QualType T = E->getType().getNonReferenceType();
  if (Api.matchType(T, roles::DeviceType))
    return true;
  const auto *ET = T->getAs<EnumType>();
  if (!ET)
    return false;
  for (const EnumConstantDecl *C : ET->getDecl()->enumerators())
    if (Api.matchValue(C, roles::CudaDevice) ||
        Api.matchValue(C, roles::CpuDevice))
      return true;
  return false;
}

Answer DevicePaths::Impl::moveTarget(const CallExpr *CE, unsigned Depth) {
  // No argument: the current CUDA device (`cuda()`).
  if (CE->getNumArgs() == 0 || isa<CXXDefaultArgExpr>(CE->getArg(0)))
    return {DevicePlace::Device, CE};
  const Expr *Arg = CE->getArg(0);
  QualType T = Arg->getType().getNonReferenceType();
  if (isDeviceValue(Arg) || T->isRecordType() || T->isPointerType()) {
    Answer A = place(Arg, Depth + 1);
    if (A.Place == DevicePlace::Device)
      A.Why = CE;
    return A;
  }
  return {DevicePlace::Host, nullptr};
}

Answer DevicePaths::Impl::setup(const CallExpr *CE) {
  // An accelerator unless the call only names enumerators that are not CUDA
  // (setPreferableBackend(DNN_BACKEND_OPENCV)).
  unsigned First = isa<CXXMemberCallExpr>(CE) ? 0 : 1;
  for (unsigned I = First; I < CE->getNumArgs(); ++I) {
    const auto *Ref = dyn_cast<DeclRefExpr>(strip(CE->getArg(I)));
    if (!Ref || !isa<EnumConstantDecl>(Ref->getDecl()) ||
        Api.matchValue(Ref->getDecl(), roles::CudaDevice))
      return {DevicePlace::Device, CE};
  }
  return {DevicePlace::Host, nullptr};
}

Answer DevicePaths::Impl::placeOfDecl(const ValueDecl *D, unsigned Depth) {
  auto It = Memo.find(D);
  if (It != Memo.end())
    return It->second;
  Memo[D] = Answer{};
  index();
  Answer A;
  bool Decided = false;
  if (const auto *Parm = dyn_cast<ParmVarDecl>(D)) {
    const auto *Fn = dyn_cast<FunctionDecl>(Parm->getDeclContext());
    auto Calls = Fn ? Callers.find(Fn->getCanonicalDecl()) : Callers.end();
    unsigned Index = Parm->getFunctionScopeIndex();
    if (Calls != Callers.end())
      for (const Expr *Call : Calls->second) {
        const Expr *Arg = nullptr;
        if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call)) {
          unsigned Offset = isa<CXXMethodDecl>(Fn) ? 1 : 0;
          if (Index + Offset < Op->getNumArgs())
            Arg = Op->getArg(Index + Offset);
        } else if (const auto *CE = dyn_cast<CallExpr>(Call)) {
          if (Index < CE->getNumArgs())
            Arg = CE->getArg(Index);
        } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Call)) {
          if (Index < Ctor->getNumArgs())
            Arg = Ctor->getArg(Index);
        }
        if (Arg) {
          A.join(place(Arg, Depth + 1));
          Decided = true;
        }
      }
    if (!Decided && Parm->hasDefaultArg() &&
        !Parm->hasUninstantiatedDefaultArg())
      A.join(place(Parm->getDefaultArg(), Depth + 1));
    else if (!Decided)
      A.join({DevicePlace::Unknown, nullptr});
  } else if (const auto *Var = dyn_cast<VarDecl>(D)) {
    if (const Expr *Init = Var->getInit())
      A.join(place(Init, Depth + 1));
    else if (!Var->hasLocalStorage() &&
             !SM.isInSystemHeader(Var->getLocation()))
      A.join({DevicePlace::Unknown, nullptr});
  }
  auto U = Uses.find(D);
  if (U != Uses.end())
    for (const Use &Each : U->second) {
      const auto *CE = dyn_cast<CallExpr>(Each.E);
      switch (Each.Kind) {
      case Use::Write:
        A.join(place(Each.E, Depth + 1));
        break;
      case Use::Move:
        A.join(moveTarget(CE, Depth));
        break;
      case Use::Setup:
        A.join(setup(CE));
        break;
      case Use::Layers: {
        Expr::EvalResult Value;
        bool Zero =
            Each.E->EvaluateAsInt(Value, Ctx) && Value.Val.getInt() == 0;
        if (!Zero)
          A.join({DevicePlace::Device, Each.E});
        break;
      }
      }
    }
  // A field without a default nothing here writes is set elsewhere (or
  // stays default-built; we cannot tell).
  if (const auto *F = dyn_cast<FieldDecl>(D)) {
    if (const Expr *Default = F->getInClassInitializer())
      A.join(place(Default, Depth + 1));
    else if (U == Uses.end())
      A.join({DevicePlace::Unknown, nullptr});
  }
  Memo[D] = A;
  return A;
}

Answer DevicePaths::Impl::placeOfCall(const CallExpr *CE, unsigned Depth) {
  if (Api.matchCall(CE, roles::HostCopy))
    return {};
  const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
  if (MC && (Api.matchCall(CE, roles::DeviceTransfer) ||
             Api.matchCall(CE, roles::CudaTransfer))) {
    Answer Target = moveTarget(CE, Depth);
    // A dtype conversion keeps the device of the object.
    if (CE->getNumArgs() && !isDeviceValue(CE->getArg(0)) &&
        !CE->getArg(0)->getType()->isRecordType())
      return place(MC->getImplicitObjectArgument(), Depth + 1);
    return Target;
  }
  Answer A = children(CE, Depth);
  // The project's own function is not followed inside: its result is taken
  // to be where its inputs (object, arguments) are, as for a module's
  // forward; one without inputs returns something this path cannot see.
  if (const FunctionDecl *FD = CE->getDirectCallee())
    if (FD->hasBody() && !SM.isInSystemHeader(FD->getLocation()) &&
        CE->getNumArgs() == 0 && !MC)
      A.join({DevicePlace::Unknown, nullptr});
  return A;
}

Answer DevicePaths::Impl::place(const Expr *E, unsigned Depth) {
  E = strip(E);
  if (!E || Depth > MaxDepth)
    return {DevicePlace::Unknown, nullptr};
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = Ref->getDecl();
    if (isa<EnumConstantDecl>(D)) {
      if (Api.matchValue(D, roles::CudaDevice))
        return {DevicePlace::Device, E};
      return {};
    }
    if (isa<VarDecl>(D))
      return placeOfDecl(D, Depth);
    return {};
  }
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl());
    if (F && isa<CXXThisExpr>(strip(M->getBase())))
      return placeOfDecl(F, Depth);
    Answer A = place(M->getBase(), Depth + 1);
    // The project's own fields are written through any object; a framework's
    // (Example::data) follow the object.
    if (F && !SM.isInSystemHeader(F->getLocation()))
      A.join(placeOfDecl(F, Depth));
    return A;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E))
    return placeOfCall(CE, Depth);
  if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E)) {
    if (Api.matchType(Ctor->getType(), roles::DeviceType) && Ctor->getNumArgs())
      if (const auto *S =
              dyn_cast<clang::StringLiteral>(strip(Ctor->getArg(0)))) {
        if (S->getCharByteWidth() == 1 && S->getString().starts_with("cpu"))
          return {};
        return {DevicePlace::Device, E};
      }
    return children(Ctor, Depth);
  }
  if (const auto *C = dyn_cast<AbstractConditionalOperator>(E)) {
    Answer A = place(C->getTrueExpr(), Depth + 1);
    A.join(place(C->getFalseExpr(), Depth + 1));
    return A;
  }
  if (isa<CXXThisExpr>(E))
    return {DevicePlace::Unknown, nullptr};
  if (isa<LambdaExpr>(E) || isa<clang::StringLiteral>(E))
    return {};
  return children(E, Depth);
}

DevicePaths::DevicePaths(const ApiModel &Api, ASTContext &Ctx)
    : P(std::make_unique<Impl>(Api, Ctx)) {}
DevicePaths::~DevicePaths() = default;

DevicePlace DevicePaths::placeOf(const Expr *E) {
  Answer A = P->place(E, 0);
  P->Last = A.Place == DevicePlace::Device ? A.Why : nullptr;
  return A.Place;
}

const Expr *DevicePaths::evidence() const { return P->Last; }

DevicePlace DevicePaths::deviceChoice(const Expr *E) { return placeOf(E); }

} // namespace greenlint
