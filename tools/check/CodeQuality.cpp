//===- CodeQuality.cpp ----------------------------------------------------===//
#include "CodeQuality.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/xxhash.h"
#include <nlohmann/json.hpp>

using nlohmann::json;

namespace greenlint {

namespace {
// GitLab's scale is info, minor, major, critical, blocker; greenlint's
// warnings cost energy but do not break the build, so they are "major".
const char *codeQualitySeverity(Severity S) {
  switch (S) {
  case Severity::Remark:
    return "info";
  case Severity::Warning:
    return "major";
  case Severity::Error:
    return "critical";
  }
  return "major";
}

// GitLab keys issues across pipelines by fingerprint alone, so it must be
// unique in the report and stable when code moves: the check fingerprint
// (rule, line text, message, index among equals) is line-independent but
// only unique per file and rule, hence both go into the hash too.
std::string stableFingerprint(const CheckedFinding &C) {
  std::string Key =
      C.Finding.RuleId + '\0' + C.RelativePath + '\0' + C.Fingerprint;
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::format_hex_no_prefix(llvm::xxh3_64bits(llvm::StringRef(Key)), 16);
  return Out;
}
} // namespace

void writeCodeQuality(llvm::raw_ostream &OS,
                      const std::vector<CheckedFinding> &Findings) {
  json Issues = json::array();
  for (const CheckedFinding &C : Findings) {
    if (C.State != FindingState::Reported)
      continue;
    const ReportedFinding &F = C.Finding;
    Issues.push_back(
        {{"type", "issue"},
         {"description", F.Message},
         {"check_name", F.RuleId},
         {"categories", {"Performance"}},
         {"fingerprint", stableFingerprint(C)},
         {"severity", codeQualitySeverity(F.Level)},
         {"location",
          {{"path", C.RelativePath}, {"lines", {{"begin", F.Line}}}}}});
  }
  OS << Issues.dump(2) << "\n";
}

} // namespace greenlint
