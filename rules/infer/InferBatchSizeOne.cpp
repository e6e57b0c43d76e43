//===- InferBatchSizeOne.cpp ----------------------------------------------===//
// Over 500 lines: the three framework shapes of a batch of one (unsqueeze, a
// one-image blob, a {1, ...} shaped tensor) share the loop, element and
// carried-state checks kept here.
#include "InferBatchSizeOne.h"
#include "../support/CallParts.h"
#include "../support/LoopInvariance.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

static constexpr llvm::StringLiteral BatchDimInsertRole = roles::BatchDimInsert;
static constexpr llvm::StringLiteral SingleInputBlobRole =
    roles::SingleInputBlob;
static constexpr llvm::StringLiteral ShapedBufferTensorRole =
    roles::ShapedBufferTensor;

const RuleInfo InferBatchSizeOne::Info = {
    "infer-batch-size-one",
    "infer",
    "a loop over a collection runs the model on one input per call where the "
    "framework batches",
    /*DefaultOn=*/true,
    {},
    makeRule<InferBatchSizeOne>,
    {roles::InferenceCall.data(), roles::RuntimeInferenceCall.data(),
     BatchDimInsertRole.data(), SingleInputBlobRole.data(),
     ShapedBufferTensorRole.data()}};

void InferBatchSizeOne::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      callExpr(anyOf(isApiCall(&api(), roles::InferenceCall),
                     isApiCall(&api(), roles::RuntimeInferenceCall)))
          .bind("run"),
      this);
}

namespace {

bool within(const SourceManager &SM, SourceRange Outer, SourceLocation L) {
  L = SM.getExpansionLoc(L);
  return !SM.isBeforeInTranslationUnit(L,
                                       SM.getExpansionLoc(Outer.getBegin())) &&
         !SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Outer.getEnd()), L);
}

/// The arguments written at the call: not the object of a member operator
/// call (`Model(X)` passes Model as argument 0), not defaulted ones.
std::vector<const Expr *> writtenArgs(const CallExpr *Call) {
  std::vector<const Expr *> Args;
  bool SkipObject = isa<CXXOperatorCallExpr>(Call) && calleeObject(Call);
  for (const Expr *Arg : Call->arguments()) {
    if (SkipObject) {
      SkipObject = false;
      continue;
    }
    if (!isa<CXXDefaultArgExpr>(Arg))
      Args.push_back(Arg);
  }
  return Args;
}

/// A variable passed through a converting constructor (cv::Mat to
/// cv::_OutputArray) is the variable itself.
const Expr *throughConversions(const Expr *E) {
  E = E->IgnoreImplicit();
  while (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() != 1 || Construct->isListInitialization())
      break;
    E = Construct->getArg(0)->IgnoreImplicit();
  }
  return E;
}

/// Every variable an expression reads.
void collectVars(const Stmt *S, llvm::SmallPtrSetImpl<const VarDecl *> &Out) {
  if (!S)
    return;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      Out.insert(VD);
  if (isa<LambdaExpr>(S))
    return; // a lambda's body runs when called, not here
  for (const Stmt *Child : S->children())
    collectVars(Child, Out);
}

bool refersToAny(const Stmt *S,
                 const llvm::SmallPtrSetImpl<const VarDecl *> &Vars) {
  llvm::SmallPtrSet<const VarDecl *, 8> Used;
  collectVars(S, Used);
  for (const VarDecl *VD : Used)
    if (Vars.count(VD))
      return true;
  return false;
}

/// Where each variable written in a loop body gets its value from: its
/// initialiser, the right side of an assignment, the arguments of a method
/// called on it, and, for variables declared in the body, the other
/// arguments of a call it is passed to (an output parameter such as
/// cv::resize(Image, Resized, ...)). It over-approximates data flow, which
/// makes the rule quieter, never louder, where the input might be carried.
class LoopFlow : public RecursiveASTVisitor<LoopFlow> {
public:
  explicit LoopFlow(const Stmt *Body) {
    // Declarations first, so that output parameters know their locals.
    DeclCollector Decls(*this);
    Decls.TraverseStmt(const_cast<Stmt *>(Body));
    TraverseStmt(const_cast<Stmt *>(Body));
  }

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  bool VisitVarDecl(VarDecl *VD) {
    if (const Expr *Init = VD->getInit())
      Sources[VD].push_back(Init);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->isAssignmentOp())
      receive(BO->getLHS(), BO->isCompoundAssignmentOp() ? BO : BO->getRHS());
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
      if (Op->isAssignmentOp() && Op->getNumArgs() == 2) {
        receive(Op->getArg(0),
                Op->getOperator() == OO_Equal ? Op->getArg(1) : Op);
        return true;
      }
    const Expr *Object = calleeObject(Call);
    std::vector<const Expr *> Args = writtenArgs(Call);
    if (Object)
      if (const VarDecl *Root = objectRoot(Object, ThroughCopies::Yes))
        for (const Expr *Arg : Args)
          Sources[Root].push_back(Arg);
    for (const Expr *Arg : Args) {
      const auto *DRE = dyn_cast<DeclRefExpr>(throughConversions(Arg));
      const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      if (!VD || !Local.count(VD))
        continue;
      for (const Expr *Other : Args)
        if (Other != Arg)
          Sources[VD].push_back(Other);
      if (Object)
        Sources[VD].push_back(Object);
    }
    return true;
  }

  llvm::DenseMap<const VarDecl *, std::vector<const Expr *>> Sources;
  /// Variables declared in the body: fresh on every iteration.
  llvm::SmallPtrSet<const VarDecl *, 16> Local;

