//===- FactsFolderProject.h - The project view of the plugin --------------===//
//
// With facts=DIR every unit's facts file also holds its project facts (what
// its functions reach, what it calls without their bodies). Before linting,
// the plugin reads those of the units already in DIR into a ProjectTable, the
// same table `greenlint check` builds in its second pass, so a loop calling a
// helper of an earlier unit is judged as check judges it. A unit compiled
// before its helper's unit sees nothing of it: a second build, or `greenlint
// check`, sees everything. See docs/check.md, "Project view".
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_PLUGIN_FACTSFOLDERPROJECT_H
#define GREENLINT_PLUGIN_FACTSFOLDERPROJECT_H

#include "support/ProjectTable.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace greenlint {

/// A facts file the project view could not use.
struct SkippedFactsFile {
  std::string File;
  /// What is wrong with it, and what to do.
  std::string What;
  std::string Fix;
};

struct FactsFolderRead {
  /// Facts files whose project facts went into the table.
  size_t Units = 0;
  std::vector<SkippedFactsFile> Skipped;
};

/// Adds to \p Table the project facts of the facts files directly in \p Dir
/// (sorted by name), except \p OwnFileName: this unit's file of an earlier
/// build, whose definitions the unit's AST has as they are now. Files
/// without project facts (model-file facts, an older plugin's) add nothing;
/// a file that is unreadable, not JSON, not greenlint's facts, or whose
/// project facts are of another version or fail a field check is skipped
/// and listed. A missing folder is an empty one (the first compile).
FactsFolderRead addFactsFolder(llvm::StringRef Dir, llvm::StringRef OwnFileName,
                               ProjectTable &Table);

/// The one warning for \p Read's skipped files (empty when none): the first
/// file, why and what to do, and how many more.
std::string skippedFactsWarning(const FactsFolderRead &Read);

} // namespace greenlint

#endif
