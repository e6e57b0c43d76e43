//===- HwThreadConfigInLoop.cpp -------------------------------------------===//
#include "HwThreadConfigInLoop.h"
#include "../support/LoopInvariance.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include <optional>

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

namespace {
/// A call that sizes a thread pool; source_args are the thread counts.
constexpr llvm::StringLiteral ThreadConfig = roles::ThreadConfig;
/// A key/value parameter setter; source_args are [key, value].
constexpr llvm::StringLiteral ThreadConfigParam = roles::ThreadConfigParam;
/// The parameter key of a thread-config-param call that sizes the pool.
constexpr llvm::StringLiteral ThreadCountKey{"nthread"};
} // namespace

const RuleInfo HwThreadConfigInLoop::Info = {
    "hw-thread-config-in-loop",
    "hw",
    "a thread pool is resized with the same count on every loop iteration or "
    "request",
    /*DefaultOn=*/true,
    {{"RequestHandlerRegex", OptionKind::Regex, "",
      "functions whose name matches run once per request: a thread-count "
      "setting in them that does not depend on their parameters is reported, "
      "loop or not"}},
    makeRule<HwThreadConfigInLoop>,
    {ThreadConfig.data(), ThreadConfigParam.data()}};

HwThreadConfigInLoop::HwThreadConfigInLoop(RuleContext &Ctx)
    : Rule(Info, Ctx), RequestHandlerRegex(option("RequestHandlerRegex")) {}

void HwThreadConfigInLoop::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(callExpr(anyOf(isApiCall(&api(), ThreadConfig),
                                   isApiCall(&api(), ThreadConfigParam)),
                             hasAncestor(functionDecl().bind("fn")))
                        .bind("call"),
                    this);
}

namespace {

/// A thread-count call split into the counts it sets and what it sets them
/// on (handles and, for methods, the object).
struct ConfigCall {
  std::vector<const Expr *> Counts;
  std::vector<const Expr *> Handles;
  const Expr *Object = nullptr;
  std::string What;
};

std::optional<ConfigCall> splitCall(const CallExpr *Call, const ApiEntry &Entry,
                                    bool IsParam) {
  ConfigCall Split;
  Split.What = Entry.Name;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    Split.Object = MC->getImplicitObjectArgument();
  unsigned NumArgs = Call->getNumArgs();
  std::vector<bool> IsCount(NumArgs, Entry.SourceArgs.empty());
  if (IsParam) {
    // Only the thread key: any other parameter is not a pool size.
    if (Entry.SourceArgs.size() < 2 || Entry.SourceArgs[0] >= NumArgs ||
        Entry.SourceArgs[1] >= NumArgs)
      return std::nullopt;
    const auto *Key = dyn_cast<StringLiteral>(
        Call->getArg(Entry.SourceArgs[0])->IgnoreParenImpCasts());
    if (!Key || Key->getCharByteWidth() != 1 ||
        Key->getString() != ThreadCountKey)
      return std::nullopt;
    IsCount[Entry.SourceArgs[1]] = true;
    Split.What += "(\"" + ThreadCountKey.str() + "\")";
    for (unsigned I = 0; I < NumArgs; ++I)
      if (I == Entry.SourceArgs[1])
        Split.Counts.push_back(Call->getArg(I));
      else if (I != Entry.SourceArgs[0])
        Split.Handles.push_back(Call->getArg(I));
    return Split;
  }
  for (unsigned I : Entry.SourceArgs)
    if (I < NumArgs)
      IsCount[I] = true;
  for (unsigned I = 0; I < NumArgs; ++I)
    (IsCount[I] ? Split.Counts : Split.Handles).push_back(Call->getArg(I));
  if (Split.Counts.empty())
    return std::nullopt;
  return Split;
}

bool declaredWithin(const VarDecl *VD, const Stmt *Scope,
                    const SourceManager &SM) {
  SourceLocation L = SM.getExpansionLoc(VD->getLocation());
  SourceRange R = Scope->getSourceRange();
  return !SM.isBeforeInTranslationUnit(L, SM.getExpansionLoc(R.getBegin())) &&
         !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(R.getEnd()), L);
}

/// True if the object a method is called on outlives Scope: a member of
/// *this, or a variable declared outside Scope. A fresh options object per
/// iteration is a new configuration, not a repeated one.
bool objectOutlives(const Expr *Object, const Stmt *Scope,
                    const SourceManager &SM) {
  const Expr *E = Object->IgnoreParenImpCasts();
  while (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (!isa<FieldDecl>(ME->getMemberDecl()))
      return false;
    E = ME->getBase()->IgnoreParenImpCasts();
  }
  if (isa<CXXThisExpr>(E))
    return true;
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  return VD && !declaredWithin(VD, Scope, SM);
}

