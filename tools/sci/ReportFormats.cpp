//===- ReportFormats.cpp - Table, Markdown and Impact Framework output ----===//
#include "ReportFormats.h"
#include "BuildSectionFormats.h"
#include "OutputEscaping.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>
#include <vector>

namespace greenlint {

using nlohmann::json;

std::string formatNumber(double V, int Significant) {
  char B[64];
  if (V == 0)
    return "0";
  double A = std::fabs(V);
  if (A >= 1e-3 && A < 1e7)
    std::snprintf(B, sizeof B, "%.*g", Significant, V);
  else
    std::snprintf(B, sizeof B, "%.*e", Significant - 1, V);
  return B;
}

std::string formatEnergy(double Joules, int Significant) {
  double A = std::fabs(Joules);
  if (!std::isfinite(Joules))
    return formatNumber(Joules, Significant) + " J";
  if (A == 0)
    return "0 J";
  if (A < 0.1)
    return formatNumber(Joules * 1e3, Significant) + " mJ";
  if (A < 1e3)
    return formatNumber(Joules, Significant) + " J";
  if (A < 1e5)
    return formatNumber(Joules / 1e3, Significant) + " kJ";
  if (A < 3.6e6)
    return formatNumber(Joules / 3.6e3, Significant) + " Wh";
  return formatNumber(Joules / 3.6e6, Significant) + " kWh";
}

std::string formatCarbon(double Grams, int Significant) {
  double A = std::fabs(Grams);
  if (!std::isfinite(Grams))
    return formatNumber(Grams, Significant) + " g";
  if (A == 0)
    return "0 g";
  if (A < 1)
    return formatNumber(Grams * 1e3, Significant) + " mg";
  if (A < 1e3)
    return formatNumber(Grams, Significant) + " g";
  return formatNumber(Grams / 1e3, Significant) + " kg";
}

namespace {
bool sameNumber(const json &A, const json &B) {
  if (!A.is_number() || !B.is_number())
    return A.is_null() && B.is_null();
  double X = A.get<double>(), Y = B.get<double>();
  return std::fabs(X - Y) <= 1e-9 * std::max(std::fabs(X), std::fabs(Y));
}

std::string field(const json &Obj, const char *Key) {
  auto It = Obj.find(Key);
  return It != Obj.end() && It->is_string() ? It->get<std::string>() : "";
}

bool isSideRow(const json &Row) {
  std::string Scope = field(Row, "scope");
  return Scope == "consumer" || Scope == "provider";
}

/// The region rows a side row sums: same side and unit (and test, in a diff).
std::vector<const json *> regionsOf(const json &Rows, const json &Side) {
  std::vector<const json *> Regions;
  for (const json &R : Rows)
    if (field(R, "scope") == "region" &&
        field(R, "side") == field(Side, "scope") &&
        field(R, "unit") == field(Side, "unit") &&
        field(R, "test") == field(Side, "test"))
      Regions.push_back(&R);
  return Regions;
}
} // namespace

std::vector<bool> redundantSideRows(const json &Rows,
                                    const std::vector<std::string> &Keys) {
  std::vector<bool> Redundant;
  for (const json &Row : Rows) {
    bool Same = false;
    if (isSideRow(Row)) {
      std::vector<const json *> Regions = regionsOf(Rows, Row);
      Same = Regions.size() == 1;
      for (const std::string &K : Keys)
        Same = Same && sameNumber(Row.value(K, json()),
                                  Regions.front()->value(K, json()));
    }
    Redundant.push_back(Same);
  }
  return Redundant;
}

std::string sideRowsNote(size_t Hidden) {
  if (!Hidden)
    return "";
  return Hidden == 1
             ? std::string("(1 consumer or provider score equals the row of "
                           "its only region and is shown once, as that row)\n")
             : "(" + std::to_string(Hidden) +
                   " consumer or provider scores equal the rows of their only "
                   "regions and are shown once, as those rows)\n";
}

std::string sideRowName(const json &Rows, const json &Row) {
  size_t N = regionsOf(Rows, Row).size();
  return "(" + std::to_string(N) + (N == 1 ? " region)" : " regions)");
}

std::string alignTable(const TextTable &T, size_t Indent) {
  std::vector<size_t> W;
  for (const auto &Row : T)
    for (size_t I = 0; I < Row.size(); ++I) {
      if (W.size() <= I)
        W.push_back(0);
      W[I] = std::max(W[I], codePointCount(Row[I]));
    }
  std::string Out;
  for (const auto &Row : T) {
    std::string Line(Indent, ' ');
    for (size_t I = 0; I < Row.size(); ++I) {
      Line += Row[I];
      if (I + 1 < Row.size())
        Line += std::string(W[I] - codePointCount(Row[I]) + 2, ' ');
    }
    Out += Line + "\n";
  }
  return Out;
}

std::string markdownTable(const TextTable &T, size_t LeftColumns) {
  std::string Out;
  for (size_t R = 0; R < T.size(); ++R) {
    Out += "|";
    for (const std::string &C : T[R])
      Out += " " + C + " |";
    Out += "\n";
    if (R == 0) {
      Out += "|";
      for (size_t I = 0; I < T[R].size(); ++I)
        Out += I < LeftColumns ? "---|" : "--:|";
      Out += "\n";
    }
  }
  return Out;
}

namespace {

std::string num(const json &V, int Significant = 4) {
  return V.is_number() ? formatNumber(V.get<double>(), Significant) : "-";
}

std::string str(const json &Obj, const char *Key) { return field(Obj, Key); }

/// kWh from the report as a person reads energy.
std::string energy(const json &KWh) {
  return KWh.is_number() ? formatEnergy(KWh.get<double>() * 3.6e6) : "-";
}

std::string carbon(const json &Grams) {
  return Grams.is_number() ? formatCarbon(Grams.get<double>()) : "-";
}

using Table = TextTable;

/// Text from the report (names, sources, notes) as the output format shows it.
std::string shown(const std::string &S, bool Markdown) {
  return Markdown ? markdownText(S) : terminalText(S);
}

std::string sideLabel(const json &Row) {
  std::string Scope = str(Row, "scope");
  if (Scope == "region")
    return str(Row, "side").empty() ? "region" : str(Row, "side");
  return Scope;
}

const std::vector<std::string> ReportRowFigures = {"sci", "operational_g"};

size_t hiddenSideRows(const json &Group) {
  std::vector<bool> R = redundantSideRows(Group["rows"], ReportRowFigures);
  return std::count(R.begin(), R.end(), true);
}

/// The group's findings ranked by the energy of the region they sit in
/// (report --facts with ledgers): the warning in the costliest code first.
std::string findingsSection(const json &Group, bool Markdown) {
  auto F = Group.find("findings");
  if (F == Group.end() || F->empty())
    return "";
  Table T;
  T.push_back({"region energy", "share", "rule", "at", "region"});
  for (const json &X : *F) {
    std::string At = str(X, "file") + ":" + std::to_string(X.value("line", 0));
    std::string Share =
        X["process_share"].is_number()
            ? formatNumber(100 * X["process_share"].get<double>(), 3) + "%"
            : "-";
    std::string Energy =
        X["region_energy_j"].is_number()
            ? formatEnergy(X["region_energy_j"].get<double>()) + " (" +
                  str(X, "energy_source") + ")"
            : "- (" + str(X, "why_unranked") + ")";
    std::string Region = X["region"].is_string() ? str(X, "region") : "-";
    T.push_back({Markdown ? markdownText(Energy) : terminalText(Energy), Share,
                 Markdown ? markdownCode(str(X, "rule"), true)
                          : terminalText(str(X, "rule")),
                 Markdown ? markdownCode(At, true) : terminalText(At),
                 Markdown ? markdownCode(Region, true) : terminalText(Region)});
  }
  std::string Count = std::to_string(F->size()) +
                      "; energy of the region with its callees, share of the "
                      "process's";
  if (Markdown)
    return "\n**Findings by the energy of the region they sit in** (" + Count +
           ")\n\n" + markdownTable(T, T[0].size());
  return "findings by the energy of the region they sit in (" + Count + "):\n" +
         alignTable(T, 2);
}

Table groupTable(const json &Group, const json &Report, bool Markdown) {
  Table T;
  std::vector<std::string> Head = {"side",   "name",     "R",    "units",
                                   "E",      "measured", "E*I",  "TiR s",
                                   "RR/ToR", "M",        "SCI/R"};
  const json &WhatIf = Report["what_if"];
  for (const json &W : WhatIf)
    Head.push_back("SCI " + shown(str(W, "id"), Markdown));
  T.push_back(Head);
  const json &Rows = Group["rows"];
  // A consumer or provider score equal to its only region's row would be a
  // second line of the same figures.
  std::vector<bool> Redundant = redundantSideRows(Rows, ReportRowFigures);
  for (size_t I = 0; I < Rows.size(); ++I) {
    const json &Row = Rows[I];
    if (Redundant[I])
      continue;
    const json &E = Row["energy"];
    const json &M = Row["embodied"];
    double Total =
        E["measured_j"].get<double>() + E["modelled_j"].get<double>();
    std::string Measured =
        Total > 0
            ? formatNumber(100 * E["measured_j"].get<double>() / Total, 3) + "%"
            : "-";
    double Tor = M["tor"].get<double>();
    std::string Name;
    if (str(Row, "scope") != "region")
      Name = str(Row, "scope") == "total" ? str(Row, "name")
                                          : sideRowName(Rows, Row);
    else
      Name = Markdown ? markdownCode(str(Row, "name"), true)
                      : terminalText(str(Row, "name"));
    if (Row.contains("source"))
      Name += " (" + shown(str(Row["source"], "file"), Markdown) + ":" +
              std::to_string(Row["source"].value("line", 0)) + ")";
    std::vector<std::string> Cells = {shown(sideLabel(Row), Markdown),
                                      Name,
                                      shown(str(Row, "unit"), Markdown),
                                      num(Row["units"], 6),
                                      energy(E["kwh"]),
                                      Measured,
                                      carbon(Row["operational_g"]),
                                      num(M["tir_s"]),
                                      Tor > 0 ? num(M["rr"].get<double>() / Tor)
                                              : "-",
                                      carbon(M["m_g"]),
                                      carbon(Row["sci"])};
    if (Row.contains("what_if_sci"))
      for (const json &V : Row["what_if_sci"])
        Cells.push_back(carbon(V));
    T.push_back(Cells);
  }
  return T;
}

/// `E = x (range a–b)` for every row shown: modelled figures get the
/// profile's range, measured ones say so; never silently missing.
std::string rangesNote(const json &Group, bool Markdown) {
  std::string Out;
  const json &Rows = Group["rows"];
  std::vector<bool> Redundant = redundantSideRows(Rows, ReportRowFigures);
  for (size_t I = 0; I < Rows.size(); ++I) {
    if (Redundant[I])
      continue;
    const json &Row = Rows[I];
    const json &E = Row["energy"];
    std::string Name = str(Row, "scope") == "region"
                           ? (Markdown ? markdownCode(str(Row, "name"), true)
                                       : terminalText(str(Row, "name")))
                           : shown(str(Row, "name"), Markdown);
    std::string Line = std::string(Markdown ? "- " : "  ") + Name + "/" +
                       shown(str(Row, "unit"), Markdown) +
                       ": E = " + energy(E["kwh"]);
    std::string Kind = str(E, "range");
    if (Kind == "measured") {
      Line += " (measured, no modelling range); E*I = " +
              carbon(Row["operational_g"]) + " (measured energy)";
    } else if (E.contains("low_kwh")) {
      const json &C = Row["operational_range_g"];
      Line += " (range " + energy(E["low_kwh"]) + "–" + energy(E["high_kwh"]) +
              "); E*I = " + carbon(Row["operational_g"]) + " (range " +
              carbon(C["low"]) + "–" + carbon(C["high"]) +
              "; grid range not known)";
      if (Row.contains("sci_range"))
        Line += "; SCI/R = " + carbon(Row["sci"]) + " (range " +
                carbon(Row["sci_range"]["low"]) + "–" +
                carbon(Row["sci_range"]["high"]) + ", M not ranged)";
    } else {
      Line += " (range not known); E*I = " + carbon(Row["operational_g"]) +
              " (range not known)";
    }
    Out += Line + "\n";
  }
  if (Out.empty())
    return Out;
  return (Markdown ? std::string("\n**Ranges**\n\n")
                   : std::string("ranges:\n")) +
         Out;
}

/// One line per region whose self energy was partly burned by threads in no
/// region (work it handed to a pool), as self = own + dispatched.
std::string dispatchedNote(const json &Group, bool Markdown) {
  std::string Out;
  std::set<std::string> Seen;
  for (const json &Row : Group["rows"]) {
    if (str(Row, "scope") != "region" || !Seen.insert(str(Row, "name")).second)
      continue;
    const json &E = Row["energy"];
    double Self = E.value("self_j", 0.0),
           Dispatched = E.value("dispatched_j", 0.0);
    if (Dispatched <= 0)
      continue;
    std::string Name = Markdown ? markdownCode(str(Row, "name"), true)
                                : terminalText(str(Row, "name"));
    Out += std::string(Markdown ? "- " : "") + "self " + Name + ": " +
           formatEnergy(Self - Dispatched) + " own + " +
           formatEnergy(Dispatched) +
           " dispatched (threads in no region while it ran)\n";
  }
  return Out;
}

void methodologyLines(const json &Report, std::vector<std::string> &Lines) {
  const json &M = Report["methodology"];
  const json &G = M["grid"];
  // "DE (Germany)", or for a cloud region "aws:eu-central-1 -> DE (Germany)".
  std::string I = "I   " + (str(G, "grid").rfind(str(G, "id"), 0) == 0
                                ? str(G, "grid")
                                : str(G, "id") + " -> " + str(G, "grid"));
  I += ": " + num(G["intensity_gco2e_per_kwh"]) + " gCO2e/kWh, " +
       str(G, "kind") + "; " + str(G, "source");
  if (G.value("year", 0))
    I += " (" + std::to_string(G.value("year", 0)) + ")";
  Lines.push_back(I);
  Lines.push_back("PUE " + num(M["pue"]["value"]) + " (" +
                  str(M["pue"], "source") + ")");
  const json &P = M["energy_provenance"];
  auto Or = [](const std::string &S) {
    return S.empty() ? std::string("not metered") : S;
  };
  Lines.push_back("E   IT energy x PUE; cpu: " + Or(str(P, "cpu")) +
                  "; dram: " + Or(str(P, "dram")) +
                  "; gpu: " + Or(str(P, "gpu")));
  const json &Em = M["embodied"];
  std::string Rr = str(Em, "rr") == "reserved-threads"
                       ? num(Em["reserved_threads"]) +
                             " reserved logical CPUs (--reserved-threads) x "
                             "the scope's share of CPU time"
                       : "logical CPUs in use = CPU time / TiR";
  Lines.push_back("M   TE x TiR/EL x RR/ToR; TE " + carbon(Em["te_g"]) +
                  " (profile " + str(M["profile"], "id") + ": " +
                  str(Em, "source") + ", " +
                  std::to_string(Em.value("year", 0)) + "); EL " +
                  num(Em["lifespan_years"]) +
                  " y; TiR the run's wall time; "
                  "RR " +
                  Rr + "; ToR " + num(Em["tor_threads"]) +
                  " logical CPUs of the profiled socket");
  Lines.push_back("R   functional units counted at run time; consumer "
                  "(inference) and provider (training) scores apart");
  const json &Rg = M["ranges"];
  if (Rg.is_object())
    Lines.push_back(
        "range modelled joules x " + num(Rg["low_factor"]) + "–" +
        num(Rg["high_factor"]) +
        (Rg["energy_basis"].is_string()
             ? " (" + str(Rg, "energy_basis") + ": " + str(Rg, "source") +
                   ", " + std::to_string(Rg.value("year", 0)) + ")"
             : " (range not known: " + str(Rg, "source") + ")") +
        "; measured joules exact; M not ranged; grid range " + str(Rg, "grid"));
}

} // namespace

std::string renderReportTable(const json &Report) {
  std::ostringstream OS;
  if (!Report.contains("methodology")) {
    OS << "greenlint report: build section only (no ledgers, so no SCI)\n";
    OS << renderBuildSection(Report["build"], false);
    return OS.str();
  }
  const json &Ledgers = Report["ledgers"];
  OS << "greenlint report: " << Ledgers.size() << " ledger"
     << (Ledgers.size() == 1 ? "" : "s") << "; SCI = (E*I + M) per R "
     << "(ISO/IEC 21031:2024)\n";
  std::vector<std::string> Lines;
  methodologyLines(Report, Lines);
  for (const std::string &L : Lines)
    OS << "  " << terminalText(L) << "\n";
  OS << "boundary:\n";
  for (const json &C : Report["boundary"]["counted"])
    OS << "  counted: " << terminalText(C.get<std::string>()) << "\n";
  for (const json &C : Report["boundary"]["not_counted"])
    OS << "  not counted: " << terminalText(C.get<std::string>()) << "\n";
  for (const json &W : Report["warnings"])
    OS << "greenlint: warning: " << terminalText(W.get<std::string>()) << "\n";
  for (const json &W : Report["what_if"])
    OS << "what if: " << terminalText(str(W, "id")) << " = "
       << num(W["intensity_gco2e_per_kwh"]) << " gCO2e/kWh ("
       << terminalText(str(W, "kind")) << ", " << terminalText(str(W, "source"))
       << ", " << W.value("year", 0) << "), PUE " << num(W["pue"]) << "\n";
  for (const json &G : Report["groups"]) {
    OS << "\n"
       << (str(G, "test") == "(all)" ? "all runs"
                                     : "test: " + terminalText(str(G, "test")))
       << " (" << G.value("runs", 0) << " run"
       << (G.value("runs", 0) == 1 ? "" : "s") << ")\n";
    OS << alignTable(groupTable(G, Report, false));
    OS << sideRowsNote(hiddenSideRows(G));
    OS << dispatchedNote(G, false);
    OS << rangesNote(G, false);
    OS << findingsSection(G, false);
  }
  if (Report.contains("build"))
    OS << renderBuildSection(Report["build"], false);
  return OS.str();
}

std::string renderReportMarkdown(const json &Report) {
  std::ostringstream OS;
  OS << "## greenlint SCI report\n\n";
  if (!Report.contains("methodology")) {
    OS << "Build section only: no ledgers, so no SCI.\n";
    OS << renderBuildSection(Report["build"], true);
    return OS.str();
  }
  OS << "SCI = (E·I + M) per R (ISO/IEC 21031:2024), over "
     << Report["ledgers"].size() << " ledger(s).\n\n";
  std::vector<std::string> Lines;
  methodologyLines(Report, Lines);
  for (const std::string &L : Lines)
    OS << "- **" << L.substr(0, L.find(' ')) << "**"
       << markdownText(L.substr(L.find(' '))) << "\n";
  OS << "\n**Boundary.** Counted: ";
  bool First = true;
  for (const json &C : Report["boundary"]["counted"]) {
    OS << (First ? "" : "; ") << markdownText(C.get<std::string>());
    First = false;
  }
  OS << ". Not counted: ";
  First = true;
  for (const json &C : Report["boundary"]["not_counted"]) {
    OS << (First ? "" : "; ") << markdownText(C.get<std::string>());
    First = false;
  }
  OS << ".\n";
  for (const json &W : Report["warnings"])
    OS << "\n> warning: " << markdownText(W.get<std::string>()) << "\n";
  for (const json &G : Report["groups"]) {
    OS << "\n### "
       << (str(G, "test") == "(all)" ? "All runs"
                                     : markdownCode(str(G, "test"), false))
       << " (" << G.value("runs", 0) << " run"
       << (G.value("runs", 0) == 1 ? "" : "s") << ")\n\n";
    OS << markdownTable(groupTable(G, Report, true));
    if (size_t Hidden = hiddenSideRows(G))
      OS << "\n" << sideRowsNote(Hidden);
    if (std::string Note = dispatchedNote(G, true); !Note.empty())
      OS << "\n" << Note;
    OS << rangesNote(G, true);
    OS << findingsSection(G, true);
  }
  if (Report.contains("build"))
    OS << renderBuildSection(Report["build"], true);
  return OS.str();
}

static std::string yamlNumber(double V) {
  // YAML spells the non-finite floats its own way; %g's "inf" is a string.
  if (std::isnan(V))
    return ".nan";
  if (std::isinf(V))
    return V > 0 ? ".inf" : "-.inf";
  char B[40];
  std::snprintf(B, sizeof B, "%.17g", V);
  return B;
}

std::string renderIfManifest(const json &Report) {
  std::ostringstream OS;
  const json &M = Report["methodology"];
  OS << "# Impact Framework manifest written by greenlint report --format if.\n"
        "# Run: npx if-run -m <this file> -o out; each child's `sci` output "
        "equals\n# greenlint's SCI for that row (docs/report-format.md).\n";
  OS << "name: greenlint-sci\n";
  OS << "description: "
     << yamlQuoted("SCI = (E*I + M) per R from greenlint ledgers; grid " +
                   str(M["grid"], "id") + ", profile " +
                   str(M["profile"], "id"))
     << "\n";
  OS << "initialize:\n  plugins:\n"
        "    energy-with-pue:\n      method: Multiply\n      path: builtin\n"
        "      config:\n        input-parameters: [\"energy-it\", \"pue\"]\n"
        "        output-parameter: energy\n"
        "    operational-carbon:\n      method: Multiply\n      path: builtin\n"
        "      config:\n        input-parameters: [\"energy\", "
        "\"grid/carbon-intensity\"]\n"
        "        output-parameter: carbon-operational\n"
        "    embodied-share:\n      method: Multiply\n      path: builtin\n"
        "      config:\n        input-parameters: [\"embodied/total\", "
        "\"embodied/time-share\", \"embodied/resource-share\"]\n"
        "        output-parameter: embodied-carbon\n"
        "    sum-carbon:\n      method: Sum\n      path: builtin\n"
        "      config:\n        input-parameters: [\"carbon-operational\", "
        "\"embodied-carbon\"]\n        output-parameter: carbon\n"
        "    sci:\n      method: Sci\n      path: builtin\n"
        "      config:\n        functional-unit: functional-units\n";
  OS << "tree:\n  children:\n";
  std::string Timestamp = "1970-01-01T00:00:00Z";
  if (!Report["ledgers"].empty() &&
      !str(Report["ledgers"][0], "start_time_utc").empty())
    Timestamp = str(Report["ledgers"][0], "start_time_utc");
  for (const json &G : Report["groups"]) {
    for (const json &Row : G["rows"]) {
      if (!Row["sci"].is_number())
        continue;
      const json &E = Row["energy"];
      const json &Em = Row["embodied"];
      std::string Node = str(Row, "key");
      if (str(G, "test") != "(all)")
        Node = str(G, "test").append(" | ").append(Node);
      double Tor = Em["tor"].get<double>();
      double ElS = Em["el_s"].get<double>();
      OS << "    " << yamlMappingKey(Node, 4) << "\n";
      OS << "      pipeline:\n        compute: [energy-with-pue, "
            "operational-carbon, embodied-share, sum-carbon, sci]\n";
      OS << "      inputs:\n";
      OS << "        - timestamp: " << yamlQuoted(Timestamp) << "\n";
      OS << "          duration: "
         << yamlNumber(std::max(1.0, std::ceil(Em["tir_s"].get<double>())))
         << "\n";
      OS << "          energy-it: " << yamlNumber(E["it_kwh"].get<double>())
         << "\n";
      OS << "          pue: " << yamlNumber(E["pue"].get<double>()) << "\n";
      OS << "          grid/carbon-intensity: "
         << yamlNumber(Row["intensity_gco2e_per_kwh"].get<double>()) << "\n";
      OS << "          embodied/total: " << yamlNumber(Em["te_g"].get<double>())
         << "\n";
      OS << "          embodied/time-share: "
         << yamlNumber(ElS > 0 ? Em["tir_s"].get<double>() / ElS : 0) << "\n";
      OS << "          embodied/resource-share: "
         << yamlNumber(Tor > 0 ? Em["rr"].get<double>() / Tor : 0) << "\n";
      OS << "          functional-units: "
         << yamlNumber(Row["units"].get<double>()) << "\n";
    }
  }
  return OS.str();
}

} // namespace greenlint
