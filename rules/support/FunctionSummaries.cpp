//===- FunctionSummaries.cpp ----------------------------------------------===//
#include "FunctionSummaries.h"
#include "CallParts.h"
#include "LoopInvariance.h"
#include "ProjectTable.h"
#include "ValueSources.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <deque>
#include <map>

using namespace clang;

namespace greenlint {

namespace {

/// Every call and construction in a body, lambdas included (a lambda that a
/// function defines mostly runs while it runs), in traversal order.
std::vector<const Expr *> callsIn(const Stmt &Body, ASTContext &Ctx) {
  using namespace ast_matchers;
  std::vector<const Expr *> Calls;
  for (const auto &M :
       match(findAll(expr(anyOf(callExpr(), cxxConstructExpr())).bind("c")),
             Body, Ctx))
    Calls.push_back(M.getNodeAs<Expr>("c"));
  return Calls;
}

const FunctionDecl *calledFunction(const Expr *Call) {
  if (const auto *C = dyn_cast<CallExpr>(Call))
    return C->getDirectCallee();
  if (const auto *C = dyn_cast<CXXConstructExpr>(Call))
    return C->getConstructor();
  return nullptr;
}

/// The argument a call passes for parameter I of its callee, or null.
const Expr *argumentFor(const Expr *Call, unsigned I) {
  if (const auto *C = dyn_cast<CXXConstructExpr>(Call))
    return I < C->getNumArgs() ? C->getArg(I) : nullptr;
  const auto *C = dyn_cast<CallExpr>(Call);
  if (!C)
    return nullptr;
  // A member operator call (a lambda's or functor's operator()) passes its
  // object as argument 0.
  if (isa<CXXOperatorCallExpr>(C) &&
      isa_and_nonnull<CXXMethodDecl>(C->getDirectCallee()))
    ++I;
  return I < C->getNumArgs() ? C->getArg(I) : nullptr;
}

} // namespace

std::vector<const Expr *> apiCallInputs(const Expr *Call,
                                        const ApiEntry &Entry) {
  std::vector<const Expr *> Inputs;
  unsigned NumArgs = 0;
  if (const auto *C = dyn_cast<CallExpr>(Call))
    NumArgs = C->getNumArgs();
  else if (const auto *C = dyn_cast<CXXConstructExpr>(Call))
    NumArgs = C->getNumArgs();
  auto Arg = [&](unsigned I) -> const Expr * {
    if (const auto *C = dyn_cast<CallExpr>(Call))
      return C->getArg(I);
    return cast<CXXConstructExpr>(Call)->getArg(I);
  };
  if (!Entry.SourceArgs.empty()) {
    for (unsigned I : Entry.SourceArgs)
      if (I < NumArgs)
        Inputs.push_back(Arg(I));
    return Inputs;
  }
  if (const auto *C = dyn_cast<CallExpr>(Call))
    if (const Expr *Object = calleeObject(C))
      Inputs.push_back(Object);
  for (unsigned I = 0; I < NumArgs; ++I)
    // A member operator call's argument 0 is its object, added above.
    if (!(I == 0 && isa<CXXOperatorCallExpr>(Call) && !Inputs.empty()))
      Inputs.push_back(Arg(I));
  return Inputs;
}

struct FunctionSummaries::Impl {
  const ApiModel &Api;
  ASTContext &Ctx;
  const ProjectTable *Project;
  std::set<std::string> MissingBodies;
  /// Keyed by role, then by canonical function declaration.
  /// (std::map: references handed out stay valid while it grows.)
  llvm::StringMap<std::map<const FunctionDecl *, std::vector<SummaryEffect>>>
      Done;
  llvm::SmallPtrSet<const FunctionDecl *, 8> InProgress;
  /// Functions whose summary a cycle cut short during the current query.
  llvm::SmallPtrSet<const FunctionDecl *, 4> CutAt;
  std::deque<std::vector<SummaryEffect>> Transient;
  unsigned Computed = 0;
  /// Bounds the work on call graphs with large recursive cycles.
  static constexpr unsigned MaxComputations = 20000;
  const std::vector<SummaryEffect> Empty;

