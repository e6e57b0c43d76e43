//===- YamlUtil.cpp - Checked access to greenlint's YAML data -------------===//

#include "YamlUtil.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace greenlint {
namespace data {

std::string errorPrefix(const std::string &File, const YAML::Mark &M) {
  // yaml-cpp counts from 0; editors and compilers count from 1.
  int Line = M.line < 0 ? 1 : M.line + 1;
  int Col = M.column < 0 ? 1 : M.column + 1;
  return "greenlint: " + File + ":" + std::to_string(Line) + ":" +
         std::to_string(Col) + ": ";
}

bool parseYaml(const DataFile &F, YAML::Node &Root, std::string &Error) {
  try {
    Root = YAML::Load(F.Text);
  } catch (const YAML::Exception &E) {
    Error = errorPrefix(F.Display, E.mark) + "invalid YAML: " + E.msg +
            "; fix the syntax (see docs/profiles.md or docs/grid.md for the "
            "format)";
    return false;
  }
  return true;
}

bool requireMap(const YAML::Node &Node, const std::string &File,
                const std::string &What, std::string &Error) {
  if (Node.IsMap())
    return true;
  Error = errorPrefix(File, Node.Mark()) + What +
          " must be a map of 'key: value' lines; write it as one";
  return false;
}

static std::string joinKeys(const std::vector<std::string> &Keys) {
  std::string Out;
  for (const std::string &K : Keys)
    Out += (Out.empty() ? "" : ", ") + K;
  return Out;
}

bool checkKeys(const YAML::Node &Map, const std::vector<std::string> &Known,
               const std::string &File, const std::string &What,
               std::string &Error) {
  for (const auto &KV : Map) {
    std::string Key = KV.first.Scalar();
    bool Found = false;
    for (const std::string &K : Known)
      Found = Found || K == Key;
    if (!Found) {
      Error = errorPrefix(File, KV.first.Mark()) + "unknown key '" + Key +
              "' in " + What + "; known keys are: " + joinKeys(Known);
      return false;
    }
  }
  return true;
}

// yaml-cpp hands back an invalid node for a missing key of a const map, and
// assigning that node throws, so callers copy-construct it and ask this.
static bool present(const YAML::Node &Map, const YAML::Node &Value,
                    const std::string &Key, const std::string &File,
                    bool Required, std::string &Error) {
  if (Value.IsDefined() && !Value.IsNull())
    return true;
  if (Required)
    Error = errorPrefix(File, Map.Mark()) + "missing required field '" + Key +
            "'; add it (see docs/profiles.md or docs/grid.md)";
  return false;
}

bool getString(const YAML::Node &Map, const std::string &Key,
               const std::string &File, bool Required, std::string &Out,
               std::string &Error) {
  const YAML::Node V = Map[Key];
  if (!present(Map, V, Key, File, Required, Error))
    return !Required;
  if (!V.IsScalar()) {
    Error = errorPrefix(File, V.Mark()) + "'" + Key +
            "' must be a single text value; write it as 'key: text'";
    return false;
  }
  Out = V.Scalar();
  return true;
}

bool parseNumber(const std::string &Text, double &Out) {
  if (Text.empty())
    return false;
  const char *Begin = Text.c_str();
  char *End = nullptr;
  errno = 0;
  double V = std::strtod(Begin, &End);
  if (End == Begin || *End != '\0' || errno == ERANGE || !std::isfinite(V))
    return false;
  Out = V;
  return true;
}

bool getNumber(const YAML::Node &Map, const std::string &Key,
               const std::string &File, bool Required, const std::string &Unit,
               double &Out, std::string &Error) {
  const YAML::Node V = Map[Key];
  if (!present(Map, V, Key, File, Required, Error))
    return !Required;
  if (!V.IsScalar() || !parseNumber(V.Scalar(), Out)) {
    Error = errorPrefix(File, V.Mark()) + "non-numeric value '" +
            (V.IsScalar() ? V.Scalar() : std::string("<not a scalar>")) +
            "' for '" + Key + "'; write a plain number in " + Unit +
            " (the unit is in the key name, not the value)";
    return false;
  }
  return true;
}

bool getInt(const YAML::Node &Map, const std::string &Key,
            const std::string &File, bool Required, int &Out,
            std::string &Error) {
  double D = 0;
  if (!getNumber(Map, Key, File, Required, "whole units", D, Error))
    return false;
  if (!Map[Key].IsDefined())
    return true;
  if (D != std::floor(D) || D < -2e9 || D > 2e9) {
    Error = errorPrefix(File, Map[Key].Mark()) + "'" + Key +
            "' must be a whole number; drop the fraction";
    return false;
  }
  Out = static_cast<int>(D);
  return true;
}

bool getBool(const YAML::Node &Map, const std::string &Key,
             const std::string &File, bool Required, bool &Out,
             std::string &Error) {
  std::string S;
  if (!getString(Map, Key, File, Required, S, Error))
    return false;
  if (!Map[Key].IsDefined())
    return true;
  if (S == "true" || S == "false") {
    Out = S == "true";
    return true;
  }
  Error = errorPrefix(File, Map[Key].Mark()) + "'" + Key +
          "' must be true or false, not '" + S + "'; write true or false";
  return false;
}

std::string toLower(std::string S) {
  for (char &C : S)
    C = static_cast<char>(std::tolower(static_cast<unsigned char>(C)));
  return S;
}

std::string toUpper(std::string S) {
  for (char &C : S)
    C = static_cast<char>(std::toupper(static_cast<unsigned char>(C)));
  return S;
}

} // namespace data
} // namespace greenlint