private:
  struct DeclCollector : RecursiveASTVisitor<DeclCollector> {
    explicit DeclCollector(LoopFlow &Flow) : Flow(Flow) {}
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
    bool VisitVarDecl(VarDecl *VD) {
      Flow.Local.insert(VD);
      return true;
    }
    LoopFlow &Flow;
  };

  void receive(const Expr *Target, const Expr *Value) {
    llvm::SmallPtrSet<const VarDecl *, 4> Receivers;
    collectVars(Target, Receivers); // std::tie(Out, State) = ... writes both
    for (const VarDecl *VD : Receivers)
      Sources[VD].push_back(Value);
  }
};

/// Variables of the body whose value comes from the loop's element: the
/// seeds (the range-for variable or the for-loop's counters) and whatever is
/// computed from them.
llvm::SmallPtrSet<const VarDecl *, 16>
itemDerived(const LoopFlow &Flow, llvm::ArrayRef<const VarDecl *> Seeds) {
  llvm::SmallPtrSet<const VarDecl *, 16> Derived(Seeds.begin(), Seeds.end());
  bool Changed = true;
  while (Changed) {
    Changed = false;
    for (const VarDecl *VD : Flow.Local) {
      if (Derived.count(VD))
        continue;
      auto It = Flow.Sources.find(VD);
      if (It == Flow.Sources.end())
        continue;
      for (const Expr *Source : It->second)
        if (refersToAny(Source, Derived)) {
          Derived.insert(VD);
          Changed = true;
          break;
        }
    }
  }
  return Derived;
}

/// The loop's element variables, when the loop walks a collection: the
/// range-for variable, or the counters a for statement declares. Other loops
/// (while over a capture, for (;;)) run until input stops arriving.
std::vector<const VarDecl *> collectionSeeds(const Stmt *Loop) {
  std::vector<const VarDecl *> Seeds;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop)) {
    Seeds.push_back(Range->getLoopVariable());
  } else if (const auto *For = dyn_cast<ForStmt>(Loop)) {
    if (const auto *Init = dyn_cast_or_null<DeclStmt>(For->getInit()))
      for (const Decl *D : Init->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          Seeds.push_back(VD);
  }
  return Seeds;
}

const Stmt *loopBody(const Stmt *Loop) {
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
    return Range->getBody();
  return cast<ForStmt>(Loop)->getBody();
}

/// A return, goto or break out of this loop: the loop may stop after the
/// item it is looking for, so later items would be computed for nothing.
bool mayLeaveEarly(const Stmt *S, bool InNestedBreakable = false) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<ReturnStmt, GotoStmt, CoreturnStmt>(S))
    return true;
  if (isa<BreakStmt>(S))
    return !InNestedBreakable;
  bool Nested = InNestedBreakable ||
                isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt>(S);
  for (const Stmt *Child : S->children())
    if (mayLeaveEarly(Child, Nested))
      return true;
  return false;
}

/// The first element of a literal list, through what holds it: `{1, 3, H,
/// W}` given directly, as an IntArrayRef or std::vector built from it, a
/// std::array, or a variable or member initialised so (`Shape.data()`).
const Expr *firstListElement(const Expr *E, unsigned Depth = 0) {
  if (!E || Depth > 6)
    return nullptr;
  E = E->IgnoreImplicit()->IgnoreParens();
  if (const auto *List = dyn_cast<InitListExpr>(E)) {
    if (List->getNumInits() == 0)
      return nullptr;
    const Expr *First = List->getInit(0)->IgnoreImplicit();
    return isa<InitListExpr>(First) ? firstListElement(First, Depth + 1)
                                    : First;
  }
  if (const auto *IL = dyn_cast<CXXStdInitializerListExpr>(E))
    return firstListElement(IL->getSubExpr(), Depth + 1);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    // Only a list argument: std::vector<int64_t>(1) is a size, not a shape.
    if (Construct->getNumArgs() >= 1 &&
        isa<InitListExpr, CXXStdInitializerListExpr>(
            Construct->getArg(0)->IgnoreImplicit()))
      return firstListElement(Construct->getArg(0), Depth + 1);
    return nullptr;
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return firstListElement(Cast->getSubExpr(), Depth + 1);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    return Call->getNumArgs() == 0
               ? firstListElement(Call->getImplicitObjectArgument(), Depth + 1)
               : nullptr;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return firstListElement(VD->getInit(), Depth + 1);
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      return firstListElement(FD->getInClassInitializer(), Depth + 1);
  return nullptr;
}

