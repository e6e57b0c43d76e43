//===- SweepConfigurationFlow.cpp -----------------------------------------===//
#include "SweepConfigurationFlow.h"
#include "TrainingLoop.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

namespace {

/// Booster settings that change how fast or where a run goes, not what it
/// learns: a counter over them is a benchmark, not a sweep.
bool isRuntimeSetting(StringRef Key) {
  static constexpr llvm::StringLiteral Keys[] = {
      "nthread",     "nthreads", "n_jobs",    "num_threads",  "num_thread",
      "verbosity",   "silent",   "seed",      "random_state", "device",
      "device_type", "gpu_id",   "predictor", "verbose"};
  return llvm::is_contained(Keys, Key);
}

bool startsWithAny(StringRef Name, ArrayRef<StringRef> Prefixes) {
  return llvm::any_of(Prefixes,
                      [&](StringRef P) { return Name.starts_with(P); });
}

/// A struct of settings: every field (also of its bases) a number, an enum,
/// a string or such a struct. Lists of tensors, data or handles are not.
bool isPlainSettings(QualType T, unsigned Depth = 0) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isArithmeticType() || T->isEnumeralType())
    return true;
  const auto *RD = T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition() || Depth > 4)
    return false;
  RD = RD->getDefinition();
  if (RD->getQualifiedNameAsString() == "std::basic_string")
    return Depth > 0; // a name beside the numbers, not a setting swept alone
  for (const FieldDecl *F : RD->fields())
    if (!isPlainSettings(F->getType(), Depth + 1))
      return false;
  for (const CXXBaseSpecifier &B : RD->bases())
    if (!isPlainSettings(B.getType(), Depth + 1))
      return false;
  return true;
}

/// A value worth following: a number or a struct of settings.
bool carriesSetting(QualType T) {
  T = T.getNonReferenceType();
  return T->isArithmeticType() || T->isEnumeralType() || isPlainSettings(T);
}

/// Whether constructing RD configures what is trained: an optimizer or its
/// options, a module or its options, an optimizer of ensmallen or dlib, or a
/// class of this project (a model, a trainer, a settings object) that is not
/// a data set.
bool configuresTraining(const CXXRecordDecl *RD, const SourceManager &SM) {
  if (!RD)
    return false;
  std::string Name = RD->getQualifiedNameAsString();
  if (startsWithAny(Name, {"torch::nn::", "torch::optim::", "ens::",
                           "dlib::sgd", "dlib::adam"}))
    return true;
  if (SM.isInSystemHeader(RD->getLocation()) || !RD->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &B : RD->getDefinition()->bases()) {
    const auto *Base = B.getType()->getAsCXXRecordDecl();
    if (Base && startsWithAny(Base->getQualifiedNameAsString(),
                              {"torch::data::", "std::", "c10::", "at::"}))
      return false;
  }
  return true;
}

/// The variable an lvalue expression belongs to: `P` in `P`, `P.Lr`,
/// `P.Opt.Lr` or `Buf` in a decayed array.
const ValueDecl *baseVariable(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  while (const auto *M = dyn_cast<MemberExpr>(E))
    E = M->getBase()->IgnoreParenImpCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      return baseVariable(U->getSubExpr());
  const auto *R = dyn_cast<DeclRefExpr>(E);
  return R ? R->getDecl() : nullptr;
}

/// The stream at the left end of `S << A << B`.
const ValueDecl *streamVariable(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  while (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getOperator() != OO_LessLess || Op->getNumArgs() != 2)
      return nullptr;
    E = Op->getArg(0)->IgnoreParenImpCasts();
  }
  const auto *R = dyn_cast<DeclRefExpr>(E);
  return R ? R->getDecl() : nullptr;
}

bool isLocal(const ValueDecl *D) {
  if (isa_and_nonnull<BindingDecl>(D))
    return true;
  const auto *V = dyn_cast_or_null<VarDecl>(D);
  return V && V->hasLocalStorage() && !isa<ParmVarDecl>(V);
}

/// Names the list in `Lrs[I]` or `Lrs.at(I)`.
std::string listName(const Expr *List) {
  const ValueDecl *D = baseVariable(List);
  return D && D->getIdentifier() ? D->getName().str() : std::string();
}

