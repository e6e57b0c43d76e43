//===- OptimizerParameters.cpp - What each optimizer updates --------------===//
#include "OptimizerParameters.h"
#include "CallParts.h"
#include "ParentStatements.h"
#include "greenlint/apis/ApiModel.h"
#include "greenlint/estimate/EstimateRoles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

namespace {

/// Parameter vectors built from vectors built from ...: deeper chains are
/// not seen in real code and are treated as unknown.
constexpr unsigned MaxDepth = 4;

/// What a statement does with a container of tensors.
enum class ContainerUse { Reads, Adds, Unknown };

ContainerUse containerMethodUse(llvm::StringRef Name, bool IsConst) {
  static constexpr llvm::StringLiteral Adding[] = {
      "push_back", "emplace_back", "insert", "emplace", "assign"};
  // Iterators, sizes and element reads; clear, reserve and erase add nothing.
  static constexpr llvm::StringLiteral Reading[] = {
      "begin", "end",        "size", "reserve", "clear", "pop_back",
      "erase", "operator[]", "at",   "front",   "back"};
  if (IsConst || llvm::is_contained(Reading, Name))
    return ContainerUse::Reads;
  if (llvm::is_contained(Adding, Name))
    return ContainerUse::Adds;
  return ContainerUse::Unknown;
}

class ParameterSetReader {
public:
  ParameterSetReader(const FunctionDecl &Fn, const ApiModel &Api,
                     ASTContext &Ctx, OptimizerParameterSet &Set)
      : Fn(Fn), Api(Api), Ctx(Ctx), SM(Ctx.getSourceManager()), Set(Set) {}

  /// Adds what \p E hands to an optimizer; false when it is not understood.
  bool readExpr(const Expr *E, unsigned Depth) {
    if (!E)
      return true;
    llvm::SmallPtrSet<const VarDecl *, 4> Owners;
    for (const Expr *A : findApiCalls(*E, roles::ParametersAccess, Api, Ctx)) {
      const auto *C = dyn_cast<CallExpr>(A);
      const VarDecl *Owner =
          C ? objectRoot(calleeObject(C), ThroughCopies::Yes) : nullptr;
      if (!Owner)
        return false;
      Owners.insert(Owner);
      Set.Modules.insert(Owner);
    }
    // A function of the project may return any module's parameters.
    for (const auto &M : match(findAll(callExpr().bind("c")), *E, Ctx)) {
      const auto *C = M.getNodeAs<CallExpr>("c");
      const FunctionDecl *Callee = C->getDirectCallee();
      if (!Callee || !SM.isInSystemHeader(Callee->getLocation()))
        return false;
    }
    for (const VarDecl *V : refsIn(E))
      if (!Owners.count(V) && !readVar(V, Depth))
        return false;
    return true;
  }

  /// Modules of the function composed with the updated ones: a Sequential
  /// built from the backbone, a handle on a member of the model, a module
  /// registered into one. Updating the whole updates the parts.
  void addComposedModules() {
    if (!Fn.getBody())
      return;
    std::vector<const VarDecl *> Locals;
    for (const auto &M : match(
             stmt(forEachDescendant(varDecl(hasInitializer(expr())).bind("v"))),
             *Fn.getBody(), Ctx)) {
      const auto *V = M.getNodeAs<VarDecl>("v");
      if (isModule(V->getType().getNonReferenceType()))
        Locals.push_back(V);
    }
    for (bool Grew = true; Grew;) {
      Grew = false;
      for (const VarDecl *V : Locals) {
        bool In = Set.Modules.count(V);
        for (const VarDecl *Other : refsIn(V->getInit())) {
          if (!isModule(Other->getType().getNonReferenceType()))
            continue;
          // V made from Other: whichever is updated, so is the other.
          if (In && Set.Modules.insert(Other).second)
            Grew = true;
          if (!In && Set.Modules.count(Other)) {
            Set.Modules.insert(V);
            In = Grew = true;
          }
        }
      }
      // `Whole->push_back(Part)`, `Whole->register_module("p", Part)`.
      for (const auto &M :
           match(findAll(cxxMemberCallExpr().bind("c")), *Fn.getBody(), Ctx)) {
        const auto *Call = M.getNodeAs<CXXMemberCallExpr>("c");
        if (!Set.Modules.count(objectRoot(Call->getImplicitObjectArgument())) ||
            !(Api.matchCall(Call, estimate::roles::ModuleRegistration) ||
              Api.matchCall(Call, estimate::roles::ModuleAppend)))
          continue;
        for (const Expr *Arg : Call->arguments())
          for (const VarDecl *Part : refsIn(Arg))
            if (isModule(Part->getType().getNonReferenceType()) &&
                Set.Modules.insert(Part).second)
              Grew = true;
      }
    }
  }

private:
  std::vector<const VarDecl *> refsIn(const Stmt *S) {
    std::vector<const VarDecl *> Vars;
    if (S)
      for (const auto &M :
           match(findAll(declRefExpr(to(varDecl().bind("v")))), *S, Ctx))
        Vars.push_back(M.getNodeAs<VarDecl>("v"));
    return Vars;
  }

