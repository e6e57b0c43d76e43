//===- Comparison.cpp - Base vs head SCI: deltas and significance ---------===//
//
// A baseline comparison is valid only with an identical methodology
// (ISO/IEC 21031:2024, "comparing to a baseline"), so differences in the
// methodology are refused rather than reported as a delta.
//
//===----------------------------------------------------------------------===//
#include "Comparison.h"
#include "BuildComparison.h"
#include "OutputEscaping.h"
#include "ReportFormats.h"
#include "Significance.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace greenlint {

using nlohmann::json;

namespace {

/// A methodology value for the refusal message on the terminal.
std::string show(const json &V) {
  if (V.is_string())
    return terminalText(V.get<std::string>());
  if (V.is_number())
    return formatNumber(V.get<double>(), 6);
  return terminalText(dumpJson(V, -1));
}

std::string meterList(const json &Meth) {
  std::string S;
  for (const json &M : Meth.value("meters", json::array()))
    S += (S.empty() ? "" : ",") + M.value("name", std::string()) +
         (M.value("measured", false) ? "(measured)" : "(modelled)");
  return S;
}

std::string str(const json &Obj, const char *Key) {
  auto It = Obj.find(Key);
  return It != Obj.end() && It->is_string() ? It->get<std::string>() : "";
}

} // namespace

std::string methodologyDifferences(const json &Base, const json &Head) {
  std::string Out;
  auto Differ = [&](const std::string &What, const json &B, const json &H) {
    if (B != H)
      Out += "  " + What + ": base " + show(B) + ", head " + show(H) + "\n";
  };
  Differ("report format version", Base.value("version", 0),
         Head.value("version", 0));
  const json &MB = Base["methodology"], &MH = Head["methodology"];
  Differ("hardware profile", MB["profile"]["id"], MH["profile"]["id"]);
  Differ("grid", MB["grid"]["id"], MH["grid"]["id"]);
  Differ("grid intensity (gCO2e/kWh)", MB["grid"]["intensity_gco2e_per_kwh"],
         MH["grid"]["intensity_gco2e_per_kwh"]);
  Differ("PUE", MB["pue"]["value"], MH["pue"]["value"]);
  Differ("meters", meterList(MB), meterList(MH));
  Differ("functional units", MB["functional_units"], MH["functional_units"]);
  Differ("embodied TE (g)", MB["embodied"]["te_g"], MH["embodied"]["te_g"]);
  Differ("embodied lifespan (years)", MB["embodied"]["lifespan_years"],
         MH["embodied"]["lifespan_years"]);
  Differ("embodied ToR (logical CPUs)", MB["embodied"]["tor_threads"],
         MH["embodied"]["tor_threads"]);
  Differ("embodied RR", MB["embodied"]["rr"], MH["embodied"]["rr"]);
  Differ("reserved threads", MB["embodied"]["reserved_threads"],
         MH["embodied"]["reserved_threads"]);
  Differ("grouping", MB["grouping"], MH["grouping"]);
  return Out;
}

static RatioEstimate runsEstimate(const json &Row) {
  std::vector<RatioObservation> Obs;
  for (const json &R : Row.value("runs", json::array()))
    Obs.push_back({R.value("carbon_g", 0.0), R.value("units", 0.0)});
  return ratioEstimate(Obs);
}

static RatioEstimate intervalEstimate(const json &Row) {
  RatioEstimate E;
  const json &I = Row.value("intervals", json::object());
  E.N = I.value("n", 0);
  E.StdError = I.value("se", 0.0);
  E.Value = Row["sci"].is_number() ? Row["sci"].get<double>() : 0;
  return E;
}

/// The finite number at \p Key of \p Row, if there is one.
static bool finiteField(const json &Row, const char *Key, double &Out) {
  auto It = Row.find(Key);
  if (It == Row.end() || !It->is_number())
    return false;
  Out = It->get<double>();
  return std::isfinite(Out);
}

/// A row's SCI range from the report's E*I range (M is not ranged); null when
/// the row has no range (measured, not known, or a report before ranges).
static json sciRange(const json &Row) {
  // A report JSON given to diff is checked only for the fields verdicts read;
  // these are read defensively, and anything odd means no range.
  auto C = Row.find("operational_range_g");
  double Carbon = 0, Sci = 0, Operational = 0;
  if (C == Row.end() || !C->is_object() ||
      !finiteField(Row, "carbon_g", Carbon) || !finiteField(Row, "sci", Sci) ||
      !finiteField(Row, "operational_g", Operational) || Carbon <= 0)
    return nullptr;
  auto Low = C->find("low"), High = C->find("high");
  if (Low == C->end() || High == C->end() || !Low->is_number() ||
      !High->is_number())
    return nullptr;
  double M = Carbon - Operational;
  return {{"low", Sci * (Low->get<double>() + M) / Carbon},
          {"high", Sci * (High->get<double>() + M) / Carbon}};
}

