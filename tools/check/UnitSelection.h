//===- UnitSelection.h - The units a change touches -------------*- C++ -*-===//
//
// With --diff-base, a unit is linted only when its source or a file it read
// (as its current result-cache entry records) changed since the revision; a
// unit without a current entry is linted, since what it reads is unknown. See
// docs/check.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_UNITSELECTION_H
#define GREENLINT_TOOLS_UNITSELECTION_H

#include "ChangedLines.h"
#include "ResultCache.h"

#include "llvm/Support/raw_ostream.h"

#include <map>
#include <string>
#include <vector>

namespace greenlint {

struct UnitSelection {
  size_t Total = 0;
  unsigned ChangedSource = 0, ChangedInclude = 0, Unknown = 0;
  /// The changed files the selected units include, with how many units.
  std::map<std::string, unsigned> ChangedHeaders;
};

/// Keeps in \p Units those \p Changed touches; \p Cache (may be null)
/// knows what each unit read, \p KeyOf gives a unit's cache key.
UnitSelection selectChangedUnits(
    std::vector<std::string> &Units, const ChangedLines &Changed,
    ResultCache *Cache,
    const std::function<std::string(const std::string &)> &KeyOf);

/// One line: "3 of 120 units: 1 changed source, 2 include a changed header
/// (foo.h)"; header paths relative to \p SourceRoot.
void printSelection(llvm::raw_ostream &OS, const UnitSelection &S,
                    size_t Selected, llvm::StringRef SourceRoot);

} // namespace greenlint

#endif
