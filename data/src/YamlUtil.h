//===- YamlUtil.h - Checked access to greenlint's YAML data -----*- C++ -*-===//
//
// Internal to greenlint_data. Every accessor reports problems as
// "greenlint: <file>:<line>:<col>: <what is wrong>; <what to do>" so a person
// editing a data file lands on the right line.
//
//===----------------------------------------------------------------------===//

#ifndef GREENLINT_DATA_YAMLUTIL_H
#define GREENLINT_DATA_YAMLUTIL_H

#include "greenlint/data/DataFiles.h"

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace greenlint {
namespace data {

/// "greenlint: <file>:<line>:<col>: " with 1-based line and column.
std::string errorPrefix(const std::string &File, const YAML::Mark &M);

/// Parses \p F; a syntax error gives its position.
bool parseYaml(const DataFile &F, YAML::Node &Root, std::string &Error);

/// Requires \p Node to be a map; \p What names it in the message.
bool requireMap(const YAML::Node &Node, const std::string &File,
                const std::string &What, std::string &Error);

/// Rejects keys outside \p Known, listing the known ones.
bool checkKeys(const YAML::Node &Map, const std::vector<std::string> &Known,
               const std::string &File, const std::string &What,
               std::string &Error);

/// Reads a scalar string. A missing key is an error only when \p Required.
bool getString(const YAML::Node &Map, const std::string &Key,
               const std::string &File, bool Required, std::string &Out,
               std::string &Error);

/// Reads a number; \p Unit tells the user what to write ("watts").
bool getNumber(const YAML::Node &Map, const std::string &Key,
               const std::string &File, bool Required, const std::string &Unit,
               double &Out, std::string &Error);

/// Reads a whole number.
bool getInt(const YAML::Node &Map, const std::string &Key,
            const std::string &File, bool Required, int &Out,
            std::string &Error);

/// Reads true/false.
bool getBool(const YAML::Node &Map, const std::string &Key,
             const std::string &File, bool Required, bool &Out,
             std::string &Error);

/// Parses \p Text as a number, rejecting trailing junk ("12W").
bool parseNumber(const std::string &Text, double &Out);

std::string toLower(std::string S);
std::string toUpper(std::string S);

} // namespace data
} // namespace greenlint

#endif // GREENLINT_DATA_YAMLUTIL_H
