//===- InferKvCacheUnused.cpp ---------------------------------------------===//
#include "InferKvCacheUnused.h"
#include "../support/CallParts.h"
#include "../support/LoopInvariance.h"
#include "../support/SourceArguments.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

namespace {
/// Wipes a model's KV cache (llama_memory_clear and its older names).
constexpr llvm::StringLiteral KvCacheClear = roles::KvCacheClear;
} // namespace

const RuleInfo InferKvCacheUnused::Info = {
    "infer-kv-cache-unused",
    "infer",
    "autoregressive decoding re-runs the whole growing sequence for every "
    "new token instead of using the KV cache",
    /*DefaultOn=*/true,
    {},
    makeRule<InferKvCacheUnused>,
    {roles::InferenceCall.data(), roles::RuntimeInferenceCall.data(),
     KvCacheClear.data(), roles::TokenBatchView.data(),
     roles::SequenceAppend.data(), roles::KvSessionLoad.data()}};

void InferKvCacheUnused::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      callExpr(anyOf(isApiCall(&api(), roles::InferenceCall),
                     isApiCall(&api(), roles::RuntimeInferenceCall)),
               hasAncestor(functionDecl(isDefinition())))
          .bind("infer"),
      this);
  Finder.addMatcher(
      callExpr(isApiCall(&api(), roles::KvSessionLoad),
               hasAncestor(functionDecl(isDefinition()).bind("fn")))
          .bind("session"),
      this);
}

namespace {
const VarDecl *localVar(const Expr *E) {
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(E->IgnoreParenImpCasts()))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      if (VD->hasLocalStorage())
        return VD;
  return nullptr;
}

/// Local variables S mentions.
llvm::SmallPtrSet<const VarDecl *, 4> varsIn(const Stmt *S) {
  llvm::SmallPtrSet<const VarDecl *, 4> Vars;
  if (!S)
    return Vars;
  if (const auto *E = dyn_cast<Expr>(S))
    if (const VarDecl *VD = localVar(E))
      Vars.insert(VD);
  for (const Stmt *Child : S->children())
    for (const VarDecl *VD : varsIn(Child))
      Vars.insert(VD);
  return Vars;
}

/// True if S runs on every pass through Loop's body: no branch, nested loop
/// or lambda lies between them (an if's condition runs every time).
bool runsEveryIteration(const Stmt *S, const Stmt *Loop, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return false;
    // A variable's initialiser runs where its declaration statement runs.
    if (const auto *VD = Parents[0].get<VarDecl>()) {
      if (!VD->isLocalVarDecl())
        return false;
      Node = Parents[0];
      continue;
    }
    const Stmt *P = Parents[0].get<Stmt>();
    if (!P)
      return false;
    const Stmt *Child = Node.get<Stmt>();
    if (P == Loop)
      return true;
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (Child != If->getCond())
        return false;
    } else if (isa<SwitchStmt, ConditionalOperator, BinaryConditionalOperator,
                   ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, LambdaExpr,
                   CXXTryStmt, CXXCatchStmt>(P)) {
      return false;
    } else if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->isLogicalOp() && Child == BO->getRHS())
        return false;
    }
    Node = Parents[0];
  }
}

/// The token-batch view inside E, or behind a local batch variable E names
/// that is initialised in Loop.
const CallExpr *batchView(const Expr *E, const ApiModel &Api, ASTContext &Ctx) {
  for (const auto &M :
       match(findAll(
                 callExpr(isApiCall(&Api, roles::TokenBatchView)).bind("view")),
             *E, Ctx))
    return M.getNodeAs<CallExpr>("view");
  // A batch variable, passed by value (through its copy constructor).
  auto Named = varsIn(E);
  if (Named.size() == 1)
    if (const Expr *Init = (*Named.begin())->getInit())
      for (const auto &M :
           match(findAll(callExpr(isApiCall(&Api, roles::TokenBatchView))
                             .bind("view")),
                 *Init, Ctx))
        return M.getNodeAs<CallExpr>("view");
  return nullptr;
}
} // namespace

