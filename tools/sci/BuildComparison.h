//===- BuildComparison.h - Base vs head build sections ----------*- C++ -*-===//
//
// Static estimates are deterministic, so a change in them is a fact, not a
// sample: no significance test. Growth fails a diff only on request
// (--fail-on-build-growth), since a bigger model is often the point of a
// change.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_BUILDCOMPARISON_H
#define GREENLINT_TOOLS_BUILDCOMPARISON_H

#include <nlohmann/json.hpp>

#include <string>

namespace greenlint {

/// The diff's "build" object (docs/report-format.md): models matched by
/// framework and name, findings by rule and compile energy, base and head.
/// With \p FailOnGrowthPct >= 0, a model whose parameters or joules per call
/// grow by more than that many percent counts in "growth_failures".
nlohmann::json diffBuildSections(const nlohmann::json &Base,
                                 const nlohmann::json &Head,
                                 double FailOnGrowthPct);

std::string renderBuildDiff(const nlohmann::json &BuildDiff, bool Markdown);

/// Whether a report's "build" object has what diffBuildSections reads; if
/// not, \p Problem names the first missing or mistyped field.
bool checkBuildSection(const nlohmann::json &Build, std::string &Problem);

} // namespace greenlint

#endif