/// "modelled", "measured" or "not known" from a report row; "" before ranges.
static std::string energyRange(const json &Row) {
  auto E = Row.find("energy");
  return E != Row.end() && E->is_object() ? str(*E, "range") : "";
}

/// Whether a change is provable in energy terms (docs/sci-methodology.md):
/// both sides are priced by one profile, but its error can differ at the two
/// sides' utilisations, so a change whose two ranges overlap may be the
/// model's, even when the CPU time behind it changed significantly.
static void modellingRange(const json &B, const json &H, bool Significant,
                           json &D) {
  if (energyRange(B) == "measured" && energyRange(H) == "measured") {
    D["modelling"] = "measured";
    return;
  }
  json RB = sciRange(B), RH = sciRange(H);
  if (RB.is_null() || RH.is_null()) {
    D["modelling"] = "range not known";
    return;
  }
  D["base_sci_range"] = RB;
  D["head_sci_range"] = RH;
  bool Overlap = RH["low"].get<double>() <= RB["high"].get<double>() &&
                 RB["low"].get<double>() <= RH["high"].get<double>();
  if (!Significant)
    D["modelling"] = "not significant";
  else
    D["modelling"] =
        Overlap ? "inside modelling range" : "beyond modelling range";
}

json diffReports(const json &Base, const json &Head, const DiffSettings &S) {
  json Out;
  Out["format"] = "greenlint-diff";
  Out["version"] = 1;
  // Reports from --facts alone have no methodology: no SCI to compare.
  Out["methodology"] =
      Head.contains("methodology") ? Head["methodology"] : json(nullptr);
  Out["alpha"] = S.Alpha;
  Out["fail_above_pct"] = S.FailAbovePct;
  Out["test"] = "Welch's t-test on ratio estimates (docs/sci-methodology.md)";
  json Rows = json::array();
  int Regressions = 0, Improvements = 0;
  std::map<std::string, const json *> BaseGroups;
  for (const json &G : Base["groups"])
    BaseGroups[str(G, "test")] = &G;
  for (const json &HG : Head["groups"]) {
    std::string Test = str(HG, "test");
    std::map<std::string, const json *> BaseRows;
    if (auto It = BaseGroups.find(Test); It != BaseGroups.end())
      for (const json &R : (*It->second)["rows"])
        BaseRows[str(R, "key")] = &R;
    std::map<std::string, bool> Seen;
    for (const json &H : HG["rows"]) {
      std::string Key = str(H, "key");
      json D = {{"test", Test},        {"key", Key},
                {"scope", H["scope"]}, {"name", H["name"]},
                {"side", H["side"]},   {"unit", H["unit"]},
                {"head_sci", H["sci"]}};
      auto BIt = BaseRows.find(Key);
      if (BIt == BaseRows.end() || !(*BIt->second)["sci"].is_number() ||
          !H["sci"].is_number()) {
        D["base_sci"] =
            BIt == BaseRows.end() ? json(nullptr) : (*BIt->second)["sci"];
        D["verdict"] = BIt == BaseRows.end() ? "new" : "no units";
        Rows.push_back(D);
        Seen[Key] = true;
        continue;
      }
      Seen[Key] = true;
      const json &B = *BIt->second;
      double BaseSci = B["sci"].get<double>(), HeadSci = H["sci"].get<double>();
      D["base_sci"] = BaseSci;
      D["delta"] = HeadSci - BaseSci;
      D["delta_pct"] = BaseSci != 0 ? json(100 * (HeadSci - BaseSci) / BaseSci)
                                    : json(nullptr);
      RatioEstimate EB = runsEstimate(B), EH = runsEstimate(H);
      std::string Level = "runs";
      if (EB.N < 2 || EH.N < 2) {
        EB = intervalEstimate(B);
        EH = intervalEstimate(H);
        Level = "intervals";
      }
      EB.Value = BaseSci;
      EH.Value = HeadSci;
      WelchResult W = welchTest(EB, EH);
      D["n_base"] = EB.N;
      D["n_head"] = EH.N;
      D["se_base"] = EB.StdError;
      D["se_head"] = EH.StdError;
      if (!W.Valid) {
        D["over"] = nullptr;
        D["verdict"] = "not tested";
        Rows.push_back(D);
        continue;
      }
      D["over"] = Level;
      D["t"] = std::isfinite(W.T) ? json(W.T) : json(nullptr);
      D["df"] = W.Df;
      D["p"] = W.P;
      bool Significant = W.P < S.Alpha;
      double Pct = BaseSci != 0 ? 100 * (HeadSci - BaseSci) / BaseSci : 0;
      std::string Verdict = "no significant change";
      if (Significant && HeadSci > BaseSci)
        Verdict = Pct > S.FailAbovePct ? "regression"
                                       : "significant increase within "
                                         "threshold";
      else if (Significant && HeadSci < BaseSci)
        Verdict = "improvement";
      Regressions += Verdict == "regression";
      Improvements += Verdict == "improvement";
      D["verdict"] = Verdict;
      modellingRange(B, H, Significant, D);
      Rows.push_back(D);
    }
    for (const auto &[Key, B] : BaseRows)
      if (!Seen.count(Key))
        Rows.push_back({{"test", Test},
                        {"key", Key},
                        {"scope", (*B)["scope"]},
                        {"name", (*B)["name"]},
                        {"side", (*B)["side"]},
                        {"unit", (*B)["unit"]},
                        {"base_sci", (*B)["sci"]},
                        {"head_sci", nullptr},
                        {"verdict", "removed"}});
  }
  Out["rows"] = Rows;
  Out["regressions"] = Regressions;
  Out["improvements"] = Improvements;
  bool BaseBuild = Base.contains("build"), HeadBuild = Head.contains("build");
  if (BaseBuild && HeadBuild)
    Out["build"] =
        diffBuildSections(Base["build"], Head["build"], S.FailOnBuildGrowthPct);
  else if (BaseBuild || HeadBuild)
    Out["build_note"] = std::string("only ") + (BaseBuild ? "base" : "head") +
                        " has a build section; make both reports with "
                        "--facts to compare builds";
  return Out;
}