  bool readVar(const VarDecl *V, unsigned Depth) {
    if (!Visited.insert(V).second)
      return true;
    if (Depth > MaxDepth)
      return false;
    QualType T = V->getType().getNonReferenceType();
    if (T->isArithmeticType() || T->isEnumeralType() ||
        (V->hasGlobalStorage() && T.isConstQualified()))
      return true; // learning rates, betas, constants such as c10::nullopt
    if (Api.matchType(T, roles::OptimizerOptions))
      return true; // options hold numbers only
    if (isModule(T)) {
      // `Adam({Model->Fc->weight})`: some of its parameters.
      Set.Modules.insert(V);
      return true;
    }
    if (const CXXForRangeStmt *For = rangeLoopOf(V))
      return readExpr(For->getRangeInit(), Depth + 1);
    if (Api.matchType(T, roles::TensorType))
      return readTensor(V, Depth);
    if (V->isLocalVarDecl() && !V->isStaticLocal() && T->isRecordType())
      return readContainer(V, Depth);
    return false;
  }

  /// A tensor is one of a module's parameters only when it is made from
  /// one: from parameters(), a module's field, or another such tensor.
  /// Images, noise and inputs read from files are plain tensors.
  bool readTensor(const VarDecl *V, unsigned Depth) {
    if (V->hasGlobalStorage())
      return false;
    size_t ModulesBefore = Set.Modules.size();
    if (const Expr *Init = V->getInit()) {
      for (const Expr *A :
           findApiCalls(*Init, roles::ParametersAccess, Api, Ctx)) {
        const auto *C = dyn_cast<CallExpr>(A);
        const VarDecl *Owner =
            C ? objectRoot(calleeObject(C), ThroughCopies::Yes) : nullptr;
        if (!Owner)
          return false;
        Set.Modules.insert(Owner);
      }
      for (const VarDecl *Source : refsIn(Init)) {
        QualType ST = Source->getType().getNonReferenceType();
        if (Source == V || !Visited.insert(Source).second)
          continue;
        if (isModule(ST))
          Set.Modules.insert(Source);
        else if (Api.matchType(ST, roles::TensorType) ||
                 (Source->isLocalVarDecl() && ST->isRecordType() &&
                  isTensorContainer(ST)))
          // Handles on other tensors (or an element of a vector) share
          // whatever those are.
          if (!(Api.matchType(ST, roles::TensorType)
                    ? readTensor(Source, Depth + 1)
                    : readContainer(Source, Depth + 1)))
            return false;
      }
    }
    if (Set.Modules.size() == ModulesBefore)
      Set.Tensors.insert(V);
    return true;
  }

  /// A local vector of tensors or parameter groups: what it is built from
  /// and everything added to it anywhere in the function.
  bool readContainer(const VarDecl *V, unsigned Depth) {
    if (!V->isLocalVarDecl() || !Fn.getBody())
      return false;
    if (!readExpr(V->getInit(), Depth + 1))
      return false;
    for (const auto &M :
         match(findAll(declRefExpr(to(varDecl(equalsNode(V)))).bind("ref")),
               *Fn.getBody(), Ctx)) {
      const auto *Ref = M.getNodeAs<DeclRefExpr>("ref");
      if (!readContainerUse(Ref, V, Depth))
        return false;
    }
    return true;
  }

