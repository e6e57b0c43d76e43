//===- BuildSection.cpp - Estimates, findings by rule, compile energy -----===//
#include "BuildSection.h"

namespace greenlint {

using nlohmann::json;

namespace {

enum class Want { String, Integer, Number, NumberOrNull, Bool, StringList };

const char *wantText(Want W) {
  switch (W) {
  case Want::String:
    return "a string";
  case Want::Integer:
    return "a whole number";
  case Want::Number:
    return "a number";
  case Want::NumberOrNull:
    return "a number or null";
  case Want::Bool:
    return "true or false";
  case Want::StringList:
    return "a list of strings";
  }
  return "";
}

bool matches(const json &V, Want W) {
  switch (W) {
  case Want::String:
    return V.is_string();
  case Want::Integer:
    return V.is_number_integer();
  case Want::Number:
    return V.is_number();
  case Want::NumberOrNull:
    return V.is_number() || V.is_null();
  case Want::Bool:
    return V.is_boolean();
  case Want::StringList:
    if (!V.is_array())
      return false;
    for (const json &E : V)
      if (!E.is_string())
        return false;
    return true;
  }
  return false;
}

/// Checks the fields of one facts file and says which one is wrong.
class FactsChecker {
public:
  FactsChecker(const std::string &File, std::string &Error)
      : File(File), Error(Error) {}

  bool field(const json &Obj, const std::string &Pointer, const char *Key,
             Want W, bool Required) {
    auto It = Obj.find(Key);
    if (It == Obj.end()) {
      if (!Required)
        return true;
      return fail(Pointer + "/" + Key + " is missing, expected " + wantText(W));
    }
    if (!matches(*It, W))
      return fail(Pointer + "/" + Key + " is " + It->type_name() +
                  ", expected " + wantText(W));
    // Lines, sizes, FLOPs, joules and seconds: none is negative.
    if (It->is_number() && !(It->get<double>() >= 0))
      return fail(Pointer + "/" + Key + " is " + It->dump() + ", expected " +
                  wantText(W) + " from 0");
    return true;
  }