namespace {

std::string num(const json &V, int Significant = 4) {
  return V.is_number() ? formatNumber(V.get<double>(), Significant) : "-";
}

/// SCI per R and its delta, in grams in the report: mg, g or kg.
std::string carbon(const json &V) {
  return V.is_number() ? formatCarbon(V.get<double>()) : "-";
}

/// Text from a report (names, ids, units) as the output format shows it.
std::string shown(const std::string &S, bool Markdown) {
  return Markdown ? markdownText(S) : terminalText(S);
}

const std::vector<std::string> DiffRowFigures = {"base_sci", "head_sci"};

size_t hiddenSideRows(const json &Diff) {
  std::vector<bool> R = redundantSideRows(Diff["rows"], DiffRowFigures);
  return std::count(R.begin(), R.end(), true);
}

std::vector<std::vector<std::string>> diffCells(const json &Diff,
                                                bool Markdown) {
  std::vector<std::vector<std::string>> T;
  T.push_back({"test", "side", "name", "R", "base SCI", "head SCI", "delta",
               "delta %", "p", "n (over)", "verdict"});
  const json &Rows = Diff["rows"];
  // A side score with the same figures as its only region says nothing new.
  std::vector<bool> Redundant = redundantSideRows(Rows, DiffRowFigures);
  for (size_t I = 0; I < Rows.size(); ++I) {
    const json &R = Rows[I];
    if (Redundant[I])
      continue;
    std::string Side =
        str(R, "scope") == "region" ? str(R, "side") : str(R, "scope");
    std::string Name;
    if (str(R, "scope") == "consumer" || str(R, "scope") == "provider")
      Name = sideRowName(Rows, R);
    else if (str(R, "scope") == "total")
      Name = shown(str(R, "name"), Markdown);
    else
      Name = Markdown ? markdownCode(str(R, "name"), true)
                      : terminalText(str(R, "name"));
    std::string Pct = R.contains("delta_pct") && R["delta_pct"].is_number()
                          ? (R["delta_pct"].get<double>() >= 0 ? "+" : "") +
                                formatNumber(R["delta_pct"].get<double>(), 3) +
                                "%"
                          : "-";
    std::string N = "-";
    if (R.contains("n_base"))
      N = std::to_string(R.value("n_base", 0)) + "/" +
          std::to_string(R.value("n_head", 0)) +
          (R.contains("over") && R["over"].is_string()
               ? " " + shown(R["over"].get<std::string>(), Markdown)
               : "");
    std::string Verdict = shown(str(R, "verdict"), Markdown);
    if (Markdown && Verdict == "regression")
      Verdict = "**regression**";
    T.push_back({shown(str(R, "test"), Markdown),
                 Side.empty() ? "region" : shown(Side, Markdown), Name,
                 shown(str(R, "unit"), Markdown), carbon(R["base_sci"]),
                 carbon(R["head_sci"]),
                 R.contains("delta") ? carbon(R["delta"]) : "-", Pct,
                 R.contains("p") ? num(R["p"], 3) : "-", N, Verdict});
  }
  return T;
}

std::string summary(const json &Diff, bool Markdown) {
  const json &M = Diff["methodology"];
  std::ostringstream OS;
  if (M.is_null())
    return "no ledgers: build only, no SCI to compare\n";
  OS << "same methodology: profile " << shown(str(M["profile"], "id"), Markdown)
     << ", grid " << shown(str(M["grid"], "id"), Markdown) << " ("
     << num(M["grid"]["intensity_gco2e_per_kwh"]) << " gCO2e/kWh), PUE "
     << num(M["pue"]["value"]) << ", meters " << shown(meterList(M), Markdown)
     << "; SCI in gCO2e per R; significance: Welch's t-test, alpha "
     << num(Diff["alpha"]) << "; fail above " << num(Diff["fail_above_pct"])
     << "%\n";
  OS << Diff.value("regressions", 0) << " significant regression(s), "
     << Diff.value("improvements", 0) << " significant improvement(s)\n";
  return OS.str();
}

/// The build delta, or why there is none.
std::string buildText(const json &Diff, bool Markdown) {
  if (Diff.contains("build"))
    return renderBuildDiff(Diff["build"], Markdown);
  if (Diff.contains("build_note"))
    return (Markdown ? "\n> " : "\nbuild: ") +
           shown(Diff["build_note"].get<std::string>(), Markdown) + "\n";
  return "";
}

} // namespace

