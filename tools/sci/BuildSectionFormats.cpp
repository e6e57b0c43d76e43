//===- BuildSectionFormats.cpp - The build section as text and Markdown ---===//
#include "BuildSectionFormats.h"
#include "OutputEscaping.h"
#include "ReportFormats.h"

#include <cmath>
#include <cstdio>

namespace greenlint {

using nlohmann::json;

namespace {

std::string str(const json &Obj, const char *Key) {
  auto It = Obj.find(Key);
  return It != Obj.end() && It->is_string() ? It->get<std::string>() : "";
}

/// Counts print whole; null is a figure the estimator could not know.
std::string figure(const json &Obj, const char *Key) {
  auto It = Obj.find(Key);
  if (It == Obj.end() || !It->is_number())
    return "unknown";
  double V = It->get<double>();
  if (V == std::floor(V) && std::fabs(V) < 1e15) {
    char B[32];
    std::snprintf(B, sizeof B, "%.0f", V);
    return B;
  }
  return formatNumber(V);
}

/// A name from the facts (model, rule) as code; in a table cell or a line.
std::string code(const std::string &S, bool Markdown, bool InTableCell) {
  return Markdown ? markdownCode(S, InTableCell) : terminalText(S);
}

/// Other text from the facts (files, frameworks, reasons).
std::string shown(const std::string &S, bool Markdown) {
  return Markdown ? markdownText(S) : terminalText(S);
}

std::string listText(const json &Items, bool Markdown) {
  std::string S;
  for (const json &I : Items)
    S +=
        (S.empty() ? "" : ", ") +
        shown(I.is_string() ? I.get<std::string>() : dumpJson(I, -1), Markdown);
  return S;
}

} // namespace

std::string renderBuildSection(const json &Build, bool Markdown) {
  std::string Out;
  auto Line = [&](const std::string &S) {
    Out += (Markdown ? "- " : "  ") + S + "\n";
  };
  int Files = Build.value("facts_files", 0);
  Out += Markdown ? "\n### Build\n\n" : "\nbuild\n";
  int ModelFacts = Build.value("model_files_facts", 0);
  Line("from " + std::to_string(Files) + " facts file" +
       (Files == 1 ? "" : "s") + " (-fplugin-arg-greenlint-facts=)" +
       (ModelFacts ? ", and " + std::to_string(ModelFacts) +
                         " of model files (greenlint_model, greenlint "
                         "estimate --facts)"
                   : std::string()));

  const json &Estimates = Build["estimates"];
  if (Estimates.empty()) {
    Line("static estimates: none (no model definition the plugin could "
         "read)");
  } else {
    Line("static estimates: modelled at build time from the model's "
         "definition (docs/estimates.md); J/call on the profile named in its "
         "row, \"unknown\" where a size is not a constant");
    if (Markdown)
      Out += "\n";
    TextTable T = {{"model", "framework", "defined at", "dtype", "profile",
                    "parameters", "weight bytes", "FLOPs/sample", "J/call"}};
    for (const json &E : Estimates) {
      std::string Profile = str(E, "profile");
      T.push_back(
          {code(str(E, "model"), Markdown, true),
           shown(str(E, "framework"), Markdown),
           // A model file has no line: the file is the definition.
           shown(str(E, "file"), Markdown) +
               (E.value("line", 0) ? ":" + std::to_string(E.value("line", 0))
                                   : std::string()),
           shown(str(E, "dtype"), Markdown),
           Profile.empty() ? "none configured" : shown(Profile, Markdown),
           figure(E, "parameters"), figure(E, "weight_bytes"),
           figure(E, "flops_per_sample"), figure(E, "joules_per_call")});
    }
    Out += Markdown ? markdownTable(T, 5) : alignTable(T, 4);
    if (Markdown)
      Out += "\n";
    for (const json &E : Estimates)
      if (!str(E, "description").empty())
        Line(code(str(E, "model"), Markdown, false) + ": " +
             shown(str(E, "description"), Markdown));
    for (const json &E : Estimates)
      for (const json &Why : E["unknown"])
        Line("unknown in " + code(str(E, "model"), Markdown, false) + ": " +
             shown(Why.is_string() ? Why.get<std::string>() : dumpJson(Why, -1),
                   Markdown));
  }

  const json &ByRule = Build["findings_by_rule"];
  if (ByRule.empty()) {
    Line("findings by rule: none");
  } else {
    Line("findings by rule (linted at build time; suppressed ones apart):");
    if (Markdown)
      Out += "\n";
    TextTable T = {{"rule", "findings", "suppressed"}};
    for (const json &R : ByRule)
      T.push_back({code(str(R, "rule"), Markdown, true),
                   std::to_string(R.value("findings", 0)),
                   std::to_string(R.value("suppressed", 0))});
    Out += Markdown ? markdownTable(T, 1) : alignTable(T, 4);
    if (Markdown)
      Out += "\n";
  }

  const json &C = Build["compile"];
  int Units = C.value("translation_units", 0),
      WithCost = C.value("with_cost", 0);
  std::string Energy = "build energy: ";
  if (C["energy_j"].is_number()) {
    std::string Profiles;
    for (const json &P : C["profiles"])
      Profiles += (Profiles.empty() ? "" : ", ") +
                  shown(str(P, "id"), Markdown) + " (" +
                  shown(str(P, "note"), Markdown) + ")";
    Energy += formatEnergy(C["energy_j"].get<double>()) + " over " +
              std::to_string(C.value("modelled", 0)) + " of " +
              std::to_string(Units) +
              " translation units, modelled as the runtime's model meter "
              "(E = P(U)/N x CPU s) from profile " +
              Profiles + "; ";
  } else {
    Energy += "not modelled; ";
  }
  Energy += "compile time measured by the plugin (load to exit) over " +
            std::to_string(WithCost) + " of " + std::to_string(Units) +
            ": wall " + formatNumber(C.value("wall_s", 0.0)) + " s, CPU " +
            formatNumber(C.value("cpu_s", 0.0)) + " s";
  Line(Energy);
  if (!C["without_cost"].empty())
    Line("no compile cost in the facts of " +
         listText(C["without_cost"], Markdown) +
         " (written by a greenlint without compile cost, or the compiler did "
         "not exit normally); rebuild them with this plugin");
  if (C.contains("from_cache") && !C["from_cache"].empty())
    Line("from a compile cache (no compile in this build, so no compile "
         "cost; facts restored from the object files): " +
         listText(C["from_cache"], Markdown));
  for (const json &W : C["without_energy"])
    Line("no compile energy for " + shown(str(W, "source"), Markdown) + ": " +
         shown(str(W, "why"), Markdown));
  return Out;
}

} // namespace greenlint
