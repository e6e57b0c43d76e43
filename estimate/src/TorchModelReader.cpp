//===- TorchModelReader.cpp - LibTorch models in the user's code ----------===//
//
// Finds the models: module classes that can be built without arguments,
// constructions with arguments outside module constructors, Sequential
// variables, and the dtypes modules are moved to. TorchModuleReader reads
// each one's layers.
//
//===----------------------------------------------------------------------===//
#include "Readers.h"
#include "TorchForward.h"
#include "TorchLayers.h"
#include "TorchModuleReader.h"
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
namespace {

using torch::Accumulator;
using torch::Scope;
using torch::sourceText;
using torch::TorchModuleReader;

/// Finds the models in the user's declarations: module classes that can be
/// built without arguments, constructions with arguments outside module
/// constructors, Sequential variables, and the dtypes modules are moved to.
class ModelFinder : public RecursiveASTVisitor<ModelFinder> {
public:
  ModelFinder(TorchModuleReader &R, const ApiModel &Api, ASTContext &Ctx)
      : R(R), Api(Api), Ctx(Ctx) {}

  bool TraverseCXXConstructorDecl(CXXConstructorDecl *D) {
    // Constructions inside a module's constructor are its layers.
    if (R.isModuleClass(D->getParent()))
      return true;
    const FunctionDecl *Saved = Current;
    Current = D;
    bool Ok = RecursiveASTVisitor::TraverseCXXConstructorDecl(D);
    Current = Saved;
    return Ok;
  }

  bool TraverseFunctionDecl(FunctionDecl *D) {
    const FunctionDecl *Saved = Current;
    Current = D;
    bool Ok = RecursiveASTVisitor::TraverseFunctionDecl(D);
    Current = Saved;
    return Ok;
  }

  bool TraverseCXXMethodDecl(CXXMethodDecl *D) {
    const FunctionDecl *Saved = Current;
    Current = D;
    bool Ok = RecursiveASTVisitor::TraverseCXXMethodDecl(D);
    Current = Saved;
    return Ok;
  }

  bool VisitCXXRecordDecl(CXXRecordDecl *RD) {
    if (!RD->isThisDeclarationADefinition() || RD->isDependentContext() ||
        !R.isUserClass(RD) || !RD->getIdentifier() || !R.isModuleClass(RD))
      return true;
    bool Default = false;
    for (const CXXConstructorDecl *C : RD->ctors())
      if (!C->isCopyOrMoveConstructor() && C->getMinRequiredArguments() == 0)
        Default = true;
    if (!Default && RD->needsImplicitDefaultConstructor())
      Default = true;
    if (!Default)
      return true;
    Accumulator Acc;
    Scope S;
    // A class derived from Sequential may state its input like a variable.
    auto Input = declaredInputShape(RD, Ctx);
    Acc.Shape = Input;
    R.readUserModule(RD, {}, S, "", RD->getLocation(), Acc, 0);
    // Any other class with a declared input: follow its forward().
    if (Input && !R.isSequence(RD) && !Acc.ParametersUnknown &&
        Acc.FlopsUnknown)
      R.readForward(RD, *Input, Acc);
    Models.push_back(
        R.finish(RD->getNameAsString(), RD->getLocation(), RD, Acc, Input));
    Estimated.insert(RD);
    return true;
  }

  bool VisitVarDecl(VarDecl *VD) {
    if (!Current || !VD->getInit() || isa<ParmVarDecl>(VD))
      return true;
    const Expr *Init = stripWrappers(VD->getInit());
    const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
    if (!Construct)
      return true;
    const CXXRecordDecl *Impl = R.heldImpl(VD->getType());
    if (!Impl ||
        !Api.matchType(recordTypeOf(Ctx, Impl), roles::LayerSequence) ||
        Construct->getNumArgs() == 0)
      return true;
    Seen.insert(Construct);
    Accumulator Acc;
    auto Input = declaredInputShape(VD, Ctx);
    Acc.Shape = Input;
    Scope S;
    R.readModuleExpr(Construct, S, "", Acc, 0);
    if (unsigned Line = appendedLine(VD))
      Acc.Unknown.push_back("layers are appended to '" + VD->getNameAsString() +
                            "' at line " + std::to_string(Line) +
                            ", which greenlint does not follow");
    Models.push_back(
        R.finish(VD->getNameAsString(), VD->getLocation(), VD, Acc, Input));
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (!Current || Seen.count(E))
      return true;
    const CXXConstructorDecl *Ctor = E->getConstructor();
    if (!Ctor || Ctor->isCopyOrMoveConstructor())
      return true;
    const CXXRecordDecl *Impl = R.heldImpl(E->getType());
    if (!Impl)
      Impl = E->getType()->getAsCXXRecordDecl();
    if (!Impl || !R.isUserClass(Impl) || !R.isModuleClass(Impl))
      return true;
    if (E->getNumArgs() == 1 && E->getArg(0)->getType()->isNullPtrType())
      return true;
    addInstance(Impl, E, E->arguments());
    return true;
  }