/// The variable behind `Opt`, `*Opt`, `Opt->X`, `&Booster`, `Model.Fc` or
/// `Model->parameters()`; null for a member of `this`.
const ValueDecl *objectVariable(const Expr *Object) {
  while (Object) {
    Object = Object->IgnoreImplicit()->IgnoreParenImpCasts();
    const auto *Op = dyn_cast<CXXOperatorCallExpr>(Object);
    const auto *U = dyn_cast<UnaryOperator>(Object);
    const auto *C = dyn_cast<CXXConstructExpr>(Object);
    if (C && C->getNumArgs() == 1) // a conversion: `std::vector<Tensor>(P)`
      Object = C->getArg(0);
    else if (Op &&
             (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star))
      Object = Op->getArg(0);
    else if (U && (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf))
      Object = U->getSubExpr();
    else if (const auto *M = dyn_cast<MemberExpr>(Object))
      Object = M->getBase();
    else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Object))
      Object = MC->getImplicitObjectArgument();
    else
      break;
  }
  const auto *R = dyn_cast_or_null<DeclRefExpr>(Object);
  return R ? R->getDecl() : nullptr;
}

/// The variable a training call works on: the optimizer of `Opt.step()` or
/// `Opt->step()`, the booster of `XGBoosterUpdateOneIter(Booster, ...)`.
const ValueDecl *trainedVariable(const CallExpr *Call) {
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    return objectVariable(MC->getImplicitObjectArgument());
  return Call->getNumArgs() > 0 ? objectVariable(Call->getArg(0)) : nullptr;
}

bool declaredIn(const ValueDecl *D, const Stmt *Scope,
                const SourceManager &SM) {
  return D && SM.isPointWithin(D->getLocation(), Scope->getBeginLoc(),
                               Scope->getEndLoc());
}

/// A variable made in Scope whose construction does not wrap state from
/// outside it: `SGD Opt(Model->parameters(), ...)` is fresh only when Model
/// is made in Scope too.
bool freshIn(const ValueDecl *D, const Stmt *Scope, const SourceManager &SM) {
  if (!declaredIn(D, Scope, SM))
    return false;
  const auto *V = dyn_cast<VarDecl>(D);
  const Expr *Init =
      V && V->getInit() ? V->getInit()->IgnoreImplicit() : nullptr;
  const Expr *First = nullptr;
  if (const auto *C = dyn_cast_or_null<CXXConstructExpr>(Init))
    First = C->getNumArgs() > 0 ? C->getArg(0) : nullptr;
  else if (const auto *C = dyn_cast_or_null<CallExpr>(Init))
    First = C->getNumArgs() > 0 ? C->getArg(0) : nullptr;
  if (!First || First->getType()->isArithmeticType())
    return true;
  const ValueDecl *Wrapped = objectVariable(First);
  return Wrapped && Wrapped != D && declaredIn(Wrapped, Scope, SM);
}

bool insideLoopOf(const Stmt *S, const Stmt *Scope, ASTContext &Ctx) {
  for (const Stmt *P = S; P && P != Scope;) {
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P))
      return true;
    DynTypedNodeList Parents = Ctx.getParents(*P);
    P = Parents.empty() ? nullptr : Parents[0].get<Stmt>();
  }
  return false;
}

} // namespace

bool trainsFreshState(const Stmt *Scope, const ApiModel &Api, ASTContext &Ctx,
                      unsigned Depth) {
  const SourceManager &SM = Ctx.getSourceManager();
  for (const BoundNodes &N :
       match(findAll(callExpr().bind("call")), *Scope, Ctx)) {
    const auto *Call = N.getNodeAs<CallExpr>("call");
    if (Api.matchCall(Call, roles::TrainingRun)) {
      if (freshIn(trainedVariable(Call), Scope, SM))
        return true;
      continue;
    }
    if (Api.matchCall(Call, roles::TrainingUpdate)) {
      if (freshIn(trainedVariable(Call), Scope, SM) &&
          insideLoopOf(Call, Scope, Ctx))
        return true;
      continue;
    }
    // A helper of this file that trains a local of Scope (a model made
    // here, settings filled here) or state it makes itself.
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Def = nullptr;
    if (Depth == 0 || !Callee || !Callee->hasBody(Def) ||
        SM.isInSystemHeader(Def->getLocation()))
      continue;
    bool TakesLocal = llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
      return declaredIn(objectVariable(Arg), Scope, SM);
    });
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
      TakesLocal = TakesLocal ||
                   declaredIn(objectVariable(MC->getImplicitObjectArgument()),
                              Scope, SM);
    if (TakesLocal ? reachesCall(Def->getBody(), roles::TrainingUpdate, nullptr,
                                 Api, Ctx, Depth) ||
                         reachesCall(Def->getBody(), roles::TrainingRun,
                                     nullptr, Api, Ctx, Depth)
                   : trainsFreshState(Def->getBody(), Api, Ctx, Depth - 1))
      return true;
  }
  return false;
}

bool isSettingsStruct(QualType T) {
  T = T.getNonReferenceType();
  return T->isRecordType() && isPlainSettings(T);
}

