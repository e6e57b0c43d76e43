//===- BuildSectionFormats.h - Build section as text, Markdown --*- C++ -*-===//
//
// The report's "build" object (BuildSection.h) rendered for the table and
// Markdown formats; every name from the facts is escaped for its format.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_BUILDSECTIONFORMATS_H
#define GREENLINT_TOOLS_BUILDSECTIONFORMATS_H

#include <nlohmann/json.hpp>

#include <string>

namespace greenlint {

/// The build section \p Build as terminal text, or as Markdown.
std::string renderBuildSection(const nlohmann::json &Build, bool Markdown);

} // namespace greenlint

#endif
