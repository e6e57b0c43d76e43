//===- Sarif.cpp ----------------------------------------------------------===//
#include "Sarif.h"
#include "OutputEscaping.h"
#include "Registry.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include <nlohmann/json.hpp>

using nlohmann::json;

namespace greenlint {

namespace {
const char *sarifLevel(Severity S) {
  switch (S) {
  case Severity::Remark:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

std::string percentEncode(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~/").contains(C)) {
      Out += C;
    } else {
      Out += '%';
      Out += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
      Out += llvm::hexdigit(C & 15, /*LowerCase=*/false);
    }
  }
  return Out;
}

json artifactLocation(llvm::StringRef AbsolutePath, const SarifOptions &Opts) {
  llvm::StringRef Rest = AbsolutePath;
  llvm::StringRef Root = Opts.SourceRoot;
  if (!Root.empty() && Rest.consume_front(Root) &&
      (Root.ends_with("/") || Rest.consume_front("/")))
    return {{"uri", percentEncode(Rest)}, {"uriBaseId", "SRCROOT"}};
  return {{"uri", fileUri(AbsolutePath)}};
}

/// Clang's columns count bytes; the log declares unicodeCodePoints.
json physicalLocation(llvm::StringRef File, unsigned Line, unsigned Column,
                      const SarifOptions &Opts, SourceFiles &Sources) {
  json Region = {{"startLine", Line}};
  if (Column)
    Region["startColumn"] = Sources.codePointColumn(File, Line, Column);
  return {{"artifactLocation", artifactLocation(File, Opts)},
          {"region", std::move(Region)}};
}

json fixesOf(const ReportedFinding &F, const SarifOptions &Opts,
             SourceFiles &Sources) {
  // One fix holding every replacement: the rules' fix-its are single edits
  // that only make sense applied together.
  std::vector<std::string> Order;
  llvm::StringMap<json> ByFile;
  for (const auto &R : F.Fixes) {
    json Deleted = {{"byteOffset", R.Offset}, {"byteLength", R.Length}};
    auto Begin = Sources.lineColumnOf(R.File, R.Offset);
    auto End = Sources.lineColumnOf(R.File, R.Offset + R.Length);
    if (Begin && End)
      Deleted.update({{"startLine", Begin->first},
                      {"startColumn", Sources.codePointColumn(
                                          R.File, Begin->first, Begin->second)},
                      {"endLine", End->first},
                      {"endColumn", Sources.codePointColumn(R.File, End->first,
                                                            End->second)}});
    auto [It, Inserted] = ByFile.try_emplace(R.File, json::array());
    if (Inserted)
      Order.push_back(R.File);
    It->second.push_back({{"deletedRegion", std::move(Deleted)},
                          {"insertedContent", {{"text", R.Text}}}});
  }
  json Changes = json::array();
  for (const std::string &File : Order)
    Changes.push_back({{"artifactLocation", artifactLocation(File, Opts)},
                       {"replacements", std::move(ByFile[File])}});
  json Fixes = json::array();
  if (!Changes.empty())
    Fixes.push_back({{"description", {{"text", "apply greenlint's fix-it"}}},
                     {"artifactChanges", std::move(Changes)}});
  return Fixes;
}
} // namespace

std::string fileUri(llvm::StringRef Path) {
  return "file://" + percentEncode(Path);
}

void writeSarif(llvm::raw_ostream &OS,
                const std::vector<CheckedFinding> &Findings,
                const SarifOptions &Opts, SourceFiles &Sources) {
  json Rules = json::array();
  llvm::StringMap<unsigned> RuleIndex;
  for (const RuleInfo *Info : allRules()) {
    RuleIndex[Info->Id] = Rules.size();
    json Rule = {
        {"id", Info->Id},
        {"name", Info->Id},
        {"shortDescription", {{"text", Info->Summary}}},
        {"defaultConfiguration",
         {{"level", "warning"}, {"enabled", Info->DefaultOn}}},
        {"properties", {{"tags", json::array({"energy", Info->Group})}}}};
    if (!Opts.DocsUrl.empty())
      Rule["helpUri"] = Opts.DocsUrl + "rules/" + Info->Id + ".md";
    Rules.push_back(std::move(Rule));
  }

  json Results = json::array();
  for (const CheckedFinding &C : Findings) {
    if (C.State != FindingState::Reported &&
        C.State != FindingState::Suppressed)
      continue;
    const ReportedFinding &F = C.Finding;
    json Result = {
        {"ruleId", F.RuleId},
        {"level", sarifLevel(F.Level)},
        {"message", {{"text", F.Message}}},
        {"locations",
         {{{"physicalLocation",
            physicalLocation(F.File, F.Line, F.Column, Opts, Sources)}}}},
        {"partialFingerprints", {{"greenlintFingerprint/v1", C.Fingerprint}}}};
    auto Index = RuleIndex.find(F.RuleId);
    if (Index != RuleIndex.end())
      Result["ruleIndex"] = Index->second;
    if (!F.Notes.empty()) {
      json Related = json::array();
      for (size_t I = 0; I < F.Notes.size(); ++I) {
        const auto &N = F.Notes[I];
        Related.push_back(
            {{"id", I},
             {"message", {{"text", N.Message}}},
             {"physicalLocation",
              physicalLocation(N.File, N.Line, N.Column, Opts, Sources)}});
      }
      Result["relatedLocations"] = std::move(Related);
    }
    json Fixes = fixesOf(F, Opts, Sources);
    if (!Fixes.empty())
      Result["fixes"] = std::move(Fixes);
    if (C.State == FindingState::Suppressed)
      Result["suppressions"] = {{{"kind", "inSource"}}};
    // SARIF's property bag: tools put their own data there.
    if (F.Waste)
      Result["properties"] = {{"greenlint", {{"waste", F.Waste->toJson()}}}};
    Results.push_back(std::move(Result));
  }

  json Driver = {{"name", "greenlint"},
                 {"version", Opts.Version},
                 {"semanticVersion", Opts.Version},
                 {"rules", std::move(Rules)}};
  if (!Opts.DocsUrl.empty())
    Driver["informationUri"] = Opts.DocsUrl + "check.md";
  std::string Root = Opts.SourceRoot;
  if (!llvm::StringRef(Root).ends_with("/"))
    Root += '/';
  // A unit that did not compile was not linted: its findings are missing,
  // which code scanning must not read as "fixed".
  json Invocation = {{"executionSuccessful", Opts.FailedUnits.empty()}};
  if (!Opts.FailedUnits.empty()) {
    json Notes = json::array();
    for (const std::string &Unit : Opts.FailedUnits)
      Notes.push_back(
          {{"level", "error"},
           {"message",
            {{"text", "did not compile; its findings are incomplete"}}},
           {"locations",
            {{{"physicalLocation",
               {{"artifactLocation", artifactLocation(Unit, Opts)}}}}}}});
    Invocation["toolExecutionNotifications"] = std::move(Notes);
  }
  json Run = {{"tool", {{"driver", std::move(Driver)}}},
              {"invocations", json::array({std::move(Invocation)})},
              {"originalUriBaseIds", {{"SRCROOT", {{"uri", fileUri(Root)}}}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(Results)}};
  json Log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", {std::move(Run)}}};
  OS << dumpJson(Log, 2) << "\n";
}

} // namespace greenlint
