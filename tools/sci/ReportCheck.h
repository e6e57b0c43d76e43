//===- ReportCheck.h - Validates a report JSON before diff reads it -*- C++
//-*-===//
//
// `greenlint diff` takes report JSONs that people and scripts may have
// edited. Every field the comparison and its renderers read is checked here
// for type and range first, so that a wrong field is a message naming its
// JSON pointer, never an exception (docs/report-format.md).
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_REPORTCHECK_H
#define GREENLINT_TOOLS_REPORTCHECK_H

#include <nlohmann/json.hpp>

#include <string>

namespace greenlint {

/// Whether \p Report (already known to have "format":"greenlint-report")
/// holds what diff reads, with sane numbers. If not, \p Problem reads
/// "<JSON pointer> is <what it is>, expected <what>".
bool checkReportJson(const nlohmann::json &Report, std::string &Problem);

/// Parses and checks a report JSON's text (\p Path only names it in
/// messages): what `greenlint diff` does with a .json side, and the report
/// fuzzer's entry point. On failure \p Error reads "greenlint: <file>...".
bool parseReportJson(const std::string &Path, const std::string &Text,
                     nlohmann::json &Out, std::string &Error);

} // namespace greenlint

#endif
