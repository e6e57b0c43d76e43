//===- InferLoadInLoop.cpp ------------------------------------------------===//
#include "InferLoadInLoop.h"
#include "../RuleContext.h"
#include "../support/FunctionSummaries.h"
#include "../support/LoopInvariance.h"
#include "../support/SourceArguments.h"
#include "../support/WasteEstimate.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

const RuleInfo InferLoadInLoop::Info = {
    "infer-load-in-loop",
    "infer",
    "a model or session is loaded on every loop iteration from the same "
    "source",
    /*DefaultOn=*/true,
    {{"RequestHandlerRegex", OptionKind::Regex, "",
      "functions whose name matches run once per request: any model load in "
      "them is reported, loop or not"}},
    makeRule<InferLoadInLoop>,
    {roles::ModelLoad.data()}};

InferLoadInLoop::InferLoadInLoop(RuleContext &Ctx)
    : Rule(Info, Ctx), RequestHandlerRegex(option("RequestHandlerRegex")) {}

void InferLoadInLoop::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      expr(anyOf(callExpr(isApiCall(&api(), roles::ModelLoad)),
                 cxxConstructExpr(isApiCall(&api(), roles::ModelLoad))),
           hasAncestor(functionDecl().bind("fn")))
          .bind("load"),
      this);
  // Loads one or more calls away: the loop calls the project's own helper.
  Finder.addMatcher(
      stmt(anyOf(forStmt(), whileStmt(), doStmt(), cxxForRangeStmt()),
           unless(isExpansionInSystemHeader()))
          .bind("loop"),
      this);
}

void InferLoadInLoop::checkHelperLoads(const Stmt &Loop, ASTContext &Ctx) {
  for (const ReachedApiCall &Reached : repeatedHelperCalls(
           Loop, roles::ModelLoad, context().summaries(), api(), Ctx)) {
    Finding &F = report(throughHelperFinding(
        Loop, Reached, "loads the same model",
        "load it once before the loop and reuse it (each load re-reads and "
        "re-initialises all weights)",
        "loads the model here", Ctx));
    // The model file of a load in another unit is not known here.
    if (Reached.ApiCall)
      attachWaste(
          F, reloadWasteOf(*Reached.ApiCall, *Reached.Entry, &Loop, context()),
          context());
  }
}

void InferLoadInLoop::check(const MatchFinder::MatchResult &R) {
  if (const auto *Loop = R.Nodes.getNodeAs<Stmt>("loop")) {
    checkHelperLoads(*Loop, *R.Context);
    return;
  }
  const auto *Load = R.Nodes.getNodeAs<Expr>("load");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  const ApiEntry *Entry = api().matchCall(Load, roles::ModelLoad);
  if (!Entry || Load->getBeginLoc().isInvalid())
    return;
  ASTContext &Ctx = *R.Context;
  std::string What = Entry->Name;

  if (const Stmt *Loop = enclosingLoop(Load, Ctx)) {
    if (isInRetryBlock(Load, Loop, Ctx) || runsAtMostOnce(Loop))
      return;
    // A call without its source (an empty or moved-to session) loads
    // nothing, and one without arguments names nothing to compare.
    std::optional<std::vector<const Expr *>> Sources =
        sourceArguments(Load, Entry->SourceArgs);
    if (!Sources || Sources->empty())
      return;
    for (const Expr *Arg : *Sources)
      if (!isLoopInvariant(Arg, Loop, Ctx, &api()))
        return;
    Finding &F = report(Load->getBeginLoc(),
                        "'" + What +
                            "' loads the same model on every iteration of "
                            "this loop; load it once before the loop and "
                            "reuse it (each load re-reads and re-initialises "
                            "all weights)");
    F.Notes.push_back({Loop->getBeginLoc(), "loop is here"});
    attachWaste(F, reloadWasteOf(*Load, *Entry, Loop, context()), context());
    return;
  }

  if (Fn && Fn->getIdentifier() && RequestHandlerRegex.match(Fn->getName())) {
    Finding &F = report(
        Load->getBeginLoc(),
        "'" + What + "' loads a model on every call of request handler '" +
            Fn->getNameAsString() +
            "'; load it once at start-up and share it across requests");
    attachWaste(F, reloadWasteOf(*Load, *Entry, nullptr, context()), context());
  }
}

} // namespace greenlint
