//===- ReportBuilder.h - Ledgers + methodology -> the report ----*- C++ -*-===//
//
// The report document (docs/report-format.md) is the one model every format
// renders and `greenlint diff` reads, so the numbers a diff compares are the
// numbers the report printed.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_REPORTBUILDER_H
#define GREENLINT_TOOLS_REPORTBUILDER_H

#include "LedgerReader.h"
#include "ReportOptions.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace greenlint {

/// Builds the report document (docs/report-format.md).
bool buildReport(const std::vector<Ledger> &Ledgers, const ReportOptions &O,
                 nlohmann::json &Out, std::string &Error);

/// Builds the report document from ledger files and folders, holding one
/// ledger's records at a time; the same document as loadLedgers followed by
/// buildReport, and the same first error.
bool buildReportFromPaths(const std::vector<std::string> &Paths,
                          const ReportOptions &O, nlohmann::json &Out,
                          std::string &Error);

} // namespace greenlint

#endif
