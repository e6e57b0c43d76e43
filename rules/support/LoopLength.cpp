//===- LoopLength.cpp -----------------------------------------------------===//
#include "LoopLength.h"
#include "TrainingLoop.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Analysis/Analyses/ExprMutationAnalyzer.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

namespace {

/// How deep a chain of local variables (a loader bound to a variable, a
/// dataset to another) is followed.
constexpr unsigned MaxVariableHops = 6;

uint64_t saturatingProduct(uint64_t A, uint64_t B) {
  return B != 0 && A > UINT64_MAX / B ? UINT64_MAX : A * B;
}

/// E without what the source does not spell: parentheses, implicit casts and
/// temporaries, default arguments, functional casts, std::move, and the copy
/// or move into a by-value parameter.
const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Before = E;
    E = E->IgnoreParens();
    if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(E))
      E = Default->getExpr();
    E = E->IgnoreImplicit();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E))
      E = Cast->getSubExpr();
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->isCallToStdMove() && Call->getNumArgs() == 1)
      E = Call->getArg(0);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor())
      E = Construct->getArg(0);
    if (E == Before)
      break;
  }
  return E;
}

/// Assigning or resetting a variable makes its initialiser say nothing about
/// the value a later use sees.
bool isReassigned(const VarDecl *Var, const FunctionDecl *Fn, ASTContext &Ctx) {
  if (!Fn || !Fn->getBody())
    return true;
  auto Ref = ignoringParenImpCasts(declRefExpr(to(varDecl(equalsNode(Var)))));
  return !match(findAll(expr(anyOf(
                    binaryOperator(isAssignmentOperator(), hasLHS(Ref)),
                    cxxOperatorCallExpr(isAssignmentOperator(),
                                        hasArgument(0, Ref)),
                    // std::unique_ptr::reset swaps the loader a pointer holds.
                    cxxMemberCallExpr(
                        on(Ref), callee(cxxMethodDecl(hasName("reset"))))))),
                *Fn->getBody(), Ctx)
              .empty();
}

/// The initialiser of a local variable E names that nothing reassigns, or
/// null.
const Expr *localInitializer(const Expr *E, const FunctionDecl *Fn,
                             ASTContext &Ctx) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || isa<ParmVarDecl>(Var) || !Var->hasLocalStorage() ||
      !Var->getInit() || isReassigned(Var, Fn, Ctx))
    return nullptr;
  return Var->getInit();
}

/// True if a statement in Body may end the pass before the loader is
/// exhausted: a return, goto, or a break of this loop (not of a loop or
/// switch inside it). A throw ends the whole run, not just the pass.
bool leavesEarly(const Stmt *S, bool InNestedBreakTarget) {
  for (const Stmt *Child : S->children()) {
    if (!Child || isa<LambdaExpr>(Child))
      continue;
    if (isa<ReturnStmt, GotoStmt, CoreturnStmt>(Child) ||
        (isa<BreakStmt>(Child) && !InNestedBreakTarget))
      return true;
    bool Nested =
        InNestedBreakTarget ||
        isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt>(Child);
    if (leavesEarly(Child, Nested))
      return true;
  }
  return false;
}

} // namespace

/// One pass over a data loader of known length.
struct LoopLengths::Pass {
  uint64_t Batches = 0;
  std::string Evidence;
};

uint64_t LoopNest::knownUpdates(size_t Upto) const {
  uint64_t Product = 1;
  for (size_t I = 0; I < Upto && I < Loops.size(); ++I)
    Product = saturatingProduct(Product, Loops[I].Trips.value_or(1));
  return Product;
}

size_t LoopNest::knownCount(size_t Upto) const {
  size_t Count = 0;
  for (size_t I = 0; I < Upto && I < Loops.size(); ++I)
    Count += Loops[I].Trips.has_value();
  return Count;
}

const Stmt *LoopNest::outermostKnown(size_t Upto) const {
  for (size_t I = std::min(Upto, Loops.size()); I-- > 0;)
    if (Loops[I].Trips)
      return Loops[I].Loop;
  return nullptr;
}

std::string LoopNest::why(size_t Upto) const {
  Upto = std::min(Upto, Loops.size());
  size_t Known = knownCount(Upto);
  std::string Total = std::to_string(knownUpdates(Upto)) + " updates";
  std::string Text;
  size_t Seen = 0;
  for (size_t I = Upto; I-- > 0;) {
    const LoopFactor &F = Loops[I];
    if (!F.Trips)
      continue;
    ++Seen;
    // One counting loop needs no breakdown.
    if (Known == 1 && !F.LoaderPass)
      return Total;
    std::string Part = std::to_string(*F.Trips);
    if (F.LoaderPass)
      Part += " batches (" + F.Evidence + ")";
    else if (Seen == 1)
      Part += " epochs";
    else if (Seen == Known)
      Part += " steps";
    else
      Part += " iterations";
    Text += (Text.empty() ? "" : " x ") + Part;
  }
  return Text + " = " + Total;
}