bool isIntegerValue(const Expr *E, int64_t Value, const ASTContext &Ctx) {
  Expr::EvalResult Result;
  return E && !E->isValueDependent() && E->EvaluateAsInt(Result, Ctx) &&
         Result.Val.getInt() == Value;
}

/// One call that makes a batch of one from the loop's element.
struct BatchOfOne {
  const CallExpr *Call;
  llvm::StringRef Role;
};

const char *batchedAdvice(llvm::StringRef Role) {
  if (Role == SingleInputBlobRole)
    return "a blob of one image is built here; collect the images and build "
           "one blob for all of them with the batched variant "
           "(cv::dnn::blobFromImages), then run the network once";
  if (Role == ShapedBufferTensorRole)
    return "a tensor with a leading dimension of 1 is built here; fill one "
           "buffer for many elements, give the tensor a leading dimension of "
           "their count and run the model once";
  return "a batch of one is made here; stack the elements (torch::stack, or "
         "torch::cat of the unsqueezed ones) and run the model once per batch";
}

class BatchOfOneFinder {
public:
  BatchOfOneFinder(const Stmt *Loop,
                   const llvm::SmallPtrSetImpl<const VarDecl *> &Derived,
                   const ApiModel &Api, ASTContext &Ctx)
      : Loop(Loop), Derived(Derived), Api(Api), Ctx(Ctx) {}

  /// Calls of this loop (not of a nested one) that batch one element.
  std::vector<BatchOfOne> find() {
    std::vector<BatchOfOne> Found;
    for (llvm::StringRef Role :
         {BatchDimInsertRole, SingleInputBlobRole, ShapedBufferTensorRole})
      for (const Expr *E : findApiCalls(*loopBody(Loop), Role, Api, Ctx)) {
        const auto *Call = dyn_cast<CallExpr>(E);
        if (Call && enclosingLoop(Call, Ctx) == Loop && batchesOne(Call, Role))
          Found.push_back({Call, Role});
      }
    return Found;
  }

private:
  bool batchesOne(const CallExpr *Call, llvm::StringRef Role) {
    if (Role == BatchDimInsertRole) {
      const Expr *Object = calleeObject(Call);
      return Call->getNumArgs() >= 1 &&
             isIntegerValue(Call->getArg(0), 0, Ctx) && Object &&
             refersToAny(Object, Derived);
    }
    if (!anyArgDerived(Call))
      return false;
    if (Role == SingleInputBlobRole)
      return givesFixedSize(Call);
    for (const Expr *Arg : Call->arguments())
      if (isIntegerValue(firstListElement(Arg), 1, Ctx))
        return true;
    return false;
  }

  bool anyArgDerived(const CallExpr *Call) {
    for (const Expr *Arg : writtenArgs(Call))
      if (refersToAny(Arg, Derived))
        return true;
    return false;
  }

  /// Images brought to one size can share a blob; a blob at each image's
  /// own size (no size argument) cannot, without resizing them first.
  bool givesFixedSize(const CallExpr *Call) {
    const FunctionDecl *FD = Call->getDirectCallee();
    if (!FD)
      return false;
    for (unsigned I = 0; I < Call->getNumArgs() && I < FD->getNumParams(); ++I)
      if (FD->getParamDecl(I)->getName() == "size" &&
          !isa<CXXDefaultArgExpr>(Call->getArg(I)))
        return true;
    return false;
  }

  const Stmt *Loop;
  const llvm::SmallPtrSetImpl<const VarDecl *> &Derived;
  const ApiModel &Api;
  ASTContext &Ctx;
};

/// Follows the model call's inputs back through the body. An input that
/// outlives the iteration and is rewritten from the model's own output or
/// from itself (a recurrent state, a growing token sequence) makes the loop
/// sequential: each call needs the previous one's result.
class InputTrace {
public:
  InputTrace(const CallExpr *Run, const LoopFlow &Flow, ASTContext &Ctx)
      : Run(Run), Flow(Flow), SM(Ctx.getSourceManager()) {
    for (const Expr *Arg : writtenArgs(Run))
      collectVars(Arg, Inputs);
    std::vector<const VarDecl *> Work(Inputs.begin(), Inputs.end());
    while (!Work.empty()) {
      const VarDecl *VD = Work.back();
      Work.pop_back();
      if (!Flow.Local.count(VD))
        continue;
      for (const Expr *Source : sourcesOf(VD)) {
        llvm::SmallPtrSet<const VarDecl *, 8> Used;
        collectVars(Source, Used);
        for (const VarDecl *U : Used)
          if (Inputs.insert(U).second)
            Work.push_back(U);
      }
    }
    findOutputs();
  }

