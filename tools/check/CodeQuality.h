//===- CodeQuality.h - GitLab Code Quality output of greenlint check ------===//
//
// The subset of the Code Climate issue format that GitLab's Code Quality
// report reads: a JSON array of issues, each with description, check_name,
// fingerprint, severity and location.path / location.lines.begin. Only
// reported findings are listed: GitLab has no notion of a suppressed issue.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_CODEQUALITY_H
#define GREENLINT_TOOLS_CODEQUALITY_H

#include "CheckedFinding.h"
#include "llvm/Support/raw_ostream.h"
#include <vector>

namespace greenlint {

void writeCodeQuality(llvm::raw_ostream &OS,
                      const std::vector<CheckedFinding> &Findings);

} // namespace greenlint

#endif
