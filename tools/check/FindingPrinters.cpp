//===- FindingPrinters.cpp - Findings as text and JSON --------------------===//
#include "FindingPrinters.h"
#include "OutputEscaping.h"

#include <nlohmann/json.hpp>

namespace greenlint {

namespace {

const char *levelName(Severity S) {
  switch (S) {
  case Severity::Remark:
    return "remark";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

nlohmann::json findingJson(const CheckedFinding &C) {
  const ReportedFinding &F = C.Finding;
  nlohmann::json J = {{"rule", F.RuleId},       {"level", levelName(F.Level)},
                      {"file", C.RelativePath}, {"path", F.File},
                      {"line", F.Line},         {"column", F.Column},
                      {"message", F.Message},   {"fingerprint", C.Fingerprint}};
  nlohmann::json Notes = nlohmann::json::array();
  for (const auto &N : F.Notes)
    Notes.push_back({{"path", N.File},
                     {"line", N.Line},
                     {"column", N.Column},
                     {"message", N.Message}});
  J["notes"] = std::move(Notes);
  nlohmann::json Fixes = nlohmann::json::array();
  for (const auto &R : F.Fixes)
    Fixes.push_back({{"path", R.File},
                     {"offset", R.Offset},
                     {"length", R.Length},
                     {"text", R.Text}});
  J["fixes"] = std::move(Fixes);
  if (F.Waste)
    J["waste"] = F.Waste->toJson();
  return J;
}

} // namespace

void printFindingsText(llvm::raw_ostream &OS,
                       const std::vector<CheckedFinding> &Findings) {
  for (const CheckedFinding &C : Findings) {
    if (C.State != FindingState::Reported)
      continue;
    const ReportedFinding &F = C.Finding;
    // Paths and messages quote source text: shown, never acted on.
    OS << terminalText(F.File) << ":" << F.Line << ":" << F.Column << ": "
       << levelName(F.Level) << ": " << terminalText(F.Message)
       << " [greenlint-" << F.RuleId << "]\n";
    for (const auto &N : F.Notes)
      OS << terminalText(N.File) << ":" << N.Line << ":" << N.Column
         << ": note: " << terminalText(N.Message) << "\n";
  }
}

void printFindingsJson(llvm::raw_ostream &OS,
                       const std::vector<CheckedFinding> &Findings,
                       llvm::StringRef SourceRoot, llvm::StringRef Version,
                       const FindingCounts &NotListed) {
  FindingCounts N = countStates(Findings);
  N.Reported += NotListed.Reported;
  N.Suppressed += NotListed.Suppressed;
  N.Baselined += NotListed.Baselined;
  N.Unchanged += NotListed.Unchanged;
  nlohmann::json Out = {{"tool", "greenlint"},
                        {"version", Version.str()},
                        {"sourceRoot", SourceRoot.str()}};
  nlohmann::json List = nlohmann::json::array();
  for (const CheckedFinding &C : Findings)
    if (C.State == FindingState::Reported)
      List.push_back(findingJson(C));
  Out["findings"] = std::move(List);
  Out["summary"] = {{"reported", N.Reported},
                    {"suppressed", N.Suppressed},
                    {"baselined", N.Baselined},
                    {"unchanged", N.Unchanged}};
  OS << dumpJson(Out, 2) << "\n";
}

} // namespace greenlint
