//===- CheckReport.h - check's report in the chosen format ------*- C++ -*-===//
//
// `greenlint check` and `greenlint check --merge` write the same report from
// the same findings: one place picks the printer of --format.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_CHECKREPORT_H
#define GREENLINT_TOOLS_CHECKREPORT_H

#include "CheckOptions.h"
#include "CheckedFinding.h"
#include "SourceFiles.h"

#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace greenlint {

struct CheckReport {
  OutputFormat Format = OutputFormat::Text;
  std::string SourceRoot;
  std::string DocsUrl;
  std::string Version;
  /// Units with compile errors (SARIF marks the run as not successful).
  std::vector<std::string> FailedUnits;
  /// Findings counted in JSON's summary but not in the list given (merged
  /// JSON reports count what they do not list).
  FindingCounts NotListed;
};

void writeCheckReport(llvm::raw_ostream &OS, const CheckReport &Report,
                      const std::vector<CheckedFinding> &Findings,
                      SourceFiles &Sources);

} // namespace greenlint

#endif
