//===- ChangedLines.h - Lines changed since a git revision ----------------===//
//
// --diff-base keeps the findings on lines a change touched, the way
// clang-tidy-diff.py does: from the hunk headers of `git diff -U0 REV`.
// A finding caused by an edit elsewhere (line 42 edited, finding on line 99)
// is hidden; docs/check.md says so.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_CHANGEDLINES_H
#define GREENLINT_TOOLS_CHANGEDLINES_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <utility>
#include <vector>

namespace greenlint {

class ChangedLines {
public:
  /// Checks that Rev names a commit (`git rev-parse --verify`), then runs
  /// `git diff -U0 <commit> --` in every repository holding one of Files
  /// (absolute paths). False with Error when git fails or a file is in no
  /// repository.
  bool load(llvm::StringRef Rev, llvm::ArrayRef<std::string> Files,
            std::string &Error);
  /// Reads the added line ranges of a unified diff; paths in it are relative
  /// to RepoRoot.
  void addDiff(llvm::StringRef Diff, llvm::StringRef RepoRoot);
  bool isChanged(llvm::StringRef File, unsigned Line) const;
  /// Every file the diff touched, old and new paths, absolute (and their
  /// real paths where they exist).
  bool isTouched(llvm::StringRef File) const { return Touched.contains(File); }

private:
  void addTouchedFile(llvm::StringRef Path);
  llvm::StringSet<> Touched;
  /// First and last line (inclusive) of each added range, per absolute path.
  llvm::StringMap<std::vector<std::pair<unsigned, unsigned>>> Ranges;
};

} // namespace greenlint

#endif