/// True if S runs only on some iterations of Loop: under a branch, a
/// short-circuit or a switch whose condition changes between iterations, or
/// in a catch handler (a fallback after a failure).
bool runsConditionally(const Stmt *S, const Stmt *Loop, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    const DynTypedNode &Parent = Parents[0];
    if (Parent.get<FunctionDecl>() || Parent.get<LambdaExpr>())
      return false;
    const Stmt *P = Parent.get<Stmt>();
    if (P == Loop)
      return false;
    const Stmt *Child = Node.get<Stmt>();
    const Expr *Cond = nullptr;
    if (!P) {
      // A declaration on the way up (the call initialises a variable).
    } else if (isa<CXXCatchStmt>(P)) {
      return true;
    } else if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (Child == If->getThen() || Child == If->getElse())
        Cond = If->getCond();
    } else if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
      if (Child != CO->getCond())
        Cond = CO->getCond();
    } else if (const auto *Sw = dyn_cast<SwitchStmt>(P)) {
      if (Child == Sw->getBody())
        Cond = Sw->getCond();
    } else if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->isLogicalOp() && Child == BO->getRHS())
        Cond = BO->getLHS();
    }
    if (Cond && !isLoopInvariant(Cond, Loop, Ctx))
      return true;
    Node = Parent;
  }
}

/// True if E is a field of *this (a handle the object keeps) that nothing in
/// Scope assigns or takes the address of.
bool isUnchangedMemberOfThis(const Expr *E, const Stmt *Scope,
                             ASTContext &Ctx) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  const auto *Field = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
  if (!Field || !isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return false;
  auto SameField = ignoringParenImpCasts(memberExpr(member(equalsNode(Field))));
  return match(findAll(expr(anyOf(
                   binaryOperator(isAssignmentOperator(), hasLHS(SameField)),
                   cxxOperatorCallExpr(isAssignmentOperator(),
                                       hasArgument(0, SameField)),
                   unaryOperator(hasOperatorName("&"),
                                 hasUnaryOperand(SameField))))),
               *Scope, Ctx)
      .empty();
}

/// The handle a setting is applied to is the same on every pass of Scope.
bool sameHandle(const Expr *E, const Stmt *Scope, ASTContext &Ctx) {
  return isLoopInvariant(E, Scope, Ctx) ||
         isUnchangedMemberOfThis(E, Scope, Ctx);
}

bool mentionsParameter(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (isa<ParmVarDecl>(DRE->getDecl()))
      return true;
  for (const Stmt *Child : S->children())
    if (mentionsParameter(Child))
      return true;
  return false;
}

} // namespace

void HwThreadConfigInLoop::check(const MatchFinder::MatchResult &R) {
  const auto *Call = R.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Call || Call->getBeginLoc().isInvalid())
    return;
  bool IsParam = false;
  const ApiEntry *Entry = api().matchCall(Call, ThreadConfig);
  if (!Entry) {
    Entry = api().matchCall(Call, ThreadConfigParam);
    IsParam = true;
  }
  if (!Entry)
    return;
  std::optional<ConfigCall> Split = splitCall(Call, *Entry, IsParam);
  if (!Split)
    return;
  ASTContext &Ctx = *R.Context;
  const SourceManager &SM = Ctx.getSourceManager();

  if (const Stmt *Loop = enclosingLoop(Call, Ctx)) {
    if (isInRetryBlock(Call, Loop, Ctx) || runsAtMostOnce(Loop) ||
        runsConditionally(Call, Loop, Ctx))
      return;
    // A sweep over thread counts, or a new handle per iteration, is a new
    // configuration each time.
    for (const Expr *E : Split->Counts)
      if (!isLoopInvariant(E, Loop, Ctx))
        return;
    for (const Expr *E : Split->Handles)
      if (!sameHandle(E, Loop, Ctx))
        return;
    if (Split->Object && !objectOutlives(Split->Object, Loop, SM))
      return;
    Finding &F = report(
        Call->getBeginLoc(),
        "'" + Split->What +
            "' sets the same thread count on every iteration of this loop; "
            "set it once before the loop (thread pools are sized at start-up, "
            "and each call can reconfigure the pool)");
    F.Notes.push_back({Loop->getBeginLoc(), "loop is here"});
    return;
  }

  if (RequestHandlerRegex.empty() || !Fn || !Fn->getIdentifier() ||
      !Fn->hasBody() || !RequestHandlerRegex.match(Fn->getName()))
    return;
  // Per-request tuning from the request itself is deliberate; a count that
  // is the same for every request is not.
  const Stmt *Body = Fn->getBody();
  for (const Expr *E : Split->Counts)
    if (mentionsParameter(E) || !isLoopInvariant(E, Body, Ctx))
      return;
  for (const Expr *E : Split->Handles)
    if (!sameHandle(E, Body, Ctx))
      return;
  if (Split->Object && !objectOutlives(Split->Object, Body, SM))
    return;
  report(Call->getBeginLoc(),
         "'" + Split->What +
             "' sets the same thread count on every call of request handler "
             "'" +
             Fn->getNameAsString() +
             "'; set it once at start-up (thread pools are sized at start-up, "
             "and each call can reconfigure the pool)");
}

} // namespace greenlint
