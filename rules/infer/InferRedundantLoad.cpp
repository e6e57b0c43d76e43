//===- InferRedundantLoad.cpp ---------------------------------------------===//
#include "InferRedundantLoad.h"
#include "../support/ParentStatements.h"
#include "../support/SourceArguments.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

const RuleInfo InferRedundantLoad::Info = {
    "infer-redundant-load",
    "infer",
    "the same model is loaded twice in one function, or loaded and never used",
    /*DefaultOn=*/false,
    {{"ReloadCheckRegex", OptionKind::Regex,
      "last_write_time|stat|mtime|modified|changed|watch|sleep|wait",
      "a call to a function whose name matches (case-insensitive) between "
      "two loads is a file-change check: the second load is a reload"}},
    makeRule<InferRedundantLoad>,
    {roles::ModelLoad.data(), roles::PureCall.data(),
     roles::FileExistsCheck.data()}};

InferRedundantLoad::InferRedundantLoad(RuleContext &Ctx)
    : Rule(Info, Ctx),
      ReloadCheckRegex(option("ReloadCheckRegex"), llvm::Regex::IgnoreCase) {}

void InferRedundantLoad::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(functionDecl(isDefinition(), hasBody(compoundStmt()),
                                 unless(isExpansionInSystemHeader()))
                        .bind("fn"),
                    this);
}

namespace {

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(E))
      E = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(E))
      E = B->getSubExpr();
    else if (const auto *W = dyn_cast<ExprWithCleanups>(E))
      E = W->getSubExpr();
    else if (const auto *F = dyn_cast<CXXFunctionalCastExpr>(E))
      E = F->getSubExpr();
    else if (const auto *C = dyn_cast<CXXConstructExpr>(E);
             C && C->getNumArgs() >= 1 &&
             (C->getNumArgs() == 1 || isa<CXXDefaultArgExpr>(C->getArg(1))))
      // std::string from a literal or a copy: the same text.
      E = C->getArg(0);
    else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
             MC && MC->getNumArgs() == 0 && MC->getMethodDecl() &&
             MC->getMethodDecl()->isConst() &&
             MC->getMethodDecl()->getIdentifier() &&
             (MC->getMethodDecl()->getName() == "c_str" ||
              MC->getMethodDecl()->getName() == "data" ||
              MC->getMethodDecl()->getName() == "string"))
      E = MC->getImplicitObjectArgument();
    else
      return E;
  }
}

/// A text that is equal for two expressions only when they name the same
/// source: a literal, or a variable and its fields. Roots receives the
/// variables the key depends on. Empty when the expression is anything else.
std::string sourceKey(const Expr *E, const ApiModel &Api,
                      llvm::SmallPtrSetImpl<const VarDecl *> &Roots) {
  E = strip(E);
  if (const auto *S = dyn_cast<StringLiteral>(E))
    return "\"" + S->getBytes().str() + "\"";
  if (const auto *I = dyn_cast<IntegerLiteral>(E))
    return llvm::toString(I->getValue(), 10, true);
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
    return "null";
  if (const auto *D = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(D->getDecl());
    // A mutable global may change in any call between two loads.
    if (!V || (V->hasGlobalStorage() && !V->isLocalVarDecl() &&
               !V->getType().getNonReferenceType().isConstQualified()))
      return "";
    Roots.insert(V);
    return "v" + std::to_string(reinterpret_cast<uintptr_t>(V));
  }
  if (const auto *M = dyn_cast<MemberExpr>(E)) {
    std::string Base = sourceKey(M->getBase(), Api, Roots);
    if (Base.empty() || !M->getMemberDecl()->getIdentifier())
      return "";
    return Base + "." + M->getMemberDecl()->getName().str();
  }
  if (const auto *C = dyn_cast<CallExpr>(E)) {
    const ApiEntry *Pure = Api.matchCall(C, roles::PureCall);
    if (!Pure)
      return "";
    std::string Key = Pure->Name + "(";
    for (const Expr *A : C->arguments()) {
      std::string K = sourceKey(A, Api, Roots);
      if (K.empty())
        return "";
      Key += K + ",";
    }
    return Key + ")";
  }
  return "";
}

/// Whether E is a path or bytes: a character pointer or array, a string, a
/// filesystem path or a void pointer to a buffer.
bool namesData(const Expr *E) {
  QualType T = strip(E)->getType().getNonReferenceType();
  if (const Type *Pointee = T->getPointeeOrArrayElementType();
      Pointee != T.getTypePtr() &&
      (Pointee->isAnyCharacterType() || Pointee->isVoidType()))
    return true;
  if (const auto *R = T->getAsCXXRecordDecl())
    return R->getIdentifier() &&
           (R->getName() == "basic_string" || R->getName() == "path" ||
            R->getName() == "basic_string_view");
  return false;
}

