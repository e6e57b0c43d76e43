//===- Baseline.h - Known findings that a check run does not report ------===//
//
// A baseline lets a project adopt greenlint without fixing every existing
// finding first. Entries are keyed by rule, file and a fingerprint of the
// code rather than the line number, so code that moves (a function added
// above it) stays known while a new finding of the same rule still shows.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_BASELINE_H
#define GREENLINT_TOOLS_BASELINE_H

#include "CheckedFinding.h"
#include "SourceFiles.h"
#include "llvm/ADT/StringRef.h"
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace greenlint {

/// Fingerprint: a hash of the rule, the finding's source line with
/// whitespace collapsed and the message, then ":N" where N counts earlier
/// findings with the same hash in the same file (identical lines stay
/// distinct). Findings must be sorted by file and line.
void assignFingerprints(std::vector<CheckedFinding> &Findings,
                        SourceFiles &Sources);

class Baseline {
public:
  /// False with Error naming the file and what is wrong.
  static bool load(llvm::StringRef Path, Baseline &Out, std::string &Error);
  /// Reads a baseline from \p Text (\p Path names it in messages): the
  /// fuzzer's entry point.
  static bool parse(llvm::StringRef Text, llvm::StringRef Path, Baseline &Out,
                    std::string &Error);
  /// Records every finding that is not suppressed in the source.
  static bool write(llvm::StringRef Path,
                    const std::vector<CheckedFinding> &Findings,
                    std::string &Error);

  bool contains(const CheckedFinding &F) const;

private:
  std::set<std::tuple<std::string, std::string, std::string>> Keys;
};

} // namespace greenlint

#endif