  /// Effects kept per function: enough for every rule's note, bounded so a
  /// function calling hundreds of helpers stays cheap.
  static constexpr size_t MaxEffects = 16;

  /// Top-level namespaces the API data names (torch, Ort, cv, ...): code in
  /// them is a framework's, even when its headers are not system headers.
  llvm::StringSet<> FrameworkNamespaces;

  Impl(const ApiModel &Api, ASTContext &Ctx, const ProjectTable *Project)
      : Api(Api), Ctx(Ctx), Project(Project) {
    for (const ApiEntry &E : Api.entries())
      for (llvm::StringRef Name :
           {llvm::StringRef(E.Name), StringRef(E.Class)}) {
        Name.consume_front("::");
        auto [Top, Rest] = Name.split("::");
        if (!Rest.empty() && !Top.empty())
          FrameworkNamespaces.insert(Top);
      }
  }

  bool inFrameworkNamespace(const FunctionDecl &FD) const {
    const DeclContext *DC = FD.getDeclContext();
    const NamespaceDecl *Top = nullptr;
    for (; DC; DC = DC->getParent())
      if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
        Top = NS;
    // std is a framework too: its algorithms are not the user's helpers.
    return Top && Top->getIdentifier() &&
           (Top->getName() == "std" ||
            FrameworkNamespaces.contains(Top->getName()));
  }

  /// The definition to summarise, or null when FD is not user code here.
  const FunctionDecl *userDefinition(const FunctionDecl *FD,
                                     llvm::StringRef Role) const {
    if (!FD)
      return nullptr;
    const FunctionDecl *Def = FD->getDefinition();
    if (!Def || !Def->hasBody() || Def->isDefaulted())
      return nullptr;
    if (Ctx.getSourceManager().isInSystemHeader(Def->getLocation()) ||
        inFrameworkNamespace(*Def))
      return nullptr;
    if (Api.matchFunction(Def, Role))
      return nullptr;
    return Def;
  }

  /// A user function declared here and defined in another unit: its
  /// effects from the project's table.
  const std::vector<SummaryEffect> &externalEffects(const FunctionDecl *FD,
                                                    llvm::StringRef Role) {
    if (!FD || FD->getDefinition() || FD->isDependentContext() ||
        Ctx.getSourceManager().isInSystemHeader(FD->getLocation()) ||
        inFrameworkNamespace(*FD) || Api.matchFunction(FD, Role))
      return Empty;
    FD = FD->getCanonicalDecl();
    auto &ForRole = Done[Role];
    auto Found = ForRole.find(FD);
    if (Found != ForRole.end())
      return Found->second;
    std::string Key = functionKey(*FD);
    MissingBodies.insert(Key);
    std::vector<SummaryEffect> Effects;
    if (const ExportedFunction *F = Project ? Project->find(Key) : nullptr)
      for (const ExportedEffect &X : F->Effects) {
        if (X.Role != Role)
          continue;
        SummaryEffect E;
        E.External = &X;
        E.FoundBy = Project->foundBy();
        for (const ApiEntry &Entry : Api.entries())
          if (Entry.Role == Role && apiEntryId(Entry) == X.Api) {
            E.Entry = &Entry;
            break;
          }
        // API data that no longer names the call (a config's api_files
        // changed between the units): nothing to say about it.
        if (!E.Entry || Effects.size() >= MaxEffects)
          continue;
        E.Params.assign(X.Params.begin(), X.Params.end());
        E.FromObject = X.FromObject;
        E.OtherInputs = X.OtherInputs;
        Effects.push_back(std::move(E));
      }
    return ForRole[FD] = std::move(Effects);
  }