/// The key of all of a load's sources; empty when one has none.
std::string loadKey(const Expr *Load, const ApiEntry &Entry,
                    const ApiModel &Api,
                    llvm::SmallPtrSetImpl<const VarDecl *> &Roots) {
  std::optional<std::vector<const Expr *>> Sources =
      sourceArguments(Load, Entry.SourceArgs);
  if (!Sources || Sources->empty())
    return "";
  // Only loads that name a file or a buffer: a second context or state
  // built from an already loaded model (llama_init_from_model) is a new
  // working set, not a repeated read.
  if (llvm::none_of(*Sources, [](const Expr *S) { return namesData(S); }))
    return "";
  std::string Key = Entry.Name + ":";
  for (const Expr *S : *Sources) {
    std::string K = sourceKey(S, Api, Roots);
    if (K.empty())
      return "";
    Key += K + ";";
  }
  return Key;
}

/// The chain from S up to Body (S first, Body last); empty if S is not
/// below Body through statements only.
std::vector<const Stmt *> chainTo(const Stmt *S, const Stmt *Body,
                                  ASTContext &Ctx) {
  std::vector<const Stmt *> Chain;
  for (const Stmt *P = S; P; P = parentThroughLocals(P, Ctx)) {
    Chain.push_back(P);
    if (P == Body)
      return Chain;
  }
  return {};
}

/// The compound statement that holds both loads in sequence, with neither
/// under a branch, a loop or a lambda below it; null otherwise.
const CompoundStmt *commonSequence(const Expr *A, const Expr *B,
                                   const Stmt *Body, ASTContext &Ctx) {
  std::vector<const Stmt *> ChainA = chainTo(A, Body, Ctx);
  std::vector<const Stmt *> ChainB = chainTo(B, Body, Ctx);
  if (ChainA.empty() || ChainB.empty())
    return nullptr;
  return sharedSequence(ChainA, ChainB);
}

bool isBetween(SourceLocation L, SourceLocation After, SourceLocation Before,
               const SourceManager &SM) {
  return SM.isBeforeInTranslationUnit(After, L) &&
         SM.isBeforeInTranslationUnit(L, Before);
}

/// Whether the use of a variable at Ref may change it: an assignment, an
/// increment, its address taken, a non-const method, or a non-const
/// reference argument.
bool mayWrite(const DeclRefExpr *Ref, ASTContext &Ctx) {
  const Stmt *Child = Ref;
  for (const Stmt *P = parentThroughLocals(Ref, Ctx); P;
       Child = P, P = parentThroughLocals(P, Ctx)) {
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(P)) {
      if (Cast->getCastKind() == CK_LValueToRValue)
        return false;
      continue;
    }
    if (isa<ParenExpr, MemberExpr, ArraySubscriptExpr>(P))
      continue;
    if (const auto *U = dyn_cast<UnaryOperator>(P))
      return U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf;
    // Child is the expression the walk came up through (a statement only
    // once it has left the expression, where nothing below can match).
    const auto *ChildExpr = dyn_cast<Expr>(Child);
    auto IsChild = [ChildExpr](const Expr *E) {
      return ChildExpr && E &&
             E->IgnoreParenImpCasts() == ChildExpr->IgnoreParenImpCasts();
    };
    if (const auto *B = dyn_cast<BinaryOperator>(P))
      return B->isAssignmentOp() && IsChild(B->getLHS());
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(P)) {
      if (IsChild(MC->getImplicitObjectArgument()))
        return !MC->getMethodDecl() || !MC->getMethodDecl()->isConst();
    }
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(P))
      if (OC->getNumArgs() > 0 && OC->getArg(0) == Child)
        if (const auto *MD =
                dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee()))
          return !MD->isConst();
    if (const auto *C = dyn_cast<CallExpr>(P)) {
      const FunctionDecl *Callee = C->getDirectCallee();
      for (unsigned I = 0; I < C->getNumArgs(); ++I)
        if (C->getArg(I) == Child) {
          if (!Callee || I >= Callee->getNumParams())
            return true;
          QualType T = Callee->getParamDecl(I)->getType();
          return T->isReferenceType() &&
                 !T.getNonReferenceType().isConstQualified();
        }
      return false;
    }
    if (const auto *C = dyn_cast<CXXConstructExpr>(P)) {
      const CXXConstructorDecl *Ctor = C->getConstructor();
      for (unsigned I = 0; I < C->getNumArgs(); ++I)
        if (C->getArg(I) == Child) {
          if (I >= Ctor->getNumParams())
            return true;
          QualType T = Ctor->getParamDecl(I)->getType();
          return T->isReferenceType() &&
                 !T.getNonReferenceType().isConstQualified();
        }
      return false;
    }
    return false;
  }
  return false;
}

} // namespace

