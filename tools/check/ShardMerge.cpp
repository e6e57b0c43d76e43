//===- ShardMerge.cpp - check --merge: shard reports merged ---------------===//
#include "ShardMerge.h"
#include "OutputEscaping.h"
#include "Paths.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace greenlint {

namespace {

const char *formatName(ShardFormat F) {
  return F == ShardFormat::Sarif ? "SARIF" : "JSON";
}

/// Why \p R cannot be merged with \p First (read from \p FirstPath), or
/// empty.
std::string unmergeableBecause(const ShardReport &R, const ShardReport &First,
                               llvm::StringRef FirstPath,
                               const ShardReadOptions &Opts) {
  std::string FirstName = terminalText(FirstPath);
  if (R.Format != First.Format)
    return std::string("a ") + formatName(R.Format) + " report, but " +
           FirstName + " is " + formatName(First.Format) +
           "; merge reports of one format (run every shard with the same "
           "--format)";
  if (Opts.SourceRoot.empty() && R.SourceRoot != First.SourceRoot)
    return "its source root is '" + terminalText(R.SourceRoot) +
           "', but that of " + FirstName + " is '" +
           terminalText(First.SourceRoot) +
           "'; pass --source-root with the folder their paths are relative "
           "to in this checkout";
  if (Opts.DocsUrl.empty() && R.DocsUrl != First.DocsUrl)
    return "its rule-doc links start with '" + terminalText(R.DocsUrl) +
           "', but those of " + FirstName + " with '" +
           terminalText(First.DocsUrl) +
           "'; pass --docs-url with the one the merged report should use";
  return "";
}

} // namespace

bool mergeShardReports(const std::vector<ShardReport> &Reports,
                       const std::vector<std::string> &Paths,
                       const ShardReadOptions &Opts, ShardReport &Out,
                       std::string &Error) {
  if (Reports.empty()) {
    Error = "no reports to merge; pass the reports that greenlint check "
            "--shard K/N wrote with --format sarif or --format json";
    return false;
  }
  const ShardReport &First = Reports.front();
  for (size_t I = 1; I < Reports.size(); ++I) {
    std::string Why =
        unmergeableBecause(Reports[I], First, Paths.front(), Opts);
    if (!Why.empty()) {
      Error = terminalText(Paths[I]);
      Error += ": ";
      Error += Why;
      return false;
    }
  }
  Out = ShardReport();
  Out.Format = First.Format;
  Out.Version = First.Version;
  Out.SourceRoot = Opts.SourceRoot.empty() ? First.SourceRoot : Opts.SourceRoot;
  Out.DocsUrl = Opts.DocsUrl.empty() ? First.DocsUrl : Opts.DocsUrl;

  // Each report numbered its fingerprints (":N") among its own findings. A
  // fingerprint group (rule, file, hash) that only one report has keeps
  // that numbering, which also counted the findings the report hides; one
  // that several reports have is numbered again below, over the merged
  // findings, as the unsharded run numbers it.
  using GroupKey = std::tuple<std::string, std::string, std::string>;
  std::map<GroupKey, size_t> GroupReport;
  std::map<GroupKey, bool> Shared;
  auto GroupOf = [](const CheckedFinding &C) {
    return GroupKey(C.Finding.RuleId, C.RelativePath,
                    llvm::StringRef(C.Fingerprint).split(':').first.str());
  };
  for (size_t I = 0; I < Reports.size(); ++I) {
    const ShardReport &R = Reports[I];
    for (const CheckedFinding &C : R.Findings) {
      CheckedFinding Copy = C;
      Copy.RelativePath = relativeTo(Copy.Finding.File, Out.SourceRoot);
      GroupKey Key = GroupOf(Copy);
      auto [It, New] = GroupReport.try_emplace(Key, I);
      if (!New && It->second != I)
        Shared[Key] = true;
      Out.Findings.push_back(std::move(Copy));
    }
    Out.NotListed.Suppressed += R.NotListed.Suppressed;
    Out.NotListed.Baselined += R.NotListed.Baselined;
    Out.NotListed.Unchanged += R.NotListed.Unchanged;
    Out.FailedUnits.insert(Out.FailedUnits.end(), R.FailedUnits.begin(),
                           R.FailedUnits.end());
  }
  removeDuplicateFindings(Out.Findings);
  std::map<GroupKey, unsigned> Next;
  for (CheckedFinding &C : Out.Findings) {
    GroupKey Key = GroupOf(C);
    if (!Shared.count(Key))
      continue;
    C.Fingerprint = std::get<2>(Key) + ":" + std::to_string(Next[Key]++);
  }
  // Units are linted in path order; the merged list of failed units is in
  // the order the unsharded run would list them.
  std::sort(Out.FailedUnits.begin(), Out.FailedUnits.end());
  Out.FailedUnits.erase(
      std::unique(Out.FailedUnits.begin(), Out.FailedUnits.end()),
      Out.FailedUnits.end());
  return true;
}

} // namespace greenlint