  bool readContainerUse(const DeclRefExpr *Ref, const VarDecl *V,
                        unsigned Depth) {
    const Stmt *Child = Ref;
    const Stmt *P = parentStmt(Ref, Ctx);
    while (isa_and_nonnull<ImplicitCastExpr, ParenExpr>(P)) {
      Child = P;
      P = parentStmt(P, Ctx);
    }
    if (!P)
      return false;
    if (const auto *ME = dyn_cast<MemberExpr>(P)) {
      const auto *Call =
          dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(ME, Ctx));
      const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
      if (!Call || !MD)
        return false;
      switch (containerMethodUse(MD->getName(), MD->isConst())) {
      case ContainerUse::Reads:
        return true;
      case ContainerUse::Unknown:
        return false;
      case ContainerUse::Adds:
        for (const Expr *Arg : Call->arguments())
          if (!readAdded(Arg, V, Depth))
            return false;
        return true;
      }
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
      if (Op->getOperator() == OO_Subscript)
        return true;
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
          Op->getArg(0)->IgnoreParenImpCasts() == Ref)
        return readAdded(Op->getArg(1), V, Depth);
      return false;
    }
    // Read as a whole: iterated, copied into another vector or into an
    // optimizer, passed by value or by const reference.
    if (const auto *For = dyn_cast<CXXForRangeStmt>(P))
      return For->getRangeInit() == Child;
    if (isa<CXXConstructExpr, InitListExpr>(P))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      for (unsigned I = 0; Callee && I < Call->getNumArgs(); ++I)
        if (Call->getArg(I) == Child && I < Callee->getNumParams()) {
          QualType PT = Callee->getParamDecl(I)->getType();
          return !PT->isReferenceType() ||
                 PT.getNonReferenceType().isConstQualified();
        }
      return false;
    }
    return false;
  }

  /// An argument of push_back or insert: other than the container's own
  /// iterators, what it adds.
  bool readAdded(const Expr *Arg, const VarDecl *Container, unsigned Depth) {
    const auto *Self = dyn_cast<CXXMemberCallExpr>(Arg->IgnoreImplicit());
    if (Self && objectRoot(Self->getImplicitObjectArgument()) == Container)
      return true; // Params.end()
    return readExpr(Arg, Depth + 1);
  }

  /// The range-for whose loop variable \p V is, or null.
  const CXXForRangeStmt *rangeLoopOf(const VarDecl *V) {
    if (!V->isLocalVarDecl())
      return nullptr;
    for (const DynTypedNode &P : Ctx.getParents(*V))
      if (const auto *DS = P.get<DeclStmt>())
        if (const auto *For =
                dyn_cast_or_null<CXXForRangeStmt>(parentStmt(DS, Ctx)))
          if (For->getLoopVariable() == V)
            return For;
    return nullptr;
  }

  bool isTensorContainer(QualType T) {
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        T->getAsCXXRecordDecl());
    if (!Spec || Spec->getTemplateArgs().size() < 1 ||
        Spec->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
      return false;
    return Api.matchType(Spec->getTemplateArgs()[0].getAsType(),
                         roles::TensorType) != nullptr;
  }

  /// A module, a handle on one (ModuleHolder, shared_ptr) or a TorchScript
  /// module.
  bool isModule(QualType T, unsigned Level = 0) {
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD || Level > MaxDepth || !RD->hasDefinition())
      return false;
    if (Api.matchType(T, estimate::roles::ModuleBase) ||
        Api.matchType(T, roles::ParametricModule) ||
        Api.matchType(T, estimate::roles::ModuleHolder))
      return true;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD))
      if (Spec->getTemplateArgs().size() >= 1 &&
          Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
          isModule(Spec->getTemplateArgs()[0].getAsType(), Level + 1))
        return !isTensorContainer(T);
    for (const CXXBaseSpecifier &Base : RD->getDefinition()->bases())
      if (isModule(Base.getType(), Level + 1))
        return true;
    return false;
  }

  const FunctionDecl &Fn;
  const ApiModel &Api;
  ASTContext &Ctx;
  const SourceManager &SM;
  OptimizerParameterSet &Set;
  llvm::SmallPtrSet<const VarDecl *, 8> Visited;
};

} // namespace

OptimizerParameterSet optimizerParameters(const VarDecl *Optimizer,
                                          const FunctionDecl &Fn,
                                          const ApiModel &Api,
                                          ASTContext &Ctx) {
  OptimizerParameterSet Set;
  if (!Optimizer || !Optimizer->isLocalVarDecl() ||
      Optimizer->isStaticLocal() || !Optimizer->getInit())
    return Set;
  ParameterSetReader Reader(Fn, Api, Ctx, Set);
  Set.Known = Reader.readExpr(Optimizer->getInit(), 0);
  if (Set.Known)
    Reader.addComposedModules();
  return Set;
}

OptimizerParameterSet optimizerParametersOf(const Expr *Stepped,
                                            const FunctionDecl &Fn,
                                            const ApiModel &Api,
                                            ASTContext &Ctx) {
  return optimizerParameters(Stepped ? objectRoot(Stepped, ThroughCopies::Yes)
                                     : nullptr,
                             Fn, Api, Ctx);
}

} // namespace greenlint
