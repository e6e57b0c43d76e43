//===- InferDuplicatePass.cpp ---------------------------------------------===//
#include "InferDuplicatePass.h"
#include "../support/CallParts.h"
#include "../support/ModelUses.h"
#include "../support/ParentStatements.h"
#include "../support/TrainingLoop.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

const RuleInfo InferDuplicatePass::Info = {
    "infer-duplicate-pass",
    "infer",
    "a second inference pass over the same data repeats results the first "
    "pass produced",
    /*DefaultOn=*/false,
    {},
    makeRule<InferDuplicatePass>,
    {roles::InferenceCall.data(), roles::RuntimeInferenceCall.data(),
     roles::EvalMode.data(), roles::TrainMode.data(),
     roles::TrainingStep.data(), roles::TrainingUpdate.data(),
     roles::TrainingRun.data(), roles::ModelLoad.data(),
     roles::NetworkInput.data(), roles::Timer.data(),
     roles::ThreadConfig.data()}};

void InferDuplicatePass::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition(), hasBody(compoundStmt()),
                                 unless(isExpansionInSystemHeader()))
                        .bind("fn"),
                    this);
}

namespace {

/// Calls that change what a model computes, or run a training loop, when
/// found in a pass or between two passes (through helpers, two calls deep).
constexpr llvm::StringLiteral ModelChangingRoles[] = {
    roles::TrainingStep, roles::TrainingUpdate, roles::TrainingRun,
    roles::ModelLoad, roles::TrainMode};

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *W = dyn_cast<ExprWithCleanups>(E))
      E = W->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->getNumArgs() == 1 &&
             C->getConstructor()->isCopyOrMoveConstructor())
      E = C->getArg(0);
    else
      return E;
  }
}

bool within(SourceRange Outer, SourceLocation L, const SourceManager &SM) {
  return !SM.isBeforeInTranslationUnit(L, Outer.getBegin()) &&
         !SM.isBeforeInTranslationUnit(Outer.getEnd(), L);
}

/// Whether a template's parameter I is a forwarding reference (`T &&`),
/// as in the converting constructors of LibTorch's TensorOptions.
bool isForwardingParam(const FunctionDecl &Callee, unsigned I) {
  const FunctionTemplateDecl *Template = Callee.getPrimaryTemplate();
  const FunctionDecl *Pattern =
      Template ? Template->getTemplatedDecl() : nullptr;
  if (!Pattern || I >= Pattern->getNumParams())
    return false;
  QualType T = Pattern->getParamDecl(I)->getType();
  return T->isRValueReferenceType() &&
         T.getNonReferenceType()->isTemplateTypeParmType() &&
         !T.getNonReferenceType().hasQualifiers();
}

/// Whether a parameter leaves its argument as it is: taken by value or by
/// const reference, or (when the argument is an address) a pointer to const.
bool paramKeepsArgument(QualType Param, bool AddressTaken) {
  if (AddressTaken)
    return Param->isPointerType() && Param->getPointeeType().isConstQualified();
  return !Param->isReferenceType() ||
         Param.getNonReferenceType().isConstQualified();
}