const Expr *InferKvCacheUnused::growthIn(const VarDecl *Seq, const Stmt *Loop,
                                         ASTContext &Ctx) const {
  for (const Expr *Append :
       findApiCalls(*Loop, roles::SequenceAppend, api(), Ctx)) {
    if (enclosingLoop(Append, Ctx) != Loop ||
        !runsEveryIteration(Append, Loop, Ctx))
      continue;
    // Seq.push_back(Token)
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Append)) {
      if (localVar(MC->getImplicitObjectArgument()) == Seq)
        return Append;
      continue;
    }
    // Seq = cat({Seq, Next}, 1)
    auto Parents = Ctx.getParents(*Append);
    while (Parents.size() == 1 && Parents[0].get<Expr>() &&
           !Parents[0].get<CXXOperatorCallExpr>() &&
           !Parents[0].get<BinaryOperator>())
      Parents = Ctx.getParents(Parents[0]);
    if (Parents.size() != 1)
      continue;
    const Expr *Lhs = nullptr;
    if (const auto *Op = Parents[0].get<CXXOperatorCallExpr>()) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2)
        Lhs = Op->getArg(0);
    } else if (const auto *BO = Parents[0].get<BinaryOperator>()) {
      if (BO->getOpcode() == BO_Assign)
        Lhs = BO->getLHS();
    }
    if (Lhs && localVar(Lhs) == Seq && varsIn(Append).contains(Seq))
      return Append;
  }
  return nullptr;
}

void InferKvCacheUnused::checkSessionLoad(const CallExpr &Load,
                                          const FunctionDecl &Fn,
                                          ASTContext &Ctx) {
  const ApiEntry *Entry = api().matchCall(&Load, roles::KvSessionLoad);
  std::optional<std::vector<const Expr *>> Outs =
      sourceArguments(&Load, Entry->SourceArgs);
  if (!Outs || Outs->empty())
    return;
  // The variables that receive the restored tokens and their count.
  llvm::SmallPtrSet<const VarDecl *, 2> Restored;
  for (const Expr *Out : *Outs) {
    const Expr *Held = Out->IgnoreParenImpCasts();
    // Tokens.data(): the container the buffer belongs to.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Held))
      Held = calleeObject(Member);
    const VarDecl *Root = Held ? objectRoot(Held) : nullptr;
    if (!Root) {
      if (const auto *Addr =
              dyn_cast<UnaryOperator>(Out->IgnoreParenImpCasts()))
        if (Addr->getOpcode() == UO_AddrOf)
          Root = objectRoot(Addr->getSubExpr());
    }
    if (!Root || !Root->hasLocalStorage())
      return;
    Restored.insert(Root);
  }
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation After = Load.getEndLoc();
  // Read again after the load (compared with the prompt, resized, used as
  // the prompt): the session is used.
  for (const BoundNodes &N :
       match(findAll(declRefExpr().bind("ref")), *Fn.getBody(), Ctx)) {
    const auto *Ref = N.getNodeAs<DeclRefExpr>("ref");
    const auto *V = dyn_cast<VarDecl>(Ref->getDecl());
    if (V && Restored.contains(V) &&
        SM.isBeforeInTranslationUnit(After, Ref->getBeginLoc()))
      return;
  }
  // A decode of a token batch after the load: the prompt, from the start.
  for (const Expr *Decode :
       findApiCalls(*Fn.getBody(), roles::RuntimeInferenceCall, api(), Ctx)) {
    if (!SM.isBeforeInTranslationUnit(After, Decode->getBeginLoc()))
      continue;
    const auto *Call = dyn_cast<CallExpr>(Decode);
    if (!Call)
      continue;
    for (const Expr *Arg : Call->arguments()) {
      if (!batchView(Arg, api(), Ctx))
        continue;
      Finding &F = report(
          Load.getBeginLoc(),
          "'" + Entry->Name +
              "' restores a KV cache whose tokens are never read again, so "
              "the prompt is decoded in full anyway; compare the restored "
              "tokens with the prompt and decode only the part after the "
              "common prefix");
      F.Notes.push_back({Decode->getBeginLoc(), "prompt decoded here"});
      return;
    }
  }
}

