//===- FindingPrinters.h - Findings as text and JSON ------------*- C++ -*-===//
//
// The text and JSON reports of `greenlint check` (SARIF: Sarif.h). Only
// reported findings are listed; paths and messages quote source text, so
// they are escaped for the terminal or written by the one JSON writer.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_FINDINGPRINTERS_H
#define GREENLINT_TOOLS_FINDINGPRINTERS_H

#include "CheckedFinding.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace greenlint {

/// Clang-style lines: file:line:col: level: message [greenlint-id], then
/// the notes.
void printFindingsText(llvm::raw_ostream &OS,
                       const std::vector<CheckedFinding> &Findings);

/// The JSON report (docs/check.md): the tool and its \p Version, the source
/// root, the findings with notes and fixes, and the counts by state, plus
/// \p NotListed: findings known only by their count (merged JSON reports).
void printFindingsJson(llvm::raw_ostream &OS,
                       const std::vector<CheckedFinding> &Findings,
                       llvm::StringRef SourceRoot, llvm::StringRef Version,
                       const FindingCounts &NotListed = {});

} // namespace greenlint

#endif