/// Whether the use of a variable at Ref only reads it: a load of its value,
/// a const method other than LibTorch's in-place ones (which end in '_'), an
/// argument taken by value or const reference, an operand.
bool isPlainRead(const DeclRefExpr *Ref, ASTContext &Ctx) {
  const Stmt *Child = Ref;
  bool AddressTaken = false;
  for (const Stmt *P = parentStmt(Ref, Ctx); P;
       Child = P, P = parentStmt(P, Ctx)) {
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P)) {
      if (Cast->getCastKind() == CK_LValueToRValue)
        return true;
      if (Cast->getCastKind() == CK_NoOp ||
          Cast->getCastKind() == CK_DerivedToBase ||
          Cast->getCastKind() == CK_UncheckedDerivedToBase)
        continue;
      return false;
    }
    if (isa<ParenExpr, ArraySubscriptExpr>(P))
      continue;
    if (const auto *M = dyn_cast<MemberExpr>(P)) {
      if (isa<FieldDecl>(M->getMemberDecl()))
        continue;
      const auto *MD = dyn_cast<CXXMethodDecl>(M->getMemberDecl());
      // Conversion operators have no identifier, and are const as well.
      return MD && MD->isConst() &&
             !(MD->getIdentifier() && MD->getName().ends_with("_"));
    }
    if (const auto *U = dyn_cast<UnaryOperator>(P)) {
      if (U->getOpcode() == UO_AddrOf && !AddressTaken) {
        AddressTaken = true;
        continue;
      }
      if (U->getOpcode() == UO_Deref)
        continue;
      return !U->isIncrementDecrementOp() && U->getOpcode() != UO_AddrOf;
    }
    if (const auto *B = dyn_cast<BinaryOperator>(P))
      return !B->isAssignmentOp() || B->getLHS() != Child;
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P)) {
      const auto *MD = dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee());
      if (MD && OC->getNumArgs() > 0 && OC->getArg(0) == Child)
        return MD->isConst() && !AddressTaken;
    }
    const FunctionDecl *Callee = nullptr;
    llvm::ArrayRef<const Expr *> Args;
    if (const auto *C = dyn_cast<CallExpr>(P)) {
      Callee = C->getDirectCallee();
      Args = llvm::ArrayRef(C->getArgs(), C->getNumArgs());
    } else if (const auto *C = dyn_cast<CXXConstructExpr>(P)) {
      Callee = C->getConstructor();
      Args = llvm::ArrayRef(C->getArgs(), C->getNumArgs());
    } else {
      return false;
    }
    if (!Callee)
      return false;
    // Member operators take their object as argument 0 and the rest shifted.
    unsigned Shift = isa<CXXOperatorCallExpr>(P) && isa<CXXMethodDecl>(Callee);
    for (unsigned I = 0; I < Args.size(); ++I)
      if (Args[I] == Child)
        // A forwarding reference passes an lvalue on as it is: read as a
        // conversion, in practice (a device into tensor options).
        return I >= Shift && I - Shift < Callee->getNumParams() &&
               (paramKeepsArgument(Callee->getParamDecl(I - Shift)->getType(),
                                   AddressTaken) ||
                (!AddressTaken && isForwardingParam(*Callee, I - Shift)));
    return false;
  }
  return false;
}

/// A text that is equal for the inputs of two passes only when both build
/// them the same way from the element of their loop: the loop variable is
/// "@", locals of the loop body stand for their initializers, variables
/// from outside for themselves. Empty when an input is built from anything
/// else (a call through a pointer, an unnamed object, a local that changes).
class InputKey {
public:
  InputKey(const CXXForRangeStmt &Loop, ASTContext &Ctx)
      : Loop(Loop), Ctx(Ctx), SM(Ctx.getSourceManager()) {}