LoopLengths::LoopLengths(const ApiModel &Api, ASTContext &Ctx,
                         bool UseDatasetSizes)
    : Api(Api), Ctx(Ctx), UseDatasetSizes(UseDatasetSizes), Calls(Ctx) {}

LoopLengths::~LoopLengths() = default;

std::optional<std::pair<uint64_t, std::string>>
LoopLengths::datasetSamples(const Expr *Dataset, const FunctionDecl *Fn,
                            unsigned Depth) {
  const Expr *E = strip(Dataset);
  if (!E || Depth > MaxVariableHops)
    return std::nullopt;
  if (const Expr *Init = localInitializer(E, Fn, Ctx))
    return datasetSamples(Init, Fn, Depth + 1);
  // A transform (map) keeps the count of the dataset it wraps.
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    if (Api.matchCall(Call, roles::DatasetTransform))
      return datasetSamples(Call->getImplicitObjectArgument(), Fn, Depth + 1);
  const auto *Construct = dyn_cast<CXXConstructExpr>(E);
  const ApiEntry *Known =
      Construct ? Api.matchType(Construct->getType(), roles::DatasetSize)
                : nullptr;
  if (!Known)
    return std::nullopt;
  const ApiEntry *Split = Known->Samples ? Known : nullptr;
  if (!Split && Known->SourceArgs.size() == 1 &&
      Known->SourceArgs[0] < Construct->getNumArgs()) {
    // The split argument, its default included (strip reads it).
    const Expr *Arg = strip(Construct->getArg(Known->SourceArgs[0]));
    if (const Expr *Init = localInitializer(Arg, Fn, Ctx))
      Arg = strip(Init);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg))
      Split = Api.matchValue(Ref->getDecl(), roles::DatasetSize);
  }
  if (!Split || !Split->Samples)
    return std::nullopt;
  return std::make_pair(*Split->Samples, Split->Label);
}

bool LoopLengths::batchSize(const Expr *Options, const FunctionDecl *Fn,
                            std::optional<uint64_t> &Batch, bool &DropLast,
                            unsigned Depth) {
  const Expr *E = strip(Options);
  auto ConstantSize = [&](const Expr *Arg) -> bool {
    std::optional<int64_t> V = estimate::constantValue(Arg, Fn, Ctx);
    if (!V || *V <= 0)
      return false;
    Batch = static_cast<uint64_t>(*V);
    return true;
  };
  while (E && Depth <= MaxVariableHops) {
    // Setters chain on the options; the outermost call is applied last, so
    // the first batch size met here is the one that holds.
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
        Call && Api.matchType(Call->getObjectType(), roles::LoaderBatchSize)) {
      if (Call->getNumArgs() == 1 &&
          Api.matchCall(Call, roles::LoaderDropLast)) {
        // A flag not known to be false may drop the last batch: count the
        // full batches only (a lower bound).
        std::optional<int64_t> V =
            estimate::constantValue(Call->getArg(0), Fn, Ctx);
        DropLast = DropLast || !V || *V != 0;
      } else if (Call->getNumArgs() == 1 && !Batch &&
                 Api.matchCall(Call, roles::LoaderBatchSize) &&
                 !ConstantSize(Call->getArg(0))) {
        return false;
      }
      E = strip(Call->getImplicitObjectArgument());
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct &&
        Api.matchType(Construct->getType(), roles::LoaderBatchSize)) {
      // A size converts to options; default options leave the size to
      // their own default, which is not data here.
      if (!Batch && Construct->getNumArgs() == 1 &&
          Construct->getArg(0)->getType()->isIntegerType() &&
          !ConstantSize(Construct->getArg(0)))
        return false;
      return Batch.has_value();
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    // A setter called on the variable later changes it: only an options
    // variable nothing changes is followed.
    if (!Var || isa<ParmVarDecl>(Var) || !Var->hasLocalStorage() ||
        !Var->getInit() || !Fn || !Fn->getBody() ||
        ExprMutationAnalyzer(*Fn->getBody(), Ctx).isMutated(Var))
      return false;
    E = strip(Var->getInit());
    ++Depth;
  }
  return false;
}

