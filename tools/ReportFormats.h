//===- ReportFormats.h - Renders the report document ------------*- C++ -*-===//
#ifndef GREENLINT_TOOLS_REPORTFORMATS_H
#define GREENLINT_TOOLS_REPORTFORMATS_H

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace greenlint {

/// The terminal table: methodology, boundary, then one table per group.
std::string renderReportTable(const nlohmann::json &Report);
/// The same as GitHub/GitLab Markdown.
std::string renderReportMarkdown(const nlohmann::json &Report);
/// An Impact Framework manifest whose `if-run` output carries the same SCI
/// per row, computed by IF's builtins from E, PUE, I and M's four terms.
std::string renderIfManifest(const nlohmann::json &Report);

/// Rows of cells; the first row is the heading.
using TextTable = std::vector<std::vector<std::string>>;
/// Columns padded to their widest cell, each line after \p Indent spaces.
std::string alignTable(const TextTable &T, size_t Indent = 0);
/// A Markdown table; columns from \p LeftColumns on are right-aligned.
std::string markdownTable(const TextTable &T, size_t LeftColumns = 3);

/// "1.23e-05" style for small numbers, plain for ordinary ones.
std::string formatNumber(double V, int Significant = 4);

} // namespace greenlint

#endif
