//===- CheckedFinding.h - A finding as `greenlint check` handles it -------===//
//
// The engine's ReportedFinding plus what the check front end adds after the
// translation units ran: the path relative to the source root (the key of
// baselines and SARIF URIs), the fingerprint and why a finding is hidden.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_CHECKEDFINDING_H
#define GREENLINT_TOOLS_CHECKEDFINDING_H

#include "Diagnostics.h"
#include <string>
#include <vector>

namespace greenlint {

enum class FindingState {
  Reported,   ///< shown, and counted in the exit code
  Suppressed, ///< NOLINT in the source
  Baselined,  ///< matched an entry of --baseline
  Unchanged,  ///< not on a line changed since --diff-base
};

struct CheckedFinding {
  /// Paths in here are absolute and normalised.
  ReportedFinding Finding;
  /// Relative to the source root with '/' separators; absolute when the file
  /// lies outside it.
  std::string RelativePath;
  /// The compile command's directory (clang-tidy's BuildDirectory).
  std::string BuildDirectory;
  /// Independent of the line number, so moved code keeps its fingerprint.
  std::string Fingerprint;
  FindingState State = FindingState::Reported;
};

/// Sorts \p Findings by file, line, column, rule and message, and keeps one
/// of each: a header linted from several units, or a unit with several
/// commands, reports the same finding more than once.
void removeDuplicateFindings(std::vector<CheckedFinding> &Findings);

/// How many findings are in each state.
struct FindingCounts {
  unsigned Reported = 0, Suppressed = 0, Baselined = 0, Unchanged = 0;
};
FindingCounts countStates(const std::vector<CheckedFinding> &Findings);

} // namespace greenlint

#endif
