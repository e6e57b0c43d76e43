//===- WasteFactors.cpp - runtime/data/waste.yaml -------------------------===//
#include "greenlint/data/WasteFactors.h"
#include "YamlUtil.h"

#include <vector>

namespace greenlint {
namespace data {

namespace {

bool readFactor(const YAML::Node &E, const std::string &File, WasteFactor &F,
                std::string &Error) {
  const std::string What = "a waste factor";
  if (!requireMap(E, File, What, Error) ||
      !checkKeys(E, {"id", "unit", "low", "typical", "high", "source", "year"},
                 File, What, Error) ||
      !getString(E, "id", File, true, F.Id, Error) ||
      !getString(E, "unit", File, true, F.Unit, Error) ||
      !getNumber(E, "low", File, true, F.Unit, F.Low, Error) ||
      !getNumber(E, "typical", File, true, F.Unit, F.Typical, Error) ||
      !getNumber(E, "high", File, true, F.Unit, F.High, Error) ||
      !getString(E, "source", File, true, F.Source, Error) ||
      !getInt(E, "year", File, true, F.Year, Error))
    return false;
  // A range that does not contain its typical value, or a negative
  // factor, would print ranges that do not bracket the estimate.
  if (!(F.Low >= 0 && F.Low <= F.Typical && F.Typical <= F.High)) {
    Error = errorPrefix(File, E["low"].Mark()) + "factor '" + F.Id +
            "' needs 0 <= low <= typical <= high; fix the range";
    return false;
  }
  F.File = File;
  return true;
}

} // namespace

bool loadWasteFactor(const std::string &Id, WasteFactor &Out,
                     std::string &Error) {
  std::vector<DataFile> Files;
  if (!dataFiles("", Files, Error))
    return false;
  std::string Known;
  for (const DataFile &F : Files) {
    if (F.Name != "waste.yaml")
      continue;
    const std::string &File = F.Display;
    YAML::Node Root;
    if (!parseYaml(F, Root, Error) ||
        !requireMap(Root, File, "waste.yaml", Error) ||
        !checkKeys(Root, {"licence", "factors"}, File, "waste.yaml", Error))
      return false;
    if (!Root["factors"].IsSequence()) {
      Error = errorPrefix(File, Root.Mark()) +
              "'factors' must be a list of factors; see docs/rules/README.md";
      return false;
    }
    for (const YAML::Node &E : Root["factors"]) {
      WasteFactor Factor;
      if (!readFactor(E, File, Factor, Error))
        return false;
      if (Factor.Id == Id) {
        Out = Factor;
        return true;
      }
      Known += Known.empty() ? "" : ", ";
      Known += Factor.Id;
    }
    Error = "greenlint: ";
    for (const std::string &Part : {File, std::string(": no waste factor '"),
                                    Id, std::string("' (known: "), Known,
                                    std::string("); add it to waste.yaml")})
      Error += Part;
    return false;
  }
  Error = "greenlint: no waste.yaml among greenlint's data files; set "
          "GREENLINT_DATA_DIR to a folder laid out like runtime/data";
  return false;
}

} // namespace data
} // namespace greenlint
