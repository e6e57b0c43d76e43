//===- UnitLinter.h - Lints one translation unit ----------------*- C++ -*-===//
//
// One unit of the compile database through libTooling and the plugin's
// engine: its own ClangTool and file system object, so that units can run
// on several threads without sharing a working directory.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_UNITLINTER_H
#define GREENLINT_TOOLS_UNITLINTER_H

#include "CheckedFinding.h"
#include "LintConsumer.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <set>
#include <string>
#include <vector>

namespace greenlint {

/// What linting one unit produced.
struct UnitResult {
  std::vector<CheckedFinding> Findings;
  std::string Diagnostics;
  unsigned Errors = 0;
  bool Failed = false;
  /// Flags of the compile command Clang does not know (a g++ database).
  std::set<std::string> DroppedFlags;
  /// Every file the unit read, absolute: its source, its headers, the config
  /// in force and the API files that config names. The result cache checks
  /// them for changes.
  std::set<std::string> Inputs;
  /// What the unit adds to and needs from the project view, when the
  /// options asked for it (LintOptions::CollectProjectFacts).
  ProjectFacts Project;
};

/// Parses and lints \p File with its compile command in \p DB; the plugin
/// options of that command (config, rule globs) apply unless \p Opts sets
/// its own.
UnitResult lintUnit(const clang::tooling::CompilationDatabase &DB,
                    const std::string &File, const LintOptions &Opts);

/// Prints one line to stderr for the whole run: which flags the units'
/// compile commands had that Clang does not know, in how many units.
void reportDroppedFlags(const std::vector<UnitResult> &Results);

} // namespace greenlint

#endif
