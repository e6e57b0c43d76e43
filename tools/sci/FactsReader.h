//===- FactsReader.h - The plugin's facts files -----------------*- C++ -*-===//
//
// `report --facts` reads what the plugin wrote at compile time: where each
// planned region is in the source (for the report's rows) and the build
// section (BuildSection.h). Every file is checked before any is used.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_FACTSREADER_H
#define GREENLINT_TOOLS_FACTSREADER_H

#include "BuildSection.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace greenlint {

/// Where a planned region is in the source, by the plugin.
struct SourceSite {
  std::string File, Framework, Phase;
  int Line = 0;
  int EndLine = 0; ///< the function's last line; 0 in facts of older plugins
};

/// Reads the facts files and folders (searched recursively for *.json) of
/// \p Paths, in path order: their regions into \p Sites, a summary of each
/// file into \p Files and their build facts into \p Build. Fails with a
/// message naming the path, or the file and field, and what to do.
bool readFacts(const std::vector<std::string> &Paths,
               std::map<std::string, SourceSite> &Sites, nlohmann::json &Files,
               BuildSectionBuilder &Build, std::string &Error);

/// Checks one facts file's text as report --facts does (\p Path only names
/// it) and gives the build section of it alone: the fuzzer's entry point.
bool parseFactsFile(const std::string &Path, const std::string &Text,
                    nlohmann::json &Build, std::string &Error);

} // namespace greenlint

#endif
