//===- FactsReader.cpp - The plugin's facts files -------------------------===//
#include "FactsReader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>

namespace greenlint {

using nlohmann::json;

namespace {

constexpr int KnownFactsVersion = 1;

/// The planned regions of one facts file, checked before any is used.
bool readFactsRegions(const json &J, const std::string &File,
                      std::map<std::string, SourceSite> &Sites,
                      std::string &Error) {
  auto R = J.find("regions");
  if (R == J.end())
    return true;
  auto Fail = [&](const std::string &What) {
    Error = "greenlint: " + File + ": facts field " + What +
            "; the file is damaged or not written by greenlint's plugin: "
            "delete it and rebuild with -fplugin-arg-greenlint-facts= to "
            "write it again";
    return false;
  };
  if (!R->is_array())
    return Fail(std::string("/regions is ") + R->type_name() +
                ", expected a list");
  for (size_t I = 0; I < R->size(); ++I) {
    const json &Region = (*R)[I];
    std::string P = "/regions/" + std::to_string(I);
    if (!Region.is_object())
      return Fail(P + " is " + Region.type_name() + ", expected an object");
    for (const char *K : {"name", "file", "framework", "phase"})
      if (auto F = Region.find(K); F != Region.end() && !F->is_string())
        return Fail(P + "/" + K + " is " + F->type_name() +
                    ", expected a string");
    for (const char *K : {"line", "end_line"})
      if (auto L = Region.find(K);
          L != Region.end() &&
          !(L->is_number_integer() && L->get<int64_t>() >= 0 &&
            L->get<int64_t>() <= std::numeric_limits<int>::max()))
        return Fail(P + "/" + K + " is not a line number");
  }
  for (const json &Region : *R) {
    if (!Region.contains("name"))
      continue;
    SourceSite S;
    S.File = Region.value("file", std::string());
    S.Line = Region.value("line", 0);
    S.EndLine = Region.value("end_line", 0);
    S.Framework = Region.value("framework", std::string());
    S.Phase = Region.value("phase", std::string());
    Sites.emplace(Region["name"].get<std::string>(), S);
  }
  return true;
}

/// Checks one parsed facts file \p J (read from \p F) and adds it.
bool addFactsFile(const std::string &F, const json &J,
                  std::map<std::string, SourceSite> &Sites, json &Files,
                  BuildSectionBuilder &Build, std::string &Error) {
  auto Format = J.is_object() ? J.find("format") : J.end();
  if (J.is_discarded() || !J.is_object() || Format == J.end() ||
      *Format != "greenlint-facts") {
    Error = "greenlint: " + F +
            ":1: not a greenlint facts file (JSON with "
            "\"format\":\"greenlint-facts\"); pass the plugin's facts "
            "folder";
    return false;
  }
  auto Version = J.find("version");
  if (Version == J.end() || !Version->is_number_integer() ||
      Version->get<int64_t>() < 1) {
    Error = "greenlint: " + F +
            ": facts field /version is not a whole number from 1; the "
            "file is damaged: delete it and rebuild with "
            "-fplugin-arg-greenlint-facts=";
    return false;
  }
  if (Version->get<int64_t>() > KnownFactsVersion) {
    Error = "greenlint: " + F + ": facts version " + Version->dump() +
            " is newer than this greenlint reads (" +
            std::to_string(KnownFactsVersion) +
            "); use the greenlint that matches the plugin that wrote it";
    return false;
  }
  std::map<std::string, SourceSite> FileSites;
  if (!readFactsRegions(J, F, FileSites, Error) || !Build.addFacts(J, F, Error))
    return false;
  Files.push_back(F);
  Sites.insert(FileSites.begin(), FileSites.end());
  return true;
}

} // namespace

bool readFacts(const std::vector<std::string> &Paths,
               std::map<std::string, SourceSite> &Sites, json &Files,
               BuildSectionBuilder &Build, std::string &Error) {
  namespace fs = std::filesystem;
  std::vector<std::string> Found;
  for (const std::string &P : Paths) {
    std::error_code EC;
    if (!fs::exists(P, EC)) {
      Error = "greenlint: " + P +
              ": no such facts file or folder; pass the folder given to "
              "-fplugin-arg-greenlint-facts=";
      return false;
    }
    if (!fs::is_directory(P, EC)) {
      Found.push_back(P);
      continue;
    }
    size_t Before = Found.size();
    for (auto It = fs::recursive_directory_iterator(P, EC);
         !EC && It != fs::recursive_directory_iterator(); It.increment(EC))
      if (It->is_regular_file() && It->path().extension() == ".json")
        Found.push_back(It->path().string());
    // As with an empty ledger folder: a report of nothing is a mistake.
    if (Found.size() == Before) {
      Error = "greenlint: " + P;
      Error += ": no facts files (*.json) in this folder; build with "
               "-fplugin-arg-greenlint-facts=";
      Error += P + " first";
      return false;
    }
  }
  std::sort(Found.begin(), Found.end());
  for (const std::string &F : Found) {
    std::ifstream In(F);
    json J = json::parse(In, nullptr, false);
    if (!addFactsFile(F, J, Sites, Files, Build, Error))
      return false;
  }
  return true;
}

bool parseFactsFile(const std::string &Path, const std::string &Text,
                    json &Build, std::string &Error) {
  std::map<std::string, SourceSite> Sites;
  json Files = json::array();
  BuildSectionBuilder Builder;
  json J = json::parse(Text, nullptr, false);
  if (!addFactsFile(Path, J, Sites, Files, Builder, Error))
    return false;
  Build = Builder.toJson();
  return true;
}

} // namespace greenlint
