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

/// Energy for a person, in the unit its magnitude reads best in: mJ below
/// 0.1 J, J below 1 kJ, kJ below 100 kJ, Wh below 1 kWh, then kWh
/// ("0.26 J", not "7.2e-08 kWh"). JSON keeps joules and kWh.
std::string formatEnergy(double Joules, int Significant = 4);
/// Carbon for a person: mg below 1 g, g below 1 kg, then kg.
std::string formatCarbon(double Grams, int Significant = 4);

/// For each row of a table's Rows (report or diff rows, with "scope",
/// "side", "unit"): true for a consumer or provider score row that adds
/// nothing to the table, because a single region row of that side and unit
/// carries the same figures (\p Keys, compared as numbers).
std::vector<bool> redundantSideRows(const nlohmann::json &Rows,
                                    const std::vector<std::string> &Keys);
/// The line under a table that left out \p Hidden such rows.
std::string sideRowsNote(size_t Hidden);
/// The name column of a side score row: "(N regions)" over its regions.
std::string sideRowName(const nlohmann::json &Rows, const nlohmann::json &Row);

} // namespace greenlint

#endif
