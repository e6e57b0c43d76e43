//===- Facts.h - The per-TU facts file ------------------------------------===//
//
// What the plugin learned about one translation unit, for `greenlint report`
// and `greenlint diff`: findings, hot-path sites, static model estimates and
// the compile's own cost. The format is described in docs/facts-format.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_PLUGIN_FACTS_H
#define GREENLINT_PLUGIN_FACTS_H

#include "Diagnostics.h"
#include "Instrument.h"
#include "support/ProjectTable.h"
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace greenlint {

struct FactsFile {
  static constexpr int FormatVersion = 1;
  std::string Source;
  std::string ConfigPath;
  double LintSeconds = 0;
  std::vector<std::string> CommandLine;
  std::vector<ReportedFinding> Findings;
  std::vector<PlannedRegion> Regions;
  /// Static model estimates (rules/estimate/), a JSON array.
  nlohmann::ordered_json Estimates = nlohmann::ordered_json::array();
  /// The compile's own cost (wall, CPU, modelled energy); null until known.
  nlohmann::ordered_json Compile;
  /// What the unit adds to and needs from the project view (written as
  /// "project", with ProjectFacts::FormatVersion); none for a precompiled
  /// input.
  std::optional<ProjectFacts> Project;

  std::string toJson() const;
  /// <source name>-<hash of its absolute path>.json: one name per unit, the
  /// same whichever folder the facts go to.
  std::string fileName() const;
  /// fileName() of the unit compiled from \p Source.
  static std::string fileNameFor(llvm::StringRef Source);
  /// Writes <Dir>/fileName() atomically.
  bool write(llvm::StringRef Dir, std::string &Error) const;
};

llvm::StringRef severityName(Severity S);

/// True for sources a build system compiles to probe the compiler, not the
/// project's: CMake's CMakeCXXCompilerId.cpp, try_compile and check_*
/// sources under CMakeFiles/CMakeScratch or CMakeFiles/CMakeTmp.
bool isBuildSystemProbe(llvm::StringRef Source);

} // namespace greenlint

#endif
