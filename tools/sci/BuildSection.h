//===- BuildSection.h - The report's build section from facts files -------===//
//
// What the plugin's facts files say about the build itself: the static model
// estimates, the findings by rule and the energy of the compiles. Facts of
// older plugins (no "estimates" or "compile") load; a field of the wrong type
// is refused with the file and the field (docs/report-format.md, "build").
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_BUILDSECTION_H
#define GREENLINT_TOOLS_BUILDSECTION_H

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace greenlint {

class BuildSectionBuilder {
public:
  /// Adds one parsed facts file. Fails on a malformed field, with \p Error
  /// naming \p File, the field's JSON pointer and what to do.
  bool addFacts(const nlohmann::json &Facts, const std::string &File,
                std::string &Error);

  /// The "build" object of the report.
  nlohmann::json toJson() const;

private:
  struct RuleCount {
    int Active = 0, Suppressed = 0;
  };
  struct CompileProfile {
    std::string Note;
    int TranslationUnits = 0;
  };
  int FactsFiles = 0, WithCompile = 0, WithEnergy = 0;
  /// Facts files of model files (greenlint estimate --facts), apart from
  /// the translation units' ones.
  int ModelFactsFiles = 0;
  double WallS = 0, CpuS = 0, EnergyJ = 0;
  std::map<std::string, CompileProfile> Profiles;
  nlohmann::json WithoutCompile = nlohmann::json::array();
  /// Units whose facts `greenlint restore-facts` wrote from their object
  /// files: a compile cache served them, no compile ran (also without cost).
  nlohmann::json FromCache = nlohmann::json::array();
  nlohmann::json WithoutEnergy = nlohmann::json::array();
  std::map<std::string, RuleCount> Rules;
  /// Active findings by file, line, rule and message.
  std::set<std::tuple<std::string, int64_t, std::string, std::string>> Sites;
  /// The waste estimate of the sites whose finding has one (facts `waste`).
  std::map<std::tuple<std::string, int64_t, std::string, std::string>,
           nlohmann::json>
      SiteWaste;
  /// By file, line, model and framework: a model in a header is estimated
  /// in every unit that includes it, and listed once.
  std::map<std::tuple<std::string, int64_t, std::string, std::string>,
           nlohmann::json>
      Estimates;
};

/// The build section as terminal text (Markdown when \p Markdown), each number
/// with where it comes from.
} // namespace greenlint

#endif
