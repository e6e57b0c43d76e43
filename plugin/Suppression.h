//===- Suppression.h - NOLINT comments with greenlint ids -----------------===//
//
// clang-tidy's syntax: NOLINT, NOLINTNEXTLINE, NOLINTBEGIN/NOLINTEND, each
// with an optional (glob, ...) list and an optional ": reason". Globs are
// matched against "greenlint-<rule-id>"; negative globs are ignored, as in
// clang-tidy.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_PLUGIN_SUPPRESSION_H
#define GREENLINT_PLUGIN_SUPPRESSION_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace greenlint {

struct SuppressionProblem {
  unsigned Line;
  unsigned Column;
  std::string Message;
};

class FileSuppressions {
public:
  /// Scans a file's text for NOLINT comments.
  static FileSuppressions parse(llvm::StringRef Text);

  /// True if a finding of RuleId (without the "greenlint-" prefix) on the
  /// 1-based Line is suppressed.
  bool suppresses(unsigned Line, llvm::StringRef RuleId) const;
  /// Unmatched NOLINTBEGIN/NOLINTEND comments that concern greenlint.
  const std::vector<SuppressionProblem> &problems() const { return Problems; }

private:
  struct Span {
    unsigned FirstLine, LastLine;
    std::vector<std::string> Globs; // empty: every rule
  };
  std::vector<Span> Spans;
  std::vector<SuppressionProblem> Problems;
};

} // namespace greenlint

#endif