  /// A model class defined in a header the lint does not cover, built
  /// without arguments here: estimated once, at its first construction.
  void addHeaderClass(const CXXRecordDecl *Impl, const Expr *At) {
    Impl = Impl->getDefinition();
    if (!Impl || Estimated.count(Impl) || Impl->isDependentContext())
      return;
    Estimated.insert(Impl);
    Accumulator Acc;
    Scope S;
    R.readUserModule(Impl, {}, S, "", At->getBeginLoc(), Acc, 0);
    ModelEstimate M = R.finish(Impl->getNameAsString(), At->getBeginLoc(), Impl,
                               Acc, std::nullopt);
    // Warnings point at the construction; the facts name the definition,
    // the same in every file that builds it.
    ModelEstimate Where;
    Where.setLocation(Impl->getLocation(), Ctx.getSourceManager());
    M.File = Where.File;
    M.Line = Where.Line;
    Models.push_back(std::move(M));
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (!Current)
      return true;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      recordConversion(Member);
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD || !FD->getIdentifier() || FD->getName() != "make_shared" ||
        !FD->isInStdNamespace())
      return true;
    const auto *TArgs = FD->getTemplateSpecializationArgs();
    if (!TArgs || TArgs->size() < 1 ||
        TArgs->get(0).getKind() != TemplateArgument::Type)
      return true;
    const CXXRecordDecl *Impl = TArgs->get(0).getAsType()->getAsCXXRecordDecl();
    if (!Impl || !R.isUserClass(Impl) || !R.isModuleClass(Impl))
      return true;
    addInstance(Impl, Call, Call->arguments());
    return true;
  }

  template <typename Range>
  void addInstance(const CXXRecordDecl *Impl, const Expr *At, Range Args) {
    std::vector<const Expr *> List;
    std::string Text;
    for (const Expr *A : Args) {
      if (isa<CXXDefaultArgExpr>(A))
        continue;
      List.push_back(A);
      Text += (Text.empty() ? "" : ", ") + sourceText(A, Ctx);
    }
    if (List.empty()) {
      addHeaderClass(Impl, At);
      return;
    }
    Accumulator Acc;
    Scope S;
    R.readUserModule(Impl, List, S, "", At->getBeginLoc(), Acc, 0);
    Models.push_back(R.finish(Impl->getNameAsString() + "(" + Text + ")",
                              At->getBeginLoc(), Impl, Acc, std::nullopt));
  }

  /// module->to(torch::kHalf): the dtype the model's weights are used in.
  void recordConversion(const CXXMemberCallExpr *Call) {
    if (!Api.matchCall(Call, roles::ModuleConversion))
      return;
    for (const Expr *Arg : Call->arguments()) {
      const auto *Ref = dyn_cast<DeclRefExpr>(stripWrappers(Arg));
      if (!Ref)
        continue;
      // A model's dtype may sit in the user's own constant too.
      const ValueDecl *V =
          followConstants(Ref, /*SystemOnly=*/false, Ctx.getSourceManager());
      static const std::pair<llvm::StringLiteral,
                             std::pair<const char *, unsigned>>
          Dtypes[] = {{roles::DtypeFloat64, {"float64", 8}},
                      {roles::DtypeFloat32, {"float32", 4}},
                      {roles::DtypeFloat16, {"float16", 2}},
                      {roles::DtypeBFloat16, {"bfloat16", 2}}};
      for (const auto &[Role, Dtype] : Dtypes)
        if (V && Api.matchValue(V, Role)) {
          // The object as written, before its conversion to Module.
          const Expr *Object = stripWrappers(Call->getImplicitObjectArgument());
          const Decl *Key = nullptr;
          if (const CXXRecordDecl *RD =
                  Object->getType()->getPointeeCXXRecordDecl())
            Key = RD;
          else if (const CXXRecordDecl *RD2 =
                       Object->getType()->getAsCXXRecordDecl())
            Key = RD2;
          if (Key && Api.matchType(recordTypeOf(Ctx, cast<CXXRecordDecl>(Key)),
                                   roles::LayerSequence))
            Key = referencedVariable(Object);
          if (Key)
            Conversions[Key] = {Dtype.first, Dtype.second};
        }
    }
  }

  static const Decl *referencedVariable(const Expr *E) {
    E = stripWrappers(E);
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
      if (Op->getNumArgs() >= 1)
        return referencedVariable(Op->getArg(0));
    if (const auto *U = dyn_cast<UnaryOperator>(E))
      return referencedVariable(U->getSubExpr());
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl();
    return nullptr;
  }

  /// The line of a push_back/extend/insert on \p VD's Sequential, or 0.
  unsigned appendedLine(const VarDecl *VD) const {
    if (!Current || !Current->getBody())
      return 0;
    unsigned Found = 0;
    std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
      if (!S || Found)
        return;
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
        if (const CXXMethodDecl *M = Call->getMethodDecl())
          if (M->getIdentifier() &&
              (M->getName() == "push_back" || M->getName() == "extend" ||
               M->getName() == "insert") &&
              referencedVariable(Call->getImplicitObjectArgument()) == VD)
            Found = R.line(Call->getBeginLoc());
      for (const Stmt *C : S->children())
        Walk(C);
    };
    Walk(Current->getBody());
    return Found;
  }

  std::vector<ModelEstimate> Models;
  llvm::DenseMap<const Decl *, std::pair<std::string, unsigned>> Conversions;

private:
  TorchModuleReader &R;
  const ApiModel &Api;
  ASTContext &Ctx;
  const FunctionDecl *Current = nullptr;
  llvm::SmallPtrSet<const Expr *, 8> Seen;
  /// Classes with an estimate already: their own, or a first construction.
  llvm::SmallPtrSet<const CXXRecordDecl *, 8> Estimated;
};

} // namespace

std::vector<ModelEstimate> readTorchModels(ASTContext &Ctx,
                                           const std::vector<Decl *> &UserDecls,
                                           const ApiModel &Api) {
  TorchModuleReader R(Ctx, Api);
  ModelFinder Finder(R, Api, Ctx);
  for (Decl *D : UserDecls)
    Finder.TraverseDecl(D);
  for (ModelEstimate &M : Finder.Models) {
    auto It = Finder.Conversions.find(M.Key);
    if (It != Finder.Conversions.end()) {
      M.Dtype = It->second.first;
      M.BytesPerParameter = It->second.second;
    }
  }
  return std::move(Finder.Models);
}

} // namespace estimate
} // namespace greenlint