void InferRedundantLoad::checkRepeatedLoads(const FunctionDecl &Fn,
                                            llvm::ArrayRef<const Expr *> Loads,
                                            ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const Stmt *Body = Fn.getBody();
  llvm::SmallPtrSet<const Expr *, 4> Reported;
  for (size_t J = 1; J < Loads.size(); ++J) {
    const Expr *Second = Loads[J];
    const ApiEntry *SecondEntry = api().matchCall(Second, roles::ModelLoad);
    llvm::SmallPtrSet<const VarDecl *, 4> Roots;
    std::string Key = loadKey(Second, *SecondEntry, api(), Roots);
    if (Key.empty())
      continue;
    for (size_t I = 0; I < J; ++I) {
      const Expr *First = Loads[I];
      llvm::SmallPtrSet<const VarDecl *, 4> FirstRoots;
      if (loadKey(First, *api().matchCall(First, roles::ModelLoad), api(),
                  FirstRoots) != Key)
        continue;
      const CompoundStmt *Seq = commonSequence(First, Second, Body, Ctx);
      if (!Seq)
        continue;
      SourceLocation After = First->getEndLoc(), Before = Second->getBeginLoc();
      // A way out between the loads (an early return when the file did not
      // change), a file check or a wait: the second load is a reload.
      auto Between = match(
          findAll(stmt(anyOf(returnStmt(), breakStmt(), continueStmt(),
                             gotoStmt(), cxxThrowExpr(), callExpr().bind("c"),
                             declRefExpr().bind("ref")))
                      .bind("s")),
          *Seq, Ctx);
      bool Reload = false;
      for (const BoundNodes &N : Between) {
        const auto *S = N.getNodeAs<Stmt>("s");
        if (!isBetween(S->getBeginLoc(), After, Before, SM))
          continue;
        if (const auto *Ref = N.getNodeAs<DeclRefExpr>("ref")) {
          const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
          if (V && Roots.contains(V) && mayWrite(Ref, Ctx))
            Reload = true;
          continue;
        }
        if (const auto *C = N.getNodeAs<CallExpr>("c")) {
          const auto *Callee = C->getDirectCallee();
          if (api().matchCall(C, roles::FileExistsCheck) ||
              (Callee && Callee->getIdentifier() &&
               ReloadCheckRegex.match(Callee->getName())))
            Reload = true;
          continue;
        }
        Reload = true;
      }
      if (Reload)
        continue;
      unsigned Line = SM.getSpellingLineNumber(First->getBeginLoc());
      Finding &F = report(Second->getBeginLoc(),
                          "'" + SecondEntry->Name +
                              "' loads the same model again (already loaded "
                              "on line " +
                              std::to_string(Line) +
                              "); reuse the first one (each load re-reads "
                              "and re-initialises all weights)");
      F.Notes.push_back({First->getBeginLoc(), "first loaded here"});
      Reported.insert(Second);
      break;
    }
  }
}

void InferRedundantLoad::checkUnusedLoad(const FunctionDecl &Fn,
                                         const Expr &Load, ASTContext &Ctx) {
  // The load initialises a local variable, directly or through the
  // temporaries and conversions of its initialisation.
  const Stmt *Child = &Load;
  const VarDecl *Var = nullptr;
  while (Child) {
    DynTypedNodeList Parents = Ctx.getParents(*Child);
    if (Parents.empty())
      break;
    Var = Parents[0].get<VarDecl>();
    if (Var)
      break;
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P || !isa<ImplicitCastExpr, MaterializeTemporaryExpr,
                   CXXBindTemporaryExpr, ExprWithCleanups, ParenExpr,
                   CXXConstructExpr, CXXFunctionalCastExpr>(P))
      break;
    Child = P;
  }
  if (!Var || !Var->isLocalVarDecl() || Var->getDeclContext() != &Fn ||
      Var->hasAttr<UnusedAttr>() || Var->isReferenced() || Var->isUsed())
    return;
  const ApiEntry *Entry = api().matchCall(&Load, roles::ModelLoad);
  report(Load.getBeginLoc(),
         "'" + Entry->Name + "' loads a model into '" + Var->getName().str() +
             "', which is never used; remove the load (it reads and "
             "initialises all weights for nothing)");
}

void InferRedundantLoad::check(const MatchFinder::MatchResult &R) {
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Fn || Fn->isDependentContext() || Fn->isTemplateInstantiation())
    return;
  ASTContext &Ctx = *R.Context;
  std::vector<const Expr *> Loads;
  for (const BoundNodes &N :
       match(findAll(expr(anyOf(callExpr(isApiCall(&api(), roles::ModelLoad)),
                                cxxConstructExpr(
                                    isApiCall(&api(), roles::ModelLoad))))
                         .bind("load")),
             *Fn->getBody(), Ctx)) {
    const auto *Load = N.getNodeAs<Expr>("load");
    if (Load->getBeginLoc().isValid() &&
        !chainTo(Load, Fn->getBody(), Ctx).empty())
      Loads.push_back(Load);
  }
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::sort(Loads, [&](const Expr *A, const Expr *B) {
    return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
  });
  checkRepeatedLoads(*Fn, Loads, Ctx);
  for (const Expr *Load : Loads)
    checkUnusedLoad(*Fn, *Load, Ctx);
}

} // namespace greenlint
