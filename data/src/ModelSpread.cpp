//===- ModelSpread.cpp - Read runtime/data/model-spread.yaml
//---------------===//

#include "greenlint/data/ModelSpread.h"

#include "YamlUtil.h"
#include "greenlint/data/DataFiles.h"

#include <vector>

namespace greenlint {
namespace data {

bool modelSpread(bool GenericProfile, ModelSpread &Out, std::string &Error) {
  const std::string Wanted =
      GenericProfile ? "generic-fallback" : "vendor-profile";
  std::vector<DataFile> Files;
  if (!dataFiles("", Files, Error))
    return false;
  for (const DataFile &F : Files) {
    if (F.Name != "model-spread.yaml")
      continue;
    const std::string &File = F.Display;
    YAML::Node Root;
    std::string Licence;
    if (!parseYaml(F, Root, Error) ||
        !requireMap(Root, File, "model-spread.yaml", Error) ||
        !checkKeys(Root, {"licence", "spreads"}, File, "model-spread.yaml",
                   Error) ||
        !getString(Root, "licence", File, true, Licence, Error))
      return false;
    for (const YAML::Node &E : Root["spreads"]) {
      ModelSpread S;
      if (!requireMap(E, File, "a spread entry", Error) ||
          !checkKeys(E,
                     {"basis", "low_factor", "high_factor", "source", "year"},
                     File, "a spread entry", Error) ||
          !getString(E, "basis", File, true, S.Basis, Error) ||
          !getNumber(E, "low_factor", File, true, "a factor such as 0.8",
                     S.LowFactor, Error) ||
          !getNumber(E, "high_factor", File, true, "a factor such as 1.2",
                     S.HighFactor, Error) ||
          !getString(E, "source", File, true, S.Source, Error) ||
          !getInt(E, "year", File, true, S.Year, Error))
        return false;
      if (S.LowFactor <= 0 || S.LowFactor > 1 || S.HighFactor < 1) {
        Error = errorPrefix(File, E.Mark()) + "spread '" + S.Basis +
                "' needs 0 < low_factor <= 1 <= high_factor; fix the factors";
        return false;
      }
      if (S.Basis == Wanted) {
        Out = S;
        return true;
      }
    }
  }
  Error = "greenlint: runtime/data/model-spread.yaml has no '" + Wanted +
          "' spread; add one with its source";
  return false;
}

} // namespace data
} // namespace greenlint