  const std::vector<SummaryEffect> &effects(const FunctionDecl *FD,
                                            llvm::StringRef Role) {
    const FunctionDecl *Def = userDefinition(FD, Role);
    if (!Def)
      return externalEffects(FD, Role);
    auto &ForRole = Done[Role];
    auto Found = ForRole.find(Def);
    if (Found != ForRole.end())
      return Found->second;
    if (InProgress.count(Def) || Computed >= MaxComputations) {
      // A recursive cycle (its effects come from the pass already under
      // way) or a pathological call graph: what is above is incomplete.
      CutAt.insert(Def);
      return Empty;
    }
    ++Computed;
    InProgress.insert(Def);
    llvm::SmallPtrSet<const FunctionDecl *, 4> Outer;
    std::swap(Outer, CutAt);
    std::vector<SummaryEffect> Effects = compute(*Def, Role);
    InProgress.erase(Def);
    CutAt.erase(Def); // a cycle through Def itself adds nothing Def lacks
    bool Complete = CutAt.empty();
    CutAt.insert(Outer.begin(), Outer.end());
    if (Complete)
      return ForRole[Def] = std::move(Effects);
    // Computed inside a cycle that is still open: right for this query, but
    // asked again later it must be computed again.
    Transient.push_back(std::move(Effects));
    return Transient.back();
  }

  /// A call in a static local's initializer runs on the first call only; one
  /// under a condition on the object's or the program's state is the lazy
  /// load of a cache (`if (!Net_) Net_ = load(Path_);`). Neither repeats per
  /// call of F.
  bool runsOnceOrCached(const Expr *Call, const FunctionDecl &F,
                        SourceTracer &Tracer) {
    DynTypedNode Node = DynTypedNode::create(*Call);
    for (unsigned Depth = 0; Depth < 64; ++Depth) {
      auto Parents = Ctx.getParents(Node);
      if (Parents.empty())
        return false;
      const DynTypedNode &Up = Parents[0];
      if (const auto *V = Up.get<VarDecl>())
        if (V->isStaticLocal() || V->hasGlobalStorage())
          return true;
      if (const auto *If = Up.get<IfStmt>()) {
        const Stmt *Child = Node.get<Stmt>();
        if (Child && Child != If->getCond()) {
          ValueSources Cond = Tracer.of(If->getCond());
          if (Cond.Object || Cond.Other)
            return true;
        }
      }
      if (Up.get<FunctionDecl>() == &F || Up.get<LambdaExpr>())
        return false;
      Node = Up;
    }
    return false;
  }

  std::vector<SummaryEffect> compute(const FunctionDecl &F,
                                     llvm::StringRef Role) {
    std::vector<SummaryEffect> Effects;
    SourceTracer Tracer(F, Api, Ctx);
    llvm::SmallPtrSet<const void *, 8> Seen;
    auto Add = [&](SummaryEffect E, const ValueSources &S) {
      const void *Call = E.ApiCall ? static_cast<const void *>(E.ApiCall)
                                   : static_cast<const void *>(E.External);
      if (Effects.size() >= MaxEffects || !Seen.insert(Call).second)
        return;
      E.Params = S.Params;
      llvm::sort(E.Params);
      E.FromObject = S.Object;
      E.OtherInputs |= S.Other;
      Effects.push_back(std::move(E));
    };
    std::vector<const Expr *> Calls;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(&F))
      for (const CXXCtorInitializer *Init : Ctor->inits())
        if (Init->isWritten())
          llvm::append_range(Calls, callsIn(*Init->getInit(), Ctx));
    llvm::append_range(Calls, callsIn(*F.getBody(), Ctx));
    for (const Expr *Call : Calls) {
      // The once-or-cached test traces conditions: only for the few calls
      // that reach an API call, not for every call of a large body.
      const ApiEntry *Entry = Api.matchCall(Call, Role);
      const std::vector<SummaryEffect> &InnerEffects =
          Entry ? Empty : effects(calledFunction(Call), Role);
      if ((!Entry && InnerEffects.empty()) || runsOnceOrCached(Call, F, Tracer))
        continue;
      if (Entry) {
        ValueSources S;
        for (const Expr *In : apiCallInputs(Call, *Entry))
          S.add(Tracer.of(In));
        SummaryEffect E;
        E.ApiCall = Call;
        E.Entry = Entry;
        Add(std::move(E), S);
        continue;
      }
      for (const SummaryEffect &Inner : InnerEffects) {
        ValueSources S;
        for (unsigned I : Inner.Params)
          S.add(Tracer.of(argumentFor(Call, I)));
        if (Inner.FromObject) {
          if (const Expr *Object = calleeObject(dyn_cast<CallExpr>(Call)))
            S.add(Tracer.of(Object));
          else if (!isa<CXXConstructExpr>(Call))
            S.Other = true;
        }
        SummaryEffect E = Inner;
        E.Via.insert(E.Via.begin(), Call);
        Add(std::move(E), S);
      }
    }
    return Effects;
  }
};