  std::string of(const Expr *E, unsigned Depth = 0) {
    if (!E || Depth > 16)
      return "";
    E = strip(E);
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      return ofDecl(D->getDecl(), Depth);
    if (const auto *I = dyn_cast<IntegerLiteral>(E))
      return llvm::toString(I->getValue(), 10, true);
    if (const auto *F = dyn_cast<FloatingLiteral>(E))
      return std::to_string(F->getValueAsApproximateDouble());
    if (const auto *S = dyn_cast<StringLiteral>(E))
      return "\"" + S->getBytes().str() + "\"";
    if (const auto *B = dyn_cast<CXXBoolLiteralExpr>(E))
      return B->getValue() ? "true" : "false";
    if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
      return "null";
    if (isa<CXXDefaultArgExpr, ImplicitValueInitExpr, CXXScalarValueInitExpr>(
            E))
      return "default";
    if (const auto *L = dyn_cast<CXXStdInitializerListExpr>(E))
      return of(L->getSubExpr(), Depth + 1);
    if (const auto *L = dyn_cast<InitListExpr>(E))
      return list("{", llvm::ArrayRef(L->getInits(), L->getNumInits()), "}",
                  Depth);
    if (const auto *M = dyn_cast<MemberExpr>(E)) {
      std::string Base = of(M->getBase(), Depth + 1);
      if (Base.empty() || !M->getMemberDecl()->getIdentifier())
        return "";
      return Base + "." + M->getMemberDecl()->getName().str();
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *MD = MC->getMethodDecl();
      const Expr *Obj = MC->getImplicitObjectArgument();
      if (!MD || !Obj || isa<CXXThisExpr>(Obj->IgnoreParenImpCasts()))
        return "";
      std::string Base = of(Obj, Depth + 1);
      if (Base.empty())
        return "";
      return Base + "." + MD->getNameAsString() +
             list("(", llvm::ArrayRef(MC->getArgs(), MC->getNumArgs()), ")",
                  Depth);
    }
    if (const auto *C = dyn_cast<CallExpr>(E)) {
      const FunctionDecl *Callee = C->getDirectCallee();
      if (!Callee)
        return "";
      return Callee->getQualifiedNameAsString() +
             list("(", llvm::ArrayRef(C->getArgs(), C->getNumArgs()), ")",
                  Depth);
    }
    if (const auto *C = dyn_cast<CXXConstructExpr>(E))
      return C->getType().getCanonicalType().getAsString() +
             list("{", llvm::ArrayRef(C->getArgs(), C->getNumArgs()), "}",
                  Depth);
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      std::string Sub = of(U->getSubExpr(), Depth + 1);
      if (Sub.empty() || U->isIncrementDecrementOp())
        return "";
      return UnaryOperator::getOpcodeStr(U->getOpcode()).str() + Sub;
    }
    if (const auto *B = dyn_cast<BinaryOperator>(E)) {
      if (B->isAssignmentOp())
        return "";
      return list("(", {B->getLHS(), B->getRHS()},
                  B->getOpcodeStr().str() + ")", Depth);
    }
    if (const auto *A = dyn_cast<ArraySubscriptExpr>(E))
      return list("[", {A->getBase(), A->getIdx()}, "]", Depth);
    if (const auto *C = dyn_cast<ConditionalOperator>(E))
      return list("?(", {C->getCond(), C->getTrueExpr(), C->getFalseExpr()},
                  ")", Depth);
    return "";
  }

  /// Whether the key reads the loop's element at all.
  bool UsesElement = false;
  /// Variables from outside the loop the key names: a write to one between
  /// two passes makes their inputs differ.
  llvm::SmallPtrSet<const VarDecl *, 4> Outer;

private:
  std::string list(llvm::StringRef Open, llvm::ArrayRef<const Expr *> Items,
                   llvm::StringRef Close, unsigned Depth) {
    std::string Key = Open.str();
    for (const Expr *Item : Items) {
      std::string K = of(Item, Depth + 1);
      if (K.empty())
        return "";
      Key += K + ",";
    }
    return Key + Close.str();
  }

  std::string ofDecl(const ValueDecl *D, unsigned Depth) {
    if (isa<EnumConstantDecl, FunctionDecl>(D))
      return D->getQualifiedNameAsString();
    const auto *V = dyn_cast<VarDecl>(D);
    if (!V)
      return "";
    if (V == Loop.getLoopVariable()) {
      UsesElement = true;
      return "@";
    }
    if (within(Loop.getSourceRange(), V->getLocation(), SM)) {
      // A local of the loop body stands for how it was made, if nothing in
      // the loop changes it afterwards.
      if (!V->isLocalVarDecl() || !V->hasInit() ||
          !llvm::all_of(
              refsTo(V, *Loop.getBody(), Ctx),
              [&](const DeclRefExpr *R) { return isPlainRead(R, Ctx); }))
        return "";
      std::string Init = of(V->getInit(), Depth + 1);
      return Init.empty() ? "" : "(" + Init + ")";
    }
    // Any callee may write a mutable global between the passes.
    if (V->hasGlobalStorage() && !V->isLocalVarDecl() &&
        !V->getType().getNonReferenceType().isConstQualified())
      return "";
    Outer.insert(V);
    return "v" + std::to_string(reinterpret_cast<uintptr_t>(V));
  }

  const CXXForRangeStmt &Loop;
  ASTContext &Ctx;
  const SourceManager &SM;
};

