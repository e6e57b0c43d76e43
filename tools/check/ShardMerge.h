//===- ShardMerge.h - check --merge: shard reports read back ----*- C++ -*-===//
//
// CI matrix jobs run `greenlint check --shard K/N --format sarif|json`; one
// more job merges their reports into the report of an unsharded run. The
// reports are read back into CheckedFindings (SARIF's code-point columns
// turned back into Clang's byte columns), then merged the way check merges
// its units: duplicates (a header finding both shards report) removed, the
// same order, fingerprints counted again where several reports met. Every
// input is checked completely before anything is merged, so a bad one stops
// the merge with its name and what is wrong. See docs/check.md, "Shards".
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_CHECK_SHARDMERGE_H
#define GREENLINT_TOOLS_CHECK_SHARDMERGE_H

#include "CheckedFinding.h"
#include "SourceFiles.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace greenlint {

/// What a shard report was written as.
enum class ShardFormat { Sarif, Json };

/// One shard report, or several merged.
struct ShardReport {
  ShardFormat Format = ShardFormat::Sarif;
  /// The greenlint version that wrote it.
  std::string Version;
  /// The root of its relative paths: --source-root when given, else the
  /// report's own. Absolute, without a trailing '/' (unless it is "/").
  std::string SourceRoot;
  /// SARIF: the base of its rule-doc links; empty when it has none.
  std::string DocsUrl;
  /// Paths absolute (RelativePath relative to SourceRoot), columns in bytes,
  /// fingerprints as written; sorted and without duplicates after
  /// mergeShardReports.
  std::vector<CheckedFinding> Findings;
  /// Findings the report counts but does not list: JSON lists only reported
  /// findings, SARIF leaves out those hidden by a baseline or --diff-base.
  FindingCounts NotListed;
  /// SARIF: the absolute paths of the units that did not compile.
  std::vector<std::string> FailedUnits;
};

struct ShardReadOptions {
  /// When set, the root that relative paths are re-read against: every path
  /// under a report's own source root is moved under this one (the CI jobs
  /// may have checked the project out in different folders).
  std::string SourceRoot;
  /// When set, the docs URL of the merged report (the reports' own may
  /// then differ).
  std::string DocsUrl;
  /// The greenlint version the reports must have been written by: the
  /// merged report's rules table is this greenlint's.
  std::string Version;
};

/// Reads the SARIF or JSON report \p Text of `greenlint check`; \p Path
/// names it in errors. \p Sources reads the source lines that SARIF's
/// code-point columns are counted on. False with \p Error ("<path>: <what is
/// wrong>; <what to do>", the path with line and column for a JSON syntax
/// error) when it is not such a report.
bool parseShardReport(llvm::StringRef Text, llvm::StringRef Path,
                      const ShardReadOptions &Opts, SourceFiles &Sources,
                      ShardReport &Out, std::string &Error);

/// Merges \p Reports (read from \p Paths) into \p Out: one format, one
/// version and, unless \p Opts names one, one source root and docs URL, or
/// false with \p Error naming the report that differs.
bool mergeShardReports(const std::vector<ShardReport> &Reports,
                       const std::vector<std::string> &Paths,
                       const ShardReadOptions &Opts, ShardReport &Out,
                       std::string &Error);

} // namespace greenlint

#endif