FunctionSummaries::FunctionSummaries(const ApiModel &Api, ASTContext &Ctx,
                                     const ProjectTable *Project)
    : P(std::make_unique<Impl>(Api, Ctx, Project)) {}
FunctionSummaries::~FunctionSummaries() = default;

const std::vector<SummaryEffect> &
FunctionSummaries::effects(const FunctionDecl *FD, llvm::StringRef Role) {
  return P->effects(FD, Role);
}

const std::set<std::string> &FunctionSummaries::missingBodies() const {
  return P->MissingBodies;
}

std::vector<ReachedApiCall> findApiCallsThrough(const Stmt &Scope,
                                                llvm::StringRef Role,
                                                FunctionSummaries &Summaries,
                                                const ApiModel &Api,
                                                ASTContext &Ctx) {
  std::vector<ReachedApiCall> Reached;
  for (const Expr *Call : callsIn(Scope, Ctx)) {
    if (const ApiEntry *Entry = Api.matchCall(Call, Role)) {
      ReachedApiCall R;
      R.Site = R.ApiCall = Call;
      R.Entry = Entry;
      R.Inputs = apiCallInputs(Call, *Entry);
      Reached.push_back(std::move(R));
      continue;
    }
    for (const SummaryEffect &E :
         Summaries.effects(calledFunction(Call), Role)) {
      ReachedApiCall R;
      R.Site = Call;
      R.ApiCall = E.ApiCall;
      R.External = E.External;
      R.FoundBy = E.FoundBy;
      R.Entry = E.Entry;
      R.Via = E.Via;
      R.OtherInputs = E.OtherInputs;
      for (unsigned I : E.Params) // in parameter order
        if (const Expr *A = argumentFor(Call, I))
          R.Inputs.push_back(A);
      if (E.FromObject) {
        if (const Expr *Object = calleeObject(dyn_cast<CallExpr>(Call)))
          R.Inputs.push_back(Object);
        else if (!isa<CXXConstructExpr>(Call))
          R.OtherInputs = true; // a free function's hidden state
      }
      Reached.push_back(std::move(R));
    }
  }
  return Reached;
}

std::vector<ReachedApiCall> repeatedHelperCalls(const Stmt &Loop,
                                                llvm::StringRef Role,
                                                FunctionSummaries &Summaries,
                                                const ApiModel &Api,
                                                ASTContext &Ctx) {
  std::vector<ReachedApiCall> Repeated;
  if (runsAtMostOnce(&Loop))
    return Repeated;
  for (ReachedApiCall &R :
       findApiCallsThrough(Loop, Role, Summaries, Api, Ctx)) {
    if (!R.throughHelper() || R.OtherInputs ||
        R.Site->getBeginLoc().isInvalid() ||
        enclosingLoop(R.Site, Ctx) != &Loop ||
        isInRetryBlock(R.Site, &Loop, Ctx))
      continue;
    if (llvm::all_of(R.Inputs, [&](const Expr *In) {
          return isLoopInvariant(In, &Loop, Ctx, &Api);
        }))
      Repeated.push_back(std::move(R));
  }
  return Repeated;
}

