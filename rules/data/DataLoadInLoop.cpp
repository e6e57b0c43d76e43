//===- DataLoadInLoop.cpp -------------------------------------------------===//
#include "DataLoadInLoop.h"
#include "../support/LoopInvariance.h"
#include "greenlint/apis/ApiModel.h"
#include "../support/SourceArguments.h"
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
}

void DataLoadInLoop::check(const MatchFinder::MatchResult &R) {
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
    if (!isLoopInvariant(Arg, Loop, Ctx))
      return;
  std::string What = Entry->Kind == ApiEntry::Method
                         ? Entry->Class + "::" + Entry->Name
                         : Entry->Name;
  Finding &F = report(Load->getBeginLoc(),
                      "'" + What +
                          "' reads and parses the same data on every "
                          "iteration of this loop; load it once before the "
                          "loop and reuse it (each read repeats the disk I/O "
                          "and decoding)");
  F.Notes.push_back({Loop->getBeginLoc(), "loop is here"});
}

} // namespace greenlint