std::optional<LoopLengths::Pass>
LoopLengths::loaderPass(const Expr *Loader, const FunctionDecl *Fn,
                        std::optional<unsigned> *LoaderParam) {
  const Expr *E = strip(Loader);
  for (unsigned Hop = 0; E && Hop <= MaxVariableHops; ++Hop) {
    // `*loader`: the loader a smart pointer holds.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getOperator() == OO_Star && Op->getNumArgs() == 1)
      E = strip(Op->getArg(0));
    else if (const auto *Un = dyn_cast<UnaryOperator>(E);
             Un && Un->getOpcode() == UO_Deref)
      E = strip(Un->getSubExpr());
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    if (!Ref)
      break;
    if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl())) {
      if (LoaderParam && Param->getDeclContext() == Fn)
        *LoaderParam = Param->getFunctionScopeIndex();
      return std::nullopt;
    }
    const Expr *Init = localInitializer(E, Fn, Ctx);
    if (!Init)
      return std::nullopt;
    E = strip(Init);
  }
  // The overload with a sampler of its own (three arguments) may draw any
  // number of samples: only dataset and options are followed.
  const auto *Make = dyn_cast_or_null<CallExpr>(E);
  if (!Make || Make->getNumArgs() != 2 ||
      !Api.matchCall(Make, roles::DataLoaderCreate))
    return std::nullopt;
  std::optional<std::pair<uint64_t, std::string>> Samples =
      datasetSamples(Make->getArg(0), Fn, 0);
  std::optional<uint64_t> Batch;
  bool DropLast = false;
  if (!Samples || !batchSize(Make->getArg(1), Fn, Batch, DropLast, 0) || !Batch)
    return std::nullopt;
  Pass P;
  P.Batches = DropLast ? Samples->first / *Batch
                       : (Samples->first + *Batch - 1) / *Batch;
  P.Evidence = Samples->second + ", " + std::to_string(Samples->first) +
               " samples, batch size " + std::to_string(*Batch) +
               (DropLast ? ", last partial batch dropped" : "");
  return P;
}

LoopFactor LoopLengths::factor(const Stmt *Loop, const FunctionDecl *Fn,
                               std::optional<unsigned> &LoaderParam) {
  LoopFactor F;
  F.Loop = Loop;
  F.Fn = Fn;
  const auto *Range = dyn_cast<CXXForRangeStmt>(Loop);
  if (!Range) {
    F.Trips = constantTripCount(Loop, Fn, Ctx);
    return F;
  }
  if (!UseDatasetSizes || !Range->getRangeInit() || !Range->getBody() ||
      leavesEarly(Range->getBody(), false))
    return F;
  if (std::optional<Pass> P =
          loaderPass(Range->getRangeInit(), Fn, &LoaderParam)) {
    F.Trips = P->Batches;
    F.LoaderPass = true;
    F.Evidence = std::move(P->Evidence);
  }
  return F;
}

std::vector<LoopNest> LoopLengths::nests(const Stmt *Update,
                                         const FunctionDecl *Fn) {
  LoopNest Nest;
  // The loop over a loader parameter, and the parameter's index.
  std::optional<std::pair<size_t, unsigned>> Param;
  for (const Stmt *Loop : enclosingLoops(Update, Ctx)) {
    std::optional<unsigned> Index;
    Nest.Loops.push_back(factor(Loop, Fn, Index));
    if (Index && !Param)
      Param = std::make_pair(Nest.Loops.size() - 1, *Index);
  }
  if (!Param || !Fn)
    return {Nest};
  auto [ParamLoop, ParamIndex] = *Param;
  // The loader is the caller's: each call site in this file that passes a
  // loader of known length gives the pass its batches and adds the loops
  // around the call (the epochs).
  std::vector<LoopNest> Found;
  // Copied: factor() may grow the index while call sites are read.
  auto Sites = Calls.of(Fn);
  for (const auto &[Call, Caller] : Sites) {
    if (isa<CXXOperatorCallExpr>(Call) || ParamIndex >= Call->getNumArgs())
      continue;
    std::optional<Pass> P =
        loaderPass(Call->getArg(ParamIndex), Caller, nullptr);
    if (!P)
      continue;
    LoopNest Candidate = Nest;
    LoopFactor &PassLoop = Candidate.Loops[ParamLoop];
    PassLoop.Trips = P->Batches;
    PassLoop.LoaderPass = true;
    PassLoop.Evidence = P->Evidence;
    Candidate.CallSite = Call;
    for (const Stmt *Loop : enclosingLoops(Call, Ctx)) {
      std::optional<unsigned> Ignored;
      Candidate.Loops.push_back(factor(Loop, Caller, Ignored));
    }
    Found.push_back(std::move(Candidate));
  }
  if (Found.empty())
    Found.push_back(std::move(Nest));
  return Found;
}

LoopNest LoopLengths::nest(const Stmt *Update, const FunctionDecl *Fn) {
  std::vector<LoopNest> All = nests(Update, Fn);
  size_t Best = 0;
  for (size_t I = 1; I < All.size(); ++I)
    if (All[I].knownUpdates() > All[Best].knownUpdates())
      Best = I;
  return std::move(All[Best]);
}

} // namespace greenlint
