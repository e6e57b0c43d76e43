//===- Comparison.h - Comparing two SCI reports -------------------*- C++
//-*-===//
#ifndef GREENLINT_TOOLS_COMPARISON_H
#define GREENLINT_TOOLS_COMPARISON_H

#include <nlohmann/json.hpp>

#include <string>

namespace greenlint {

/// Lists every methodology difference that makes two reports incomparable
/// (profile, grid and intensity, PUE, meters, functional units, embodied
/// share, grouping), one per line; empty when they compare.
std::string methodologyDifferences(const nlohmann::json &Base,
                                   const nlohmann::json &Head);

struct DiffSettings {
  double Alpha = 0.05;     // two-sided significance level
  double FailAbovePct = 0; // a regression counts only beyond this
  /// --fail-on-build-growth: a model's parameters or joules per call growing
  /// beyond this percentage fails the diff; negative: off.
  double FailOnBuildGrowthPct = -1;
};

/// The diff document (docs/report-format.md, "diff"): per row base and head
/// SCI, absolute and relative delta, Welch's test and a verdict; with a
/// "build" section on both sides, its delta too.
nlohmann::json diffReports(const nlohmann::json &Base,
                           const nlohmann::json &Head, const DiffSettings &S);

std::string renderDiffTable(const nlohmann::json &Diff);
std::string renderDiffMarkdown(const nlohmann::json &Diff);

} // namespace greenlint

#endif