void InferKvCacheUnused::check(const MatchFinder::MatchResult &R) {
  if (const auto *Load = R.Nodes.getNodeAs<CallExpr>("session")) {
    const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
    if (Fn && Fn->getBody() && !Fn->isDependentContext())
      checkSessionLoad(*Load, *Fn, *R.Context);
    return;
  }
  const auto *Infer = R.Nodes.getNodeAs<CallExpr>("infer");
  ASTContext &Ctx = *R.Context;
  const Stmt *Loop = enclosingLoop(Infer, Ctx);
  if (!Loop || !runsEveryIteration(Infer, Loop, Ctx))
    return;
  auto DeclaredInLoop = [&](const VarDecl *VD) {
    const SourceManager &SM = Ctx.getSourceManager();
    SourceRange LR = Loop->getSourceRange();
    return !SM.isBeforeInTranslationUnit(VD->getLocation(), LR.getBegin()) &&
           !SM.isBeforeInTranslationUnit(LR.getEnd(), VD->getLocation());
  };

  // llama.cpp shape: the cache is cleared and a batch over every token so
  // far is decoded.
  for (const Expr *Arg : Infer->arguments()) {
    const CallExpr *View = batchView(Arg, api(), Ctx);
    if (!View || View->getNumArgs() < 1)
      continue;
    auto Seqs = varsIn(View->getArg(0));
    if (Seqs.size() != 1)
      continue;
    const VarDecl *Seq = *Seqs.begin();
    if (DeclaredInLoop(Seq))
      continue;
    const Expr *Clear = nullptr;
    for (const Expr *C : findApiCalls(*Loop, KvCacheClear, api(), Ctx))
      if (enclosingLoop(C, Ctx) == Loop && runsEveryIteration(C, Loop, Ctx))
        Clear = C;
    const Expr *Growth = growthIn(Seq, Loop, Ctx);
    if (!Clear || !Growth)
      return;
    Finding &F = report(
        Infer->getBeginLoc(),
        "every generation step clears the KV cache and decodes all tokens so "
        "far, so the work per token grows with the sequence; keep the cache "
        "and decode only the new token (llama_batch_get_one(&token, 1))");
    F.Notes.push_back({Clear->getBeginLoc(), "KV cache cleared here"});
    F.Notes.push_back({Growth->getBeginLoc(),
                       "'" + Seq->getNameAsString() +
                           "' grows by one step here on each iteration"});
    return;
  }

  // LibTorch shape: forward on the whole sequence, nothing else passed (no
  // past keys/values), and the sequence grown by concatenation in the loop.
  llvm::SmallPtrSet<const VarDecl *, 4> Inputs;
  // A call operator's first argument is the module itself.
  unsigned First = isa<CXXOperatorCallExpr>(Infer) ? 1 : 0;
  for (const Expr *Arg : llvm::drop_begin(Infer->arguments(), First))
    for (const VarDecl *VD : varsIn(Arg))
      Inputs.insert(VD);
  if (Inputs.size() != 1)
    return;
  const VarDecl *Seq = *Inputs.begin();
  if (DeclaredInLoop(Seq))
    return;
  const Expr *Growth = growthIn(Seq, Loop, Ctx);
  if (!Growth)
    return;
  Finding &F = report(
      Infer->getBeginLoc(),
      "forward pass re-runs the whole sequence '" + Seq->getNameAsString() +
          "' for every new token, so the work per token grows "
          "with its length; cache the attention keys and values "
          "(past state) and feed only the new token");
  F.Notes.push_back({Growth->getBeginLoc(),
                     "'" + Seq->getNameAsString() +
                         "' grows by one step here on each iteration"});
}

} // namespace greenlint