bool setsRuntimeOnly(const CallExpr *BoosterParameter) {
  const auto *Key =
      BoosterParameter->getNumArgs() > 1
          ? dyn_cast<StringLiteral>(
                BoosterParameter->getArg(1)->IgnoreParenImpCasts())
          : nullptr;
  return Key && isRuntimeSetting(Key->getString());
}

bool SweepConfigurationFlow::trains(const FunctionDecl *Def) {
  auto [It, New] = TrainsMemo.try_emplace(Def, false);
  if (New)
    It->second = trainsFreshState(Def->getBody(), Api, Ctx, HelperDepth);
  return TrainsMemo[Def];
}

bool SweepConfigurationFlow::parameterConfigures(const FunctionDecl *Def,
                                                 unsigned Index, unsigned Depth,
                                                 bool &Trains) {
  if (Depth == 0 || Index >= Def->getNumParams() || !Def->getBody())
    return false;
  auto Key = std::make_pair(Def, Index);
  if (auto It = ParamMemo.find(Key); It != ParamMemo.end()) {
    if (It->second)
      Trains = Trains || trains(Def);
    return It->second;
  }
  ParamMemo[Key] = false;
  Reach R = follow(Def->getParamDecl(Index), Def->getBody(), Depth - 1);
  ParamMemo[Key] = R.Configures;
  if (R.Configures)
    Trains = Trains || R.HelperTrains || trains(Def);
  return R.Configures;
}