/// The mode a model with autograd runs in: set by the last eval() or train()
/// before the pass, or unset when the function switches it nowhere before.
enum class RunMode { Unset, Eval, Train };

/// One run of a model in a pass: the call, the variable holding the model,
/// how its inputs are built from the loop's element, and its mode.
struct ModelRun {
  const CallExpr *Call;
  const VarDecl *Model;
  std::string Key;
  llvm::SmallPtrSet<const VarDecl *, 4> Outer;
  RunMode Mode;
};

/// A range-for loop over a loader or container that runs models in eval
/// mode and trains nothing.
struct Pass {
  const CXXForRangeStmt *Loop;
  const VarDecl *Data;
  std::vector<ModelRun> Runs;
};

bool isLoop(const Stmt *S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

/// Whether the loop may stop before it has seen every element: a break of
/// its own, a return or a goto (a peek at the first batches is no pass).
bool mayStopEarly(const CXXForRangeStmt &Loop, ASTContext &Ctx) {
  for (const auto &M :
       match(findAll(
                 stmt(anyOf(breakStmt(), returnStmt(), gotoStmt())).bind("s")),
             *Loop.getBody(), Ctx)) {
    const auto *S = M.getNodeAs<Stmt>("s");
    const Stmt *P = parentStmt(S, Ctx);
    while (P && P != &Loop && !isa<LambdaExpr>(P) &&
           !(isa<BreakStmt>(S) && (isLoop(P) || isa<SwitchStmt>(P))))
      P = parentStmt(P, Ctx);
    if (P == &Loop)
      return true;
  }
  return false;
}

/// The statements above S up to the function body, innermost first.
std::vector<const Stmt *> parentsOf(const Stmt *S, ASTContext &Ctx) {
  std::vector<const Stmt *> Chain;
  for (const Stmt *P = parentThroughLocals(S, Ctx); P;
       P = parentThroughLocals(P, Ctx))
    Chain.push_back(P);
  return Chain;
}

/// The block that runs both loops one after the other, each exactly once
/// per run of the block (no branch, loop or lambda in between); null when
/// there is none.
const CompoundStmt *sharedBlock(const Stmt *A, const Stmt *B, ASTContext &Ctx) {
  return sharedSequence(parentsOf(A, Ctx), parentsOf(B, Ctx));
}

} // namespace

