//===- CheckOptions.h - The options of greenlint check ----------*- C++ -*-===//
//
// Parsed and checked before anything is read, so that a typo is reported
// under the option's name with what to do, and exits 2.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_CHECKOPTIONS_H
#define GREENLINT_TOOLS_CHECKOPTIONS_H

#include "Shards.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace greenlint {

/// check's --format.
enum class OutputFormat { Text, Json, Sarif, CodeQuality };

/// The options of `greenlint check`, as given.
struct CheckOptions {
  std::string BuildDir;
  std::vector<std::string> Files;
  std::string ConfigPath;
  std::string RuleGlobs;
  OutputFormat Format = OutputFormat::Text;
  std::string OutputPath;
  std::string ExportFixesPath;
  std::string DiffBase;
  /// --diff-base was given, even with an empty value (an error, not "off").
  bool DiffBaseGiven = false;
  std::string BaselinePath;
  std::string WriteBaselinePath;
  std::string SourceRoot;
  /// --docs-url, else $GREENLINT_DOCS_URL, else the build's default.
  std::string DocsUrl;
  /// --docs-url was given (a merge then overrides the reports' links).
  bool DocsUrlGiven = false;
  /// --merge: Files are shard reports to merge; nothing is linted.
  bool Merge = false;
  /// --shard K/N: lint only this block of the sorted units (1/1: all).
  Shard UnitShard;
  /// --cache DIR; empty: BUILD_DIR/.greenlint-cache.
  std::string CacheDir;
  bool NoCache = false;
  /// Skip the second pass that lints units with the project's table.
  bool NoProjectView = false;
  /// --cache-max-mb: the cache folder's size bound.
  unsigned CacheMaxMb = 256;
  bool CacheStats = false;
  unsigned Jobs = 0;
  bool Quiet = false;
};

/// Parses \p Argv (the arguments after "check") into \p Opts, resolving
/// -j and the docs URL defaults. Returns -1 to go on, else the exit code
/// (0 after --help, 2 after a usage error, which it has printed).
int parseCheckArguments(int Argc, const char **Argv, CheckOptions &Opts);

/// Whether every glob of --rules \p Globs matches a rule; \p Error says
/// which does not and what to do. Checked here, so that a typo is reported
/// under the option's name rather than as a position in the plugin argument
/// it is passed as.
bool checkRuleGlobs(llvm::StringRef Globs, std::string &Error);

} // namespace greenlint

#endif