SweepConfigurationFlow::Reach
SweepConfigurationFlow::follow(const ValueDecl *Value, const Stmt *Scope,
                               unsigned Depth) {
  const SourceManager &SM = Ctx.getSourceManager();
  struct Item {
    const ValueDecl *Var;
    std::string List;
  };
  SmallVector<Item, 8> Work;
  llvm::SmallPtrSet<const ValueDecl *, 8> Seen;
  auto Taint = [&](const ValueDecl *D, const std::string &List) {
    if (!D || !D->getIdentifier() || IgnoreNames.match(D->getName()) ||
        Seen.size() > 32 || !Seen.insert(D).second)
      return;
    Work.push_back({D, List});
  };
  Reach Result;
  auto Sink = [&](const std::string &List) {
    Result.Configures = true;
    Result.ListName = List;
  };
  if (const auto *DD = dyn_cast<DecompositionDecl>(Value))
    for (const BindingDecl *B : DD->bindings())
      Taint(B, "");
  else
    Taint(Value, "");

  while (!Work.empty() && !Result.Configures) {
    Item It = Work.pop_back_val();
    for (const BoundNodes &N :
         match(findAll(declRefExpr(to(equalsNode(It.Var))).bind("ref")), *Scope,
               Ctx)) {
      std::string List = It.List;
      const Expr *E = N.getNodeAs<DeclRefExpr>("ref");
      // Walk up while the expression still carries the value.
      while (E && !Result.Configures) {
        DynTypedNodeList Parents = Ctx.getParents(*E);
        if (Parents.empty())
          break;
        if (const auto *V = Parents[0].get<VarDecl>()) {
          // `double Lr = Lrs[I];`, `auto [Lr, Depth] = Grid[I];`
          if (const auto *DD = dyn_cast<DecompositionDecl>(V)) {
            for (const BindingDecl *B : DD->bindings())
              Taint(B, List);
          } else if (isLocal(V)) {
            Taint(V, List);
          }
          break;
        }
        const auto *P = Parents[0].get<Expr>();
        if (!P)
          break;
        const Expr *Next = nullptr;
        if (isa<CastExpr, ParenExpr, FullExpr, MaterializeTemporaryExpr,
                CXXBindTemporaryExpr, InitListExpr, CXXStdInitializerListExpr,
                DesignatedInitExpr, CXXParenListInitExpr, ParenListExpr>(P)) {
          Next = P;
        } else if (const auto *A = dyn_cast<ArraySubscriptExpr>(P)) {
          if (A->getIdx() == E && carriesSetting(A->getType())) {
            List = listName(A->getBase());
            if (!IgnoreNames.match(List))
              Next = P;
          }
        } else if (const auto *M = dyn_cast<MemberExpr>(P)) {
          if (const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl())) {
            if (carriesSetting(F->getType()) && F->getIdentifier() &&
                !IgnoreNames.match(F->getName()))
              Next = P;
          } else if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(
                         Ctx.getParents(*M).empty()
                             ? nullptr
                             : Ctx.getParents(*M)[0].get<Expr>())) {
            // A method of the value itself: `std::to_string(D).c_str()`,
            // `SGDOptions(Lr).momentum(0.9)`; the project's own getters
            // are not followed.
            const CXXMethodDecl *MD = Call->getMethodDecl();
            if (MD && SM.isInSystemHeader(MD->getLocation()) &&
                !MD->getReturnType()->isVoidType())
              Next = Call;
          }
        } else if (const auto *B = dyn_cast<BinaryOperator>(P)) {
          if (B->isAssignmentOp()) {
            if (B->getRHS() == E && isLocal(baseVariable(B->getLHS())))
              Taint(baseVariable(B->getLHS()), List);
          } else if (!B->isComparisonOp() && !B->isLogicalOp() &&
                     !B->isCommaOp()) {
            Next = P;
          }
        } else if (const auto *U = dyn_cast<UnaryOperator>(P)) {
          if (!U->isIncrementDecrementOp() && U->getOpcode() != UO_LNot)
            Next = P;
        } else if (const auto *C = dyn_cast<AbstractConditionalOperator>(P)) {
          if (C->getCond() != E)
            Next = P;
        } else if (const auto *Ctor = dyn_cast<CXXConstructExpr>(P)) {
          const CXXConstructorDecl *CD = Ctor->getConstructor();
          if (!CD->isCopyOrMoveConstructor() &&
              configuresTraining(CD->getParent(), SM))
            Sink(List);
          else if (CD->isCopyOrMoveConstructor() ||
                   SM.isInSystemHeader(CD->getLocation()))
            Next = P; // a copy, std::string(Buf), c10::Scalar(Lr)
        } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
          OverloadedOperatorKind K = Op->getOperator();
          bool IsObject = Op->getNumArgs() > 0 && Op->getArg(0) == E;
          const auto *MD =
              dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
          const FunctionDecl *Def = nullptr;
          if (K == OO_Subscript) {
            if (!IsObject && carriesSetting(Op->getType())) {
              List = listName(Op->getArg(0));
              if (!IgnoreNames.match(List))
                Next = P;
            }
          } else if (K == OO_LessLess) {
            if (!IsObject && isLocal(streamVariable(Op->getArg(0))))
              Taint(streamVariable(Op->getArg(0)), List);
          } else if (K == OO_Equal || Op->isAssignmentOp()) {
            if (!IsObject && isLocal(baseVariable(Op->getArg(0))))
              Taint(baseVariable(Op->getArg(0)), List);
          } else if (K == OO_Call) {
            // A lambda or functor of this file: follow its parameter.
            if (!IsObject && MD && MD->hasBody(Def) &&
                !SM.isInSystemHeader(Def->getLocation()))
              for (unsigned I = 1; I < Op->getNumArgs(); ++I)
                if (Op->getArg(I) == E &&
                    parameterConfigures(Def, I - 1, Depth, Result.HelperTrains))
                  Sink(List);
          } else if (!Op->isComparisonOp() && K != OO_AmpAmp &&
                     K != OO_PipePipe && K != OO_Exclaim && K != OO_PlusPlus &&
                     K != OO_MinusMinus) {
            Next = P; // "max_depth=" + std::to_string(D)
          }
        } else if (const auto *Call = dyn_cast<CallExpr>(P)) {
          const FunctionDecl *Callee = Call->getDirectCallee();
          if (!Callee)
            break;
          unsigned Index = Call->getNumArgs();
          for (unsigned I = 0; I < Call->getNumArgs(); ++I)
            if (Call->getArg(I) == E)
              Index = I;
          if (Index == Call->getNumArgs())
            break; // the callee itself
          if (Api.matchCall(Call, roles::BoosterParameter)) {
            if (Index != 1 && !setsRuntimeOnly(Call))
              Sink(List);
            break;
          }
          StringRef Name =
              Callee->getIdentifier() ? Callee->getName() : StringRef();
          if (llvm::is_contained({"snprintf", "sprintf"}, Name) && Index > 0) {
            if (isLocal(baseVariable(Call->getArg(0))))
              Taint(baseVariable(Call->getArg(0)), List);
            break;
          }
          // `Lrs.at(I)` reads an element; other methods of the project are
          // followed into, library setters are not.
          const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
          const FunctionDecl *Def = nullptr;
          if (MC && Name == "at" && Call->getNumArgs() == 1 &&
              carriesSetting(Call->getType())) {
            List = listName(MC->getImplicitObjectArgument());
            if (!IgnoreNames.match(List))
              Next = P;
          } else if (Callee->hasBody(Def) &&
                     !SM.isInSystemHeader(Def->getLocation())) {
            if (parameterConfigures(Def, Index, Depth, Result.HelperTrains))
              Sink(List);
          } else if (SM.isInSystemHeader(Callee->getLocation()) && !MC &&
                     !Callee->getReturnType()->isVoidType()) {
            Next = P; // std::to_string(D), std::pow(10.0, -E)
          }
        }
        E = Next;
      }
      if (Result.Configures)
        break;
    }
  }
  return Result;
}

} // namespace greenlint