  bool fail(const std::string &What) {
    Error = "greenlint: " + File + ": facts field " + What +
            "; the file is damaged or not written by greenlint's plugin: "
            "delete it and rebuild with -fplugin-arg-greenlint-facts= to "
            "write it again";
    return false;
  }

private:
  const std::string &File;
  std::string &Error;
};

/// The estimate fields the report carries, in the facts file's terms.
const char *const EstimateKeys[] = {
    "model",       "framework",       "file",         "line",
    "parameters",  "dtype",           "weight_bytes", "flops_per_sample",
    "flops_basis", "joules_per_call", "profile",      "energy_model",
    "unknown",     "description"};

bool checkEstimate(const json &E, const std::string &P, FactsChecker &C) {
  if (!E.is_object())
    return C.fail(P + " is " + std::string(E.type_name()) +
                  ", expected an object");
  return C.field(E, P, "model", Want::String, true) &&
         C.field(E, P, "framework", Want::String, true) &&
         C.field(E, P, "file", Want::String, true) &&
         C.field(E, P, "line", Want::Integer, true) &&
         C.field(E, P, "parameters", Want::NumberOrNull, true) &&
         C.field(E, P, "dtype", Want::String, true) &&
         C.field(E, P, "weight_bytes", Want::NumberOrNull, true) &&
         C.field(E, P, "flops_per_sample", Want::NumberOrNull, true) &&
         C.field(E, P, "flops_basis", Want::String, false) &&
         C.field(E, P, "joules_per_call", Want::NumberOrNull, true) &&
         C.field(E, P, "profile", Want::String, true) &&
         C.field(E, P, "energy_model", Want::String, false) &&
         C.field(E, P, "unknown", Want::StringList, false) &&
         C.field(E, P, "description", Want::String, false);
}

bool checkCompile(const json &Compile, FactsChecker &C) {
  if (!Compile.is_object())
    return C.fail(std::string("/compile is ") + Compile.type_name() +
                  ", expected an object or null");
  return C.field(Compile, "/compile", "wall_s", Want::Number, true) &&
         C.field(Compile, "/compile", "cpu_s", Want::Number, true) &&
         C.field(Compile, "/compile", "energy_j", Want::NumberOrNull, true) &&
         C.field(Compile, "/compile", "profile", Want::String, true) &&
         C.field(Compile, "/compile", "profile_note", Want::String, false) &&
         C.field(Compile, "/compile", "method", Want::String, true);
}

} // namespace

bool BuildSectionBuilder::addFacts(const json &Facts, const std::string &File,
                                   std::string &Error) {
  FactsChecker C(File, Error);
  if (!C.field(Facts, "", "source", Want::String, false) ||
      !C.field(Facts, "", "kind", Want::String, false))
    return false;
  // `greenlint estimate --facts` (CMake's greenlint_model) writes the
  // estimates of model files: no translation unit, no compile cost.
  bool ModelFiles = Facts.value("kind", std::string()) == "model-files";
  std::string Source = Facts.value("source", File);

  // Check everything before counting anything: a bad file adds nothing.
  auto Findings = Facts.find("findings");
  if (Findings != Facts.end() && !Findings->is_array())
    return C.fail(std::string("/findings is ") + Findings->type_name() +
                  ", expected a list");
  if (Findings != Facts.end())
    for (size_t I = 0; I < Findings->size(); ++I) {
      std::string P = "/findings/" + std::to_string(I);
      if (!(*Findings)[I].is_object())
        return C.fail(P + " is " + (*Findings)[I].type_name() +
                      ", expected an object");
      if (!C.field((*Findings)[I], P, "rule", Want::String, true) ||
          !C.field((*Findings)[I], P, "suppressed", Want::Bool, false) ||
          !C.field((*Findings)[I], P, "file", Want::String, false) ||
          !C.field((*Findings)[I], P, "line", Want::Integer, false) ||
          !C.field((*Findings)[I], P, "message", Want::String, false))
        return false;
      auto Waste = (*Findings)[I].find("waste");
      if (Waste != (*Findings)[I].end() && !Waste->is_object())
        return C.fail(P + "/waste is " + Waste->type_name() +
                      ", expected an object");
    }
  // Facts of plugins before estimates and compile cost lack these keys.
  auto Est = Facts.find("estimates");
  bool HasEstimates = Est != Facts.end() && !Est->is_null();
  if (HasEstimates && !Est->is_array())
    return C.fail(std::string("/estimates is ") + Est->type_name() +
                  ", expected a list");
  if (HasEstimates)
    for (size_t I = 0; I < Est->size(); ++I)
      if (!checkEstimate((*Est)[I], "/estimates/" + std::to_string(I), C))
        return false;
  auto Compile = Facts.find("compile");
  bool HasCompile = Compile != Facts.end() && !Compile->is_null();
  if (HasCompile && !checkCompile(*Compile, C))
    return false;

  (ModelFiles ? ModelFactsFiles : FactsFiles) += 1;
  if (Findings != Facts.end())
    for (const json &F : *Findings) {
      RuleCount &R = Rules[F["rule"].get<std::string>()];
      bool Suppressed = F.value("suppressed", false);
      (Suppressed ? R.Suppressed : R.Active) += 1;
      // Where each active finding is, for the ranking by region energy and
      // diff's added/fixed list. A finding in a header is reported by every
      // unit that includes it; it is one site.
      if (!Suppressed) {
        auto Site = std::make_tuple(
            F.value("file", std::string()), F.value("line", int64_t(0)),
            F["rule"].get<std::string>(), F.value("message", std::string()));
        Sites.insert(Site);
        if (F.contains("waste"))
          SiteWaste.emplace(Site, F["waste"]);
      }
    }
  if (HasEstimates)
    for (const json &E : *Est) {
      auto Key = std::make_tuple(
          E["file"].get<std::string>(), E["line"].get<int64_t>(),
          E["model"].get<std::string>(), E["framework"].get<std::string>());
      if (Estimates.count(Key))
        continue;
      json Out = json::object();
      for (const char *K : EstimateKeys)
        if (E.contains(K))
          Out[K] = E[K];
      if (!Out.contains("unknown"))
        Out["unknown"] = json::array();
      Estimates[Key] = Out;
    }
  if (ModelFiles)
    return true;
  auto Restored = Facts.find("restored_from_object");
  if (Restored != Facts.end() && !Restored->is_string())
    return C.fail(std::string("/restored_from_object is ") +
                  Restored->type_name() + ", expected a string");
  if (!HasCompile) {
    if (Restored != Facts.end())
      FromCache.push_back(Source);
    else
      WithoutCompile.push_back(Source);
    return true;
  }
  ++WithCompile;
  WallS += (*Compile)["wall_s"].get<double>();
  CpuS += (*Compile)["cpu_s"].get<double>();
  if (!(*Compile)["energy_j"].is_number()) {
    WithoutEnergy.push_back(
        {{"source", Source}, {"why", (*Compile)["method"]}});
    return true;
  }
  ++WithEnergy;
  EnergyJ += (*Compile)["energy_j"].get<double>();
  CompileProfile &P = Profiles[(*Compile)["profile"].get<std::string>()];
  if (P.Note.empty())
    P.Note = Compile->value("profile_note", std::string());
  ++P.TranslationUnits;
  return true;
}

json BuildSectionBuilder::toJson() const {
  json Sorted = json::array();
  for (const auto &[Key, E] : Estimates)
    Sorted.push_back(E);
  json ByRule = json::array();
  for (const auto &[Rule, N] : Rules)
    ByRule.push_back(
        {{"rule", Rule}, {"findings", N.Active}, {"suppressed", N.Suppressed}});
  json ProfilesJ = json::array();
  for (const auto &[Id, P] : Profiles)
    ProfilesJ.push_back({{"id", Id},
                         {"note", P.Note},
                         {"translation_units", P.TranslationUnits}});
  json Compile = {{"translation_units", FactsFiles},
                  {"with_cost", WithCompile},
                  {"wall_s", WallS},
                  {"cpu_s", CpuS},
                  {"modelled", WithEnergy},
                  {"energy_j", WithEnergy ? json(EnergyJ) : json(nullptr)},
                  {"method",
                   "sum of each translation unit's compile energy, modelled by "
                   "the plugin on the build machine's CPU profile as the "
                   "runtime's model meter does (E = P(U)/N x CPU s); wall and "
                   "CPU time measured by the plugin from its load to the "
                   "compiler's exit"},
                  {"profiles", ProfilesJ},
                  {"without_cost", WithoutCompile},
                  {"from_cache", FromCache},
                  {"without_energy", WithoutEnergy}};
  json SitesJ = json::array();
  for (const auto &Site : Sites) {
    const auto &[File, Line, Rule, Message] = Site;
    json Entry = {
        {"rule", Rule}, {"file", File}, {"line", Line}, {"message", Message}};
    auto Waste = SiteWaste.find(Site);
    if (Waste != SiteWaste.end())
      Entry["waste"] = Waste->second;
    SitesJ.push_back(std::move(Entry));
  }
  return {{"facts_files", FactsFiles}, {"model_files_facts", ModelFactsFiles},
          {"estimates", Sorted},       {"findings_by_rule", ByRule},
          {"findings_list", SitesJ},   {"compile", Compile}};
}

} // namespace greenlint