void InferDuplicatePass::check(const MatchFinder::MatchResult &R) {
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  // Evaluation helpers are often templates over the loader type: their
  // instantiations are checked (findings at one place are reported once).
  if (!Fn || Fn->isDependentContext())
    return;
  ASTContext &Ctx = *R.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt &Body = *Fn->getBody();
  auto Loops = match(findAll(cxxForRangeStmt().bind("loop")), Body, Ctx);
  // Clock reads make a benchmark, whose warm-up and timed passes repeat on
  // purpose.
  if (Loops.size() < 2 || !findApiCalls(Body, roles::Timer, api(), Ctx).empty())
    return;

  auto ChangesModel = [&](const Stmt *Scope) {
    return llvm::any_of(ModelChangingRoles, [&](llvm::StringRef Role) {
      return reachesCall(Scope, Role, nullptr, api(), Ctx, 2);
    });
  };
  // The model's mode when a loop starts: that of the last eval() or train()
  // on it before the loop; unset when there is none.
  auto ModeAt = [&](const VarDecl *Model, const Stmt &Loop) {
    const Expr *Last = nullptr;
    RunMode Mode = RunMode::Unset;
    for (llvm::StringRef Role : {roles::EvalMode, roles::TrainMode})
      for (const Expr *E : findApiCalls(Body, Role, api(), Ctx)) {
        const auto *C = dyn_cast<CallExpr>(E);
        if (!C || objectRoot(calleeObject(C)) != Model ||
            !SM.isBeforeInTranslationUnit(E->getBeginLoc(), Loop.getBeginLoc()))
          continue;
        if (!Last ||
            SM.isBeforeInTranslationUnit(Last->getBeginLoc(), E->getBeginLoc()))
          Last = E,
          Mode = Role == roles::EvalMode ? RunMode::Eval : RunMode::Train;
      }
    return Mode;
  };

  std::vector<Pass> Passes;
  for (const BoundNodes &N : Loops) {
    const auto *Loop = N.getNodeAs<CXXForRangeStmt>("loop");
    if (Loop->getBeginLoc().isMacroID() || !Loop->getLoopVariable())
      continue;
    const VarDecl *Data = objectRoot(Loop->getRangeInit());
    if (!Data || (Data->hasGlobalStorage() && !Data->isLocalVarDecl()))
      continue;
    Pass P{Loop, Data, {}};
    for (llvm::StringRef Role :
         {roles::InferenceCall, roles::RuntimeInferenceCall})
      for (const Expr *E : findApiCalls(*Loop->getBody(), Role, api(), Ctx)) {
        const auto *Call = dyn_cast<CallExpr>(E);
        if (!Call)
          continue;
        const VarDecl *Model = objectRoot(calleeObject(Call));
        if (!Model || (Model->hasGlobalStorage() && !Model->isLocalVarDecl()) ||
            within(Loop->getSourceRange(), Model->getLocation(), SM))
          continue;
        // `Model(X)` is an operator call whose argument 0 is the model.
        std::vector<const Expr *> Inputs(Call->arg_begin(), Call->arg_end());
        if (isa<CXXOperatorCallExpr>(Call) && !Inputs.empty())
          Inputs.erase(Inputs.begin());
        // A network that runs on what setInput() gave it in this pass.
        for (const Expr *E :
             findApiCalls(*Loop->getBody(), roles::NetworkInput, api(), Ctx))
          if (const auto *C = dyn_cast<CallExpr>(E);
              C && objectRoot(calleeObject(C)) == Model)
            Inputs.insert(Inputs.end(), C->arg_begin(), C->arg_end());
        InputKey Key(*Loop, Ctx);
        std::string Text;
        for (const Expr *In : Inputs) {
          std::string K = Key.of(In);
          if (K.empty()) {
            Text.clear();
            break;
          }
          Text += K + ";";
        }
        if (Text.empty() || !Key.UsesElement)
          continue;
        const FunctionDecl *Callee = Call->getDirectCallee();
        ModelRun Run{Call, Model,
                     (Callee ? Callee->getQualifiedNameAsString() : "") + ":" +
                         Text,
                     Key.Outer,
                     Role == roles::InferenceCall ? ModeAt(Model, *Loop)
                                                  : RunMode::Unset};
        // Training mode is a choice: batch-norm statistics recalibrated, or
        // dropout sampled on purpose.
        if (Run.Mode == RunMode::Train)
          continue;
        P.Runs.push_back(std::move(Run));
      }
    if (P.Runs.empty() || mayStopEarly(*Loop, Ctx) || ChangesModel(Loop))
      continue;
    Passes.push_back(std::move(P));
  }
  llvm::sort(Passes, [&](const Pass &A, const Pass &B) {
    return SM.isBeforeInTranslationUnit(A.Loop->getBeginLoc(),
                                        B.Loop->getBeginLoc());
  });

  for (size_t J = 1; J < Passes.size(); ++J) {
    const Pass &Second = Passes[J];
    for (size_t I = 0; I < J; ++I) {
      const Pass &First = Passes[I];
      if (First.Data != Second.Data ||
          within(First.Loop->getSourceRange(), Second.Loop->getBeginLoc(), SM))
        continue;
      const ModelRun *Repeated = nullptr;
      for (const ModelRun &A : First.Runs)
        for (const ModelRun &B : Second.Runs)
          if (A.Model == B.Model && A.Key == B.Key && A.Mode == B.Mode)
            Repeated = &B;
      if (!Repeated)
        continue;
      const CompoundStmt *Block = sharedBlock(First.Loop, Second.Loop, Ctx);
      if (!Block)
        continue;
      SourceRange Between(First.Loop->getEndLoc(), Second.Loop->getBeginLoc());
      auto IsBetween = [&](const Stmt *S) {
        return within(Between, S->getBeginLoc(), SM) &&
               S->getBeginLoc() != First.Loop->getEndLoc();
      };
      bool Changed = false;
      for (const auto &M :
           match(findAll(expr(anyOf(callExpr(), cxxConstructExpr())).bind("c")),
                 *Block, Ctx)) {
        const auto *C = M.getNodeAs<Expr>("c");
        // Threads resized between two passes: a speed comparison.
        if (IsBetween(C) &&
            (ChangesModel(C) || api().matchCall(C, roles::ThreadConfig))) {
          Changed = true;
          break;
        }
      }
      // Between the passes the model may only run or be set to eval mode
      // again; the data and whatever else the inputs are built from may
      // only be read.
      llvm::SmallPtrSet<const DeclRefExpr *, 8> Runs;
      for (llvm::StringRef Role :
           {roles::InferenceCall, roles::RuntimeInferenceCall, roles::EvalMode})
        for (const Expr *E : findApiCalls(*Block, Role, api(), Ctx)) {
          const DeclRefExpr *Ref = nullptr;
          if (const auto *C = dyn_cast<CallExpr>(E);
              C && objectRoot(calleeObject(C), ThroughCopies::No, &Ref) ==
                       Repeated->Model)
            Runs.insert(Ref);
        }
      for (const DeclRefExpr *Ref : refsTo(Repeated->Model, *Block, Ctx))
        if (IsBetween(Ref) && !Runs.contains(Ref))
          Changed = true;
      llvm::SmallPtrSet<const VarDecl *, 4> ReadOnly = Repeated->Outer;
      ReadOnly.insert(Second.Data);
      for (const VarDecl *V : ReadOnly)
        for (const DeclRefExpr *Ref : refsTo(V, *Block, Ctx))
          if (!Changed && IsBetween(Ref) && !isPlainRead(Ref, Ctx))
            Changed = true;
      // A state the passes carry (a recurrent hidden state fed back) makes
      // the second start from where the first ended.
      for (const VarDecl *V : Repeated->Outer)
        for (const Stmt *Loop : {First.Loop->getBody(), Second.Loop->getBody()})
          for (const DeclRefExpr *Ref : refsTo(V, *Loop, Ctx))
            if (!isPlainRead(Ref, Ctx))
              Changed = true;
      if (Changed)
        continue;

      unsigned Line = SM.getSpellingLineNumber(First.Loop->getBeginLoc());
      std::string Data = Second.Data->getNameAsString();
      Finding &F = report(
          Second.Loop->getBeginLoc(),
          "this loop runs the model over '" + Data +
              "' again with the same inputs as the pass on line " +
              std::to_string(Line) +
              "; keep the first pass's outputs (predictions or logits) and "
              "compute this result from them (a second pass costs as much "
              "energy as the first)");
      F.Notes.push_back({First.Loop->getBeginLoc(),
                         "first pass over '" + Data + "' is here"});
      break;
    }
  }
}

} // namespace greenlint