/// One line per significant change inside the modelling range: real run to
/// run, not provable in energy terms.
static std::string modellingNote(const json &Diff, bool Markdown) {
  std::string Out;
  const json &Rows = Diff["rows"];
  std::vector<bool> Redundant = redundantSideRows(Rows, DiffRowFigures);
  for (size_t I = 0; I < Rows.size(); ++I) {
    const json &R = Rows[I];
    if (Redundant[I] || str(R, "modelling") != "inside modelling range")
      continue;
    std::string Name = str(R, "scope") == "region"
                           ? (Markdown ? markdownCode(str(R, "name"), true)
                                       : terminalText(str(R, "name")))
                           : shown(str(R, "name"), Markdown);
    Out += std::string(Markdown ? "- " : "  ") +
           shown(str(R, "test"), Markdown) + " " + Name + "/" +
           shown(str(R, "unit"), Markdown) + ": " +
           shown(str(R, "verdict"), Markdown) +
           " inside the modelling range: base " + carbon(R["base_sci"]) +
           " (range " + carbon(R["base_sci_range"]["low"]) + "–" +
           carbon(R["base_sci_range"]["high"]) + "), head " +
           carbon(R["head_sci"]) + " (range " +
           carbon(R["head_sci_range"]["low"]) + "–" +
           carbon(R["head_sci_range"]["high"]) +
           "); the CPU-time change is real run to run, its energy is not "
           "provable\n";
  }
  if (Out.empty())
    return Out;
  return (Markdown ? std::string("\n**Inside the modelling range**\n\n")
                   : std::string("inside the modelling range:\n")) +
         Out;
}

std::string renderDiffTable(const json &Diff) {
  std::string Out = "greenlint diff: " + summary(Diff, false);
  if (Diff["methodology"].is_null())
    return Out + buildText(Diff, false);
  Out += alignTable(diffCells(Diff, false));
  Out += sideRowsNote(hiddenSideRows(Diff));
  Out += modellingNote(Diff, false);
  return Out + buildText(Diff, false);
}

std::string renderDiffMarkdown(const json &Diff) {
  std::string Out = "## greenlint SCI diff\n\n" + summary(Diff, true) + "\n";
  if (Diff["methodology"].is_null())
    return Out + buildText(Diff, true);
  auto T = diffCells(Diff, true);
  for (size_t R = 0; R < T.size(); ++R) {
    Out += "|";
    for (const std::string &C : T[R])
      Out += " " + C + " |";
    Out += "\n";
    if (R == 0) {
      Out += "|";
      for (size_t I = 0; I < T[R].size(); ++I)
        Out += I < 4 || I == T[R].size() - 1 ? "---|" : "--:|";
      Out += "\n";
    }
  }
  if (size_t Hidden = hiddenSideRows(Diff))
    Out += "\n" + sideRowsNote(Hidden);
  Out += modellingNote(Diff, true);
  return Out + buildText(Diff, true);
}

} // namespace greenlint