  bool carriedAcrossIterations() const {
    for (const VarDecl *VD : Inputs) {
      if (Flow.Local.count(VD))
        continue;
      for (const Expr *Source : sourcesOf(VD)) {
        llvm::SmallPtrSet<const VarDecl *, 1> Self;
        Self.insert(VD);
        if (containsRun(Source) || refersToAny(Source, Outputs) ||
            refersToAny(Source, Self))
          return true;
      }
    }
    return false;
  }

  /// Whether a batch-of-one call reaches the model call: inside its
  /// arguments or in what an input variable is computed from. A call
  /// without arguments (cv::dnn::Net::forward) takes what was set before.
  bool feeds(const CallExpr *BatchCall) const {
    if (writtenArgs(Run).empty() ||
        within(SM, Run->getSourceRange(), BatchCall->getBeginLoc()))
      return true;
    for (const VarDecl *VD : Inputs)
      for (const Expr *Source : sourcesOf(VD))
        if (within(SM, Source->getSourceRange(), BatchCall->getBeginLoc()))
          return true;
    return false;
  }

private:
  llvm::ArrayRef<const Expr *> sourcesOf(const VarDecl *VD) const {
    auto It = Flow.Sources.find(VD);
    if (It == Flow.Sources.end())
      return {};
    return It->second;
  }

  /// The whole call, not just its start: `Model` in `Model(X)` begins
  /// where the call does.
  bool containsRun(const Expr *Source) const {
    return within(SM, Source->getSourceRange(), Run->getBeginLoc()) &&
           within(SM, Source->getSourceRange(), Run->getEndLoc());
  }

  /// Variables holding the model call's result, or values computed from it.
  void findOutputs() {
    bool Changed = true;
    while (Changed) {
      Changed = false;
      for (const auto &Entry : Flow.Sources) {
        if (Outputs.count(Entry.first))
          continue;
        for (const Expr *Source : Entry.second)
          if (containsRun(Source) || refersToAny(Source, Outputs)) {
            Outputs.insert(Entry.first);
            Changed = true;
            break;
          }
      }
    }
  }

  const CallExpr *Run;
  const LoopFlow &Flow;
  const SourceManager &SM;
  llvm::SmallPtrSet<const VarDecl *, 16> Inputs;
  llvm::SmallPtrSet<const VarDecl *, 16> Outputs;
};

} // namespace

void InferBatchSizeOne::check(const MatchFinder::MatchResult &R) {
  const auto *Run = R.Nodes.getNodeAs<CallExpr>("run");
  if (!Run || Run->getBeginLoc().isInvalid() || Run->getBeginLoc().isMacroID())
    return;
  ASTContext &Ctx = *R.Context;
  const Stmt *Loop = enclosingLoop(Run, Ctx);
  if (!Loop)
    return;
  std::vector<const VarDecl *> Seeds = collectionSeeds(Loop);
  if (Seeds.empty() || isInRetryBlock(Run, Loop, Ctx) || runsAtMostOnce(Loop) ||
      mayLeaveEarly(loopBody(Loop)))
    return;

  LoopFlow Flow(loopBody(Loop));
  llvm::SmallPtrSet<const VarDecl *, 16> Derived = itemDerived(Flow, Seeds);
  // A model picked by the element (`Models[I]->forward(...)`): each call
  // runs a different model, which cannot share a batch.
  if (const Expr *Model = calleeObject(Run))
    if (refersToAny(Model, Derived))
      return;
  InputTrace Trace(Run, Flow, Ctx);
  if (Trace.carriedAcrossIterations())
    return;
  for (const BatchOfOne &Batch :
       BatchOfOneFinder(Loop, Derived, api(), Ctx).find()) {
    if (!Trace.feeds(Batch.Call))
      continue;
    const ApiEntry *Entry = api().matchCall(Run, roles::InferenceCall);
    if (!Entry)
      Entry = api().matchCall(Run, roles::RuntimeInferenceCall);
    Finding &F = report(
        Run->getBeginLoc(),
        "'" + (Entry ? Entry->Name : std::string("the model")) +
            "' runs on a batch of one element per iteration of this loop "
            "over a collection; batch the elements and run the model once "
            "per batch (at batch size 1 each call pays the fixed cost of a "
            "whole pass and leaves the hardware's parallelism idle)");
    F.Notes.push_back({Batch.Call->getBeginLoc(), batchedAdvice(Batch.Role)});
    F.Notes.push_back({Loop->getBeginLoc(), "loop is here"});
    return;
  }
}

} // namespace greenlint