/// The place an exported effect names, in a file this unit may not have
/// read: it is added to the source manager so the note shows it as any
/// other. Invalid when the file is gone.
static SourceLocation externalLocation(const ExportedEffect &X,
                                       ASTContext &Ctx) {
  SourceManager &SM = Ctx.getSourceManager();
  llvm::Expected<FileEntryRef> File =
      SM.getFileManager().getFileRef(X.File, /*OpenFile=*/true);
  if (!File) {
    llvm::consumeError(File.takeError());
    return {};
  }
  FileID ID = SM.getOrCreateFileID(*File, SrcMgr::C_User);
  return SM.translateLineCol(ID, X.Line, X.Column);
}

FindingNote apiCallNote(const ReachedApiCall &R, llvm::StringRef Text,
                        ASTContext &Ctx) {
  if (!R.External)
    return {R.ApiCall->getBeginLoc(), Text.str()};
  SourceLocation There = externalLocation(*R.External, Ctx);
  std::string Path;
  for (const std::string &Name : R.External->Via)
    Path += (Path.empty() ? "'" : ", '") + Name + "'";
  return {There.isValid() ? There : R.Site->getBeginLoc(),
          Text.str() +
              (There.isValid() ? "" : " (in " + R.External->File + ")") + "; " +
              R.FoundBy.str() +
              (Path.empty() ? "" : " (through " + Path + ")")};
}

Finding throughHelperFinding(const Stmt &Loop, const ReachedApiCall &R,
                             llvm::StringRef Does, llvm::StringRef Fix,
                             llvm::StringRef At, ASTContext &Ctx) {
  Finding F;
  F.Loc = R.Site->getBeginLoc();
  F.Message = "'" + userCallName(R.Site) + "' " + Does.str() +
              " on every iteration of this loop (through '" + R.Entry->Name +
              "'); " + Fix.str();
  F.Notes.push_back({Loop.getBeginLoc(), "loop is here"});
  F.Notes.push_back(apiCallNote(R, "'" + R.Entry->Name + "' " + At.str(), Ctx));
  return F;
}

bool writesLastingState(const FunctionDecl &F, ASTContext &Ctx) {
  using namespace ast_matchers;
  if (!F.getBody())
    return true;
  auto Target = expr(ignoringParenImpCasts(anyOf(
      memberExpr(hasObjectExpression(ignoringParenImpCasts(cxxThisExpr())))
          .bind("lasting"),
      declRefExpr().bind("ref"))));
  auto Write = expr(
      anyOf(binaryOperator(isAssignmentOperator(), hasLHS(Target)),
            cxxOperatorCallExpr(isAssignmentOperator(), hasArgument(0, Target)),
            unaryOperator(anyOf(hasOperatorName("++"), hasOperatorName("--")),
                          hasUnaryOperand(Target))));
  for (const BoundNodes &N : match(findAll(Write), *F.getBody(), Ctx)) {
    if (N.getNodeAs<MemberExpr>("lasting"))
      return true;
    const auto *Ref = N.getNodeAs<DeclRefExpr>("ref");
    const auto *VD = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (VD &&
        (VD->hasGlobalStorage() || Ref->refersToEnclosingVariableOrCapture()))
      return true;
  }
  return false;
}

std::string userCallName(const Expr *Site) {
  if (const auto *Ctor = dyn_cast<CXXConstructExpr>(Site))
    return Ctor->getConstructor()->getParent()->getQualifiedNameAsString();
  const auto *Call = dyn_cast<CallExpr>(Site);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (Method && Method->getParent()->isLambda())
    if (const VarDecl *Closure = objectRoot(calleeObject(Call)))
      return Closure->getNameAsString();
  if (Callee)
    return Callee->getQualifiedNameAsString();
  return "this call";
}

} // namespace greenlint
