//===- Diagnostics.h - From findings to compiler diagnostics --------------===//
//
// The one place that decides whether and how a finding is shown: user code
// only, NOLINT honoured, one report per rule and location, severity from the
// config, and " [greenlint-<id>]" at the end of every message.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_PLUGIN_DIAGNOSTICS_H
#define GREENLINT_PLUGIN_DIAGNOSTICS_H

#include "Config.h"
#include "Rule.h"
#include "Suppression.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Regex.h"
#include <functional>
#include <optional>
#include <set>

namespace greenlint {

/// A finding resolved to file and line, as the facts file and `greenlint
/// check` see it.
struct ReportedFinding {
  std::string RuleId;
  Severity Level;
  std::string File;
  unsigned Line, Column;
  std::string Message;
  struct Note {
    std::string File;
    unsigned Line, Column;
    std::string Message;
  };
  std::vector<Note> Notes;
  struct Replacement {
    std::string File;
    unsigned Offset, Length;
    std::string Text;
  };
  std::vector<Replacement> Fixes;
  bool Suppressed = false;
  /// The energy the finding wastes, where its rule can tell
  /// (rules/support/WasteEstimate.h).
  std::optional<estimate::FindingWaste> Waste;
};

class DiagnosticEmitter {
public:
  DiagnosticEmitter(clang::DiagnosticsEngine &Diags,
                    const clang::SourceManager &SM, const Config &Cfg);

  /// True for locations whose findings are reported: the main file, and
  /// non-system headers matching the config's header_filter.
  bool isUserLocation(clang::SourceLocation Loc);
  void emit(Finding &&F);
  /// Reports unmatched NOLINTBEGIN/END in every file seen so far.
  void reportSuppressionProblems();
  /// An error about greenlint itself (bad config, bad argument).
  static void reportError(clang::DiagnosticsEngine &Diags,
                          llvm::StringRef Message);

  std::function<void(const ReportedFinding &)> OnFinding;
  const std::vector<ReportedFinding> &findings() const { return Findings; }

private:
  const FileSuppressions &suppressionsFor(clang::FileID File);
  ReportedFinding resolve(const Finding &F, Severity Level) const;

  clang::DiagnosticsEngine &Diags;
  const clang::SourceManager &SM;
  const Config &Cfg;
  std::optional<llvm::Regex> HeaderFilter;
  llvm::DenseMap<clang::FileID, bool> UserFiles;
  llvm::DenseMap<clang::FileID, FileSuppressions> Suppressions;
  std::set<std::pair<std::string, unsigned>> Seen; // rule id, raw location
  std::vector<ReportedFinding> Findings;
};

} // namespace greenlint

#endif
