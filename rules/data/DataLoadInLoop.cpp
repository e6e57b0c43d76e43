//===- DataLoadInLoop.cpp -------------------------------------------------===//
#include "DataLoadInLoop.h"
#include "../RuleContext.h"
#include "../support/FunctionSummaries.h"
#include "../support/LoopInvariance.h"
#include "../support/SourceArguments.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

/// Calls that read and parse a dataset or an image from storage.
static constexpr llvm::StringLiteral DatasetLoadRole = roles::DatasetLoad;

const RuleInfo DataLoadInLoop::Info = {
    "data-load-in-loop",
    "data",
    "the same dataset or image is read from disk on every loop iteration",
    /*DefaultOn=*/true,
    {},
    makeRule<DataLoadInLoop>,
    {DatasetLoadRole.data()}};

void DataLoadInLoop::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      expr(anyOf(callExpr(isApiCall(&api(), DatasetLoadRole)),
                 cxxConstructExpr(isApiCall(&api(), DatasetLoadRole))))
          .bind("load"),
      this);
  // Reads one or more calls away: the loop calls the project's own helper.
  Finder.addMatcher(
      stmt(anyOf(forStmt(), whileStmt(), doStmt(), cxxForRangeStmt()),
           unless(isExpansionInSystemHeader()))
          .bind("loop"),
      this);
}

static std::string apiName(const ApiEntry &Entry) {
  return Entry.Kind == ApiEntry::Method ? Entry.Class + "::" + Entry.Name
                                        : Entry.Name;
}

void DataLoadInLoop::check(const MatchFinder::MatchResult &R) {
  if (const auto *Loop = R.Nodes.getNodeAs<Stmt>("loop")) {
    for (const ReachedApiCall &Reached :
         repeatedHelperCalls(*Loop, DatasetLoadRole, context().summaries(),
                             api(), *R.Context)) {
      std::string What = apiName(*Reached.Entry);
      Finding &F = report(Reached.Site->getBeginLoc(),
                          "'" + userCallName(Reached.Site) +
                              "' reads and parses the same data on every "
                              "iteration of this loop (through '" +
                              What +
                              "'); load it once before the loop and reuse "
                              "it (each read repeats the disk I/O and "
                              "decoding)");
      F.Notes.push_back({Loop->getBeginLoc(), "loop is here"});
      F.Notes.push_back(
          apiCallNote(Reached, "'" + What + "' reads it here", *R.Context));
    }
    return;
  }
  const auto *Load = R.Nodes.getNodeAs<Expr>("load");
  const ApiEntry *Entry = api().matchCall(Load, DatasetLoadRole);
  if (!Entry || Load->getBeginLoc().isInvalid())
    return;
  ASTContext &Ctx = *R.Context;
  const Stmt *Loop = enclosingLoop(Load, Ctx);
  if (!Loop || isInRetryBlock(Load, Loop, Ctx) || runsAtMostOnce(Loop))
    return;
  std::optional<std::vector<const Expr *>> Args =
      sourceArguments(Load, Entry->SourceArgs);
  if (!Args)
    return; // the call lacks the argument the data names: stay quiet
  for (const Expr *Arg : *Args)
    if (!isLoopInvariant(Arg, Loop, Ctx, &api()))
      return;
  std::string What = apiName(*Entry);
  Finding &F = report(Load->getBeginLoc(),
                      "'" + What +
                          "' reads and parses the same data on every "
                          "iteration of this loop; load it once before the "
                          "loop and reuse it (each read repeats the disk I/O "
                          "and decoding)");
  F.Notes.push_back({Loop->getBeginLoc(), "loop is here"});
}

} // namespace greenlint
