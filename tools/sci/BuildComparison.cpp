//===- BuildComparison.cpp ------------------------------------------------===//
#include "BuildComparison.h"
#include "OutputEscaping.h"
#include "ReportFormats.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>
#include <vector>

namespace greenlint {

using nlohmann::json;

namespace {

std::string str(const json &Obj, const char *Key) {
  auto It = Obj.find(Key);
  return It != Obj.end() && It->is_string() ? It->get<std::string>() : "";
}

/// 100 x (head - base) / base, or null when either is unknown or base is 0.
json percentChange(const json &B, const json &H) {
  if (!B.is_number() || !H.is_number() || B.get<double>() == 0)
    return nullptr;
  return 100 * (H.get<double>() - B.get<double>()) / B.get<double>();
}

const char *const ComparedFigures[] = {"parameters", "weight_bytes",
                                       "joules_per_call"};

/// Models by "framework model"; a second model of the same name elsewhere
/// gets its place appended, so neither hides the other.
std::vector<std::pair<std::string, const json *>> modelsByKey(const json &B) {
  std::vector<std::pair<std::string, const json *>> Out;
  std::set<std::string> Seen;
  for (const json &E : B["estimates"]) {
    std::string Key = str(E, "framework") + " " + str(E, "model");
    if (!Seen.insert(Key).second)
      Key += " @" + str(E, "file") + ":" + std::to_string(E.value("line", 0));
    Out.emplace_back(Key, &E);
  }
  return Out;
}

json modelSide(const json *E) {
  if (!E)
    return nullptr;
  json S = {{"file", (*E)["file"]},
            {"line", (*E)["line"]},
            {"profile", (*E)["profile"]}};
  for (const char *K : ComparedFigures)
    S[K] = E->value(K, json(nullptr));
  return S;
}

json compileSide(const json &Build) {
  const json &C = Build["compile"];
  json Profiles = json::array();
  for (const json &P : C["profiles"])
    Profiles.push_back(P["id"]);
  return {{"energy_j", C["energy_j"]},
          {"wall_s", C["wall_s"]},
          {"cpu_s", C["cpu_s"]},
          {"translation_units", C["translation_units"]},
          {"without_cost", C["without_cost"].size()},
          {"profiles", Profiles}};
}

} // namespace

bool checkBuildSection(const json &Build, std::string &Problem) {
  auto Bad = [&](const std::string &Field, const char *Want) {
    Problem = "build/" + Field + " is not " + Want;
    return false;
  };
  auto IsCount = [](const json &V) {
    return V.is_number_integer() && V.get<double>() >= 0;
  };
  auto IsFigure = [](const json &V) {
    return V.is_null() || (V.is_number() && V.get<double>() >= 0);
  };
  if (!Build.is_object())
    return Bad("", "an object");
  auto E = Build.find("estimates"), F = Build.find("findings_by_rule"),
       C = Build.find("compile");
  if (E == Build.end() || !E->is_array())
    return Bad("estimates", "a list");
  for (size_t I = 0; I < E->size(); ++I) {
    const json &M = (*E)[I];
    std::string P = "estimates/" + std::to_string(I) + "/";
    if (!M.is_object())
      return Bad(P, "an object");
    for (const char *K : {"framework", "model", "file", "profile"})
      if (!M.contains(K) || !M[K].is_string())
        return Bad(P + K, "a string");
    if (!M.contains("line") || !IsCount(M["line"]))
      return Bad(P + "line", "a line number");
    for (const char *K : ComparedFigures)
      if (M.contains(K) && !IsFigure(M[K]))
        return Bad(P + K, "a number from 0 or null");
  }
  // Finding sites: reports before findings_list have none.
  if (auto L = Build.find("findings_list"); L != Build.end()) {
    if (!L->is_array())
      return Bad("findings_list", "a list");
    for (size_t I = 0; I < L->size(); ++I) {
      const json &R = (*L)[I];
      std::string P = "findings_list/" + std::to_string(I) + "/";
      if (!R.is_object())
        return Bad(P, "an object");
      for (const char *K : {"rule", "file", "message"})
        if (!R.contains(K) || !R[K].is_string())
          return Bad(P + K, "a string");
      if (!R.contains("line") || !IsCount(R["line"]))
        return Bad(P + "line", "a whole number from 0");
    }
  }
  if (F == Build.end() || !F->is_array())
    return Bad("findings_by_rule", "a list");
  for (size_t I = 0; I < F->size(); ++I) {
    const json &R = (*F)[I];
    std::string P = "findings_by_rule/" + std::to_string(I) + "/";
    if (!R.is_object())
      return Bad(P, "an object");
    if (!R.contains("rule") || !R["rule"].is_string())
      return Bad(P + "rule", "a string");
    for (const char *K : {"findings", "suppressed"})
      if (R.contains(K) && !IsCount(R[K]))
        return Bad(P + K, "a whole number from 0");
  }
  if (C == Build.end() || !C->is_object())
    return Bad("compile", "an object");
  for (const char *K : {"wall_s", "cpu_s"})
    if (!C->contains(K) || !(*C)[K].is_number() || (*C)[K].get<double>() < 0)
      return Bad(std::string("compile/") + K, "a number from 0");
  if (!C->contains("energy_j") || !IsFigure((*C)["energy_j"]))
    return Bad("compile/energy_j", "a number from 0 or null");
  if (!C->contains("translation_units") || !IsCount((*C)["translation_units"]))
    return Bad("compile/translation_units", "a whole number from 0");
  for (const char *K : {"without_cost", "profiles"})
    if (!C->contains(K) || !(*C)[K].is_array())
      return Bad(std::string("compile/") + K, "a list");
  for (const json &P : (*C)["profiles"])
    if (!P.is_object() || !P.contains("id") || !P["id"].is_string())
      return Bad("compile/profiles", "a list of objects with a string id");
  return true;
}

json diffBuildSections(const json &Base, const json &Head,
                       double FailOnGrowthPct) {
  auto BaseModels = modelsByKey(Base), HeadModels = modelsByKey(Head);
  std::map<std::string, const json *> BaseByKey(BaseModels.begin(),
                                                BaseModels.end());
  std::set<std::string> HeadKeys;
  json Models = json::array();
  int Failures = 0;
  for (const auto &[Key, H] : HeadModels) {
    HeadKeys.insert(Key);
    auto It = BaseByKey.find(Key);
    const json *B = It == BaseByKey.end() ? nullptr : It->second;
    json M = {{"framework", (*H)["framework"]},
              {"model", (*H)["model"]},
              {"base", modelSide(B)},
              {"head", modelSide(H)}};
    bool Changed = false, Grew = false;
    for (const char *K : ComparedFigures) {
      json Pct = B ? percentChange(M["base"][K], M["head"][K]) : json(nullptr);
      M[std::string(K) + "_pct"] = Pct;
      Changed |= B && M["base"][K] != M["head"][K];
      if (FailOnGrowthPct >= 0 && Pct.is_number() &&
          std::string(K) != "weight_bytes" &&
          Pct.get<double>() > FailOnGrowthPct)
        Grew = true;
    }
    M["status"] = !B ? "added" : Changed ? "changed" : "unchanged";
    M["fails_growth"] = Grew;
    Failures += Grew;
    Models.push_back(M);
  }
  for (const auto &[Key, B] : BaseModels)
    if (!HeadKeys.count(Key)) {
      json M = {{"framework", (*B)["framework"]},
                {"model", (*B)["model"]},
                {"base", modelSide(B)},
                {"head", nullptr},
                {"status", "removed"},
                {"fails_growth", false}};
      for (const char *K : ComparedFigures)
        M[std::string(K) + "_pct"] = nullptr;
      Models.push_back(M);
    }

  std::map<std::string, std::pair<const json *, const json *>> Rules;
  // A finding is the same one on both sides when its rule, file and message
  // agree, since its line moves with any edit above it.
  using SiteKey = std::tuple<std::string, std::string, std::string>;
  std::map<SiteKey, std::vector<const json *>> Sites[2];
  for (int S = 0; S < 2; ++S)
    if (auto L = (S ? Head : Base).find("findings_list");
        L != (S ? Head : Base).end())
      for (const json &R : *L)
        Sites[S][{str(R, "rule"), str(R, "file"), str(R, "message")}].push_back(
            &R);
  json Added = json::array(), Fixed = json::array();
  for (int S = 0; S < 2; ++S)
    for (const auto &[Key, List] : Sites[S]) {
      auto Other = Sites[1 - S].find(Key);
      size_t Matched = Other == Sites[1 - S].end() ? 0 : Other->second.size();
      for (size_t I = Matched; I < List.size(); ++I)
        (S ? Added : Fixed).push_back(*List[I]);
    }
  bool HaveSites =
      Base.contains("findings_list") && Head.contains("findings_list");
  for (const json &R : Base["findings_by_rule"])
    Rules[str(R, "rule")].first = &R;
  for (const json &R : Head["findings_by_rule"])
    Rules[str(R, "rule")].second = &R;
  json Findings = json::array();
  for (const auto &[Rule, Sides] : Rules) {
    auto Count = [](const json *R, const char *K) {
      return R ? R->value(K, 0) : 0;
    };
    Findings.push_back(
        {{"rule", Rule},
         {"base", Count(Sides.first, "findings")},
         {"head", Count(Sides.second, "findings")},
         {"base_suppressed", Count(Sides.first, "suppressed")},
         {"head_suppressed", Count(Sides.second, "suppressed")}});
  }

  json Compile = {{"base", compileSide(Base)}, {"head", compileSide(Head)}};
  Compile["energy_pct"] =
      percentChange(Compile["base"]["energy_j"], Compile["head"]["energy_j"]);
  Compile["note"] =
      Compile["base"]["profiles"] == Compile["head"]["profiles"]
          ? ""
          : "the compiles were modelled on different profiles, so part of "
            "the change is the build machine's";

  return {{"models", Models},
          {"findings_by_rule", Findings},
          {"findings_added", HaveSites ? Added : json(nullptr)},
          {"findings_fixed", HaveSites ? Fixed : json(nullptr)},
          {"compile", Compile},
          {"fail_on_growth_pct",
           FailOnGrowthPct >= 0 ? json(FailOnGrowthPct) : json(nullptr)},
          {"growth_failures", Failures}};
}

namespace {

std::string whole(const json &V) {
  if (!V.is_number())
    return "unknown";
  double X = V.get<double>();
  if (X == std::floor(X) && std::fabs(X) < 1e15) {
    char B[32];
    std::snprintf(B, sizeof B, "%.0f", X);
    return B;
  }
  return formatNumber(X);
}

std::string pct(const json &P) {
  if (!P.is_number())
    return "";
  double X = P.get<double>();
  return " (" + std::string(X >= 0 ? "+" : "") + formatNumber(X, 3) + "%)";
}

/// "base -> head (+x%)", one side alone when the model was added or removed.
std::string change(const json &M, const char *K) {
  const json &B = M["base"], &H = M["head"];
  if (B.is_null())
    return whole(H[K]);
  if (H.is_null())
    return whole(B[K]);
  if (B[K] == H[K])
    return whole(H[K]);
  return whole(B[K]) + " -> " + whole(H[K]) + pct(M[std::string(K) + "_pct"]);
}

/// Text from a report (names, profiles, notes) as the output format shows it.
std::string shown(const std::string &S, bool Markdown) {
  return Markdown ? markdownText(S) : terminalText(S);
}

std::string profileChange(const json &M, bool Markdown) {
  auto ProfileOf = [Markdown](const json &Side) {
    std::string P = str(Side, "profile");
    return P.empty() ? std::string("none configured") : shown(P, Markdown);
  };
  const json &B = M["base"], &H = M["head"];
  if (B.is_null() || H.is_null())
    return ProfileOf(B.is_null() ? H : B);
  return ProfileOf(B) == ProfileOf(H) ? ProfileOf(H)
                                      : ProfileOf(B) + " -> " + ProfileOf(H);
}

std::string joinIds(const json &Ids, bool Markdown) {
  std::string S;
  for (const json &I : Ids)
    S +=
        (S.empty() ? "" : ", ") +
        shown(I.is_string() ? I.get<std::string>() : dumpJson(I, -1), Markdown);
  return S.empty() ? "none" : S;
}

} // namespace

std::string renderBuildDiff(const json &D, bool Markdown) {
  std::string Out = Markdown ? "\n### Build\n\n" : "\nbuild (base -> head)\n";
  auto Line = [&](const std::string &S) {
    Out += (Markdown ? "- " : "  ") + S + "\n";
  };
  std::string Threshold =
      D["fail_on_growth_pct"].is_number()
          ? "--fail-on-build-growth " +
                formatNumber(D["fail_on_growth_pct"].get<double>()) +
                "%: " + std::to_string(D.value("growth_failures", 0)) +
                " model(s) grew beyond it"
          : "growth does not fail the diff (no --fail-on-build-growth)";
  Line("static estimates, matched by framework and model name; J/call "
       "modelled on the profile shown; " +
       Threshold);
  if (!D["models"].empty()) {
    if (Markdown)
      Out += "\n";
    TextTable T = {{"model", "framework", "parameters", "weight bytes",
                    "J/call", "profile", "status"}};
    for (const json &M : D["models"]) {
      std::string Status = shown(str(M, "status"), Markdown);
      if (M.value("fails_growth", false))
        Status += Markdown ? ", **grew beyond threshold**"
                           : ", grew beyond threshold";
      T.push_back({Markdown ? markdownCode(str(M, "model"), true)
                            : terminalText(str(M, "model")),
                   shown(str(M, "framework"), Markdown),
                   change(M, "parameters"), change(M, "weight_bytes"),
                   change(M, "joules_per_call"), profileChange(M, Markdown),
                   Status});
    }
    Out += Markdown ? markdownTable(T, 2) : alignTable(T, 4);
    if (Markdown)
      Out += "\n";
  }
  if (!D["findings_by_rule"].empty()) {
    Line("findings by rule (suppressed in brackets):");
    if (Markdown)
      Out += "\n";
    TextTable T = {{"rule", "base", "head"}};
    for (const json &R : D["findings_by_rule"])
      T.push_back({Markdown ? markdownCode(str(R, "rule"), true)
                            : terminalText(str(R, "rule")),
                   std::to_string(R.value("base", 0)) + " (" +
                       std::to_string(R.value("base_suppressed", 0)) + ")",
                   std::to_string(R.value("head", 0)) + " (" +
                       std::to_string(R.value("head_suppressed", 0)) + ")"});
    Out += Markdown ? markdownTable(T, 1) : alignTable(T, 4);
    if (Markdown)
      Out += "\n";
  }
  if (D.contains("findings_added") && D["findings_added"].is_array()) {
    Line("findings fixed: " + std::to_string(D["findings_fixed"].size()) +
         ", added: " + std::to_string(D["findings_added"].size()) +
         " (matched by rule, file and message)");
    for (const char *Kind : {"findings_added", "findings_fixed"})
      for (const json &F : D[Kind]) {
        std::string At =
            str(F, "file") + ":" + std::to_string(F.value("line", 0));
        Line(std::string(Kind == std::string("findings_added") ? "added: "
                                                               : "fixed: ") +
             (Markdown
                  ? markdownCode(str(F, "rule"), false) + " at " +
                        markdownCode(At, false) + ": " +
                        markdownText(str(F, "message"))
                  : terminalText(str(F, "rule")) + " at " + terminalText(At) +
                        ": " + terminalText(str(F, "message"))));
      }
  }
  const json &C = D["compile"], &B = C["base"], &H = C["head"];
  auto Joules = [](const json &V) {
    return V.is_number() ? formatEnergy(V.get<double>())
                         : std::string("not modelled");
  };
  std::string Energy = "build energy: " + Joules(B["energy_j"]) + " -> " +
                       Joules(H["energy_j"]) + pct(C["energy_pct"]) +
                       ", modelled from profile " +
                       joinIds(B["profiles"], Markdown) + " -> " +
                       joinIds(H["profiles"], Markdown) +
                       " (E = P(U)/N x CPU s per compile); compile time "
                       "measured by the plugin: wall " +
                       formatNumber(B.value("wall_s", 0.0)) + " -> " +
                       formatNumber(H.value("wall_s", 0.0)) + " s, CPU " +
                       formatNumber(B.value("cpu_s", 0.0)) + " -> " +
                       formatNumber(H.value("cpu_s", 0.0)) + " s";
  Line(Energy);
  if (!str(C, "note").empty())
    Line("note: " + shown(str(C, "note"), Markdown));
  if (B.value("without_cost", 0) || H.value("without_cost", 0))
    Line("translation units without compile cost: base " +
         std::to_string(B.value("without_cost", 0)) + ", head " +
         std::to_string(H.value("without_cost", 0)) +
         " (their compiles are not in the sums)");
  return Out;
}

} // namespace greenlint
