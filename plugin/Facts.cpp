//===- Facts.cpp ----------------------------------------------------------===//
#include "Facts.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <nlohmann/json.hpp>

namespace greenlint {

llvm::StringRef severityName(Severity S) {
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

std::string FactsFile::toJson() const {
  nlohmann::ordered_json J;
  J["format"] = "greenlint-facts";
  J["version"] = FormatVersion;
  J["source"] = Source;
  J["config"] = ConfigPath;
  J["lint_seconds"] = LintSeconds;
  J["command_line"] = CommandLine;
  J["findings"] = nlohmann::json::array();
  for (const ReportedFinding &F : Findings) {
    nlohmann::ordered_json O;
    O["rule"] = F.RuleId;
    O["level"] = severityName(F.Level).str();
    O["file"] = F.File;
    O["line"] = F.Line;
    O["column"] = F.Column;
    O["message"] = F.Message;
    O["suppressed"] = F.Suppressed;
    O["notes"] = nlohmann::json::array();
    for (const auto &N : F.Notes)
      O["notes"].push_back({{"file", N.File},
                            {"line", N.Line},
                            {"column", N.Column},
                            {"message", N.Message}});
    O["fixes"] = nlohmann::json::array();
    for (const auto &R : F.Fixes)
      O["fixes"].push_back({{"file", R.File},
                            {"offset", R.Offset},
                            {"length", R.Length},
                            {"text", R.Text}});
    if (F.Waste)
      O["waste"] = F.Waste->toJson();
    J["findings"].push_back(O);
  }
  J["regions"] = nlohmann::json::array();
  for (const PlannedRegion &R : Regions) {
    nlohmann::ordered_json O;
    O["name"] = R.Name;
    O["phase"] = R.Phase;
    O["framework"] = R.Framework;
    O["file"] = R.File;
    O["line"] = R.Line;
    O["end_line"] = R.EndLine;
    O["unit_sites"] = nlohmann::json::array();
    for (const PlannedUnitSite &U : R.Units)
      O["unit_sites"].push_back({{"unit", U.Unit}, {"line", U.Line}});
    J["regions"].push_back(O);
  }
  J["estimates"] = Estimates;
  J["compile"] = Compile;
  if (Project) {
    nlohmann::ordered_json P = {{"version", ProjectFacts::FormatVersion}};
    P.update(Project->toJson());
    J["project"] = std::move(P);
  }
  return J.dump(2) + "\n";
}

std::string FactsFile::fileName() const { return fileNameFor(Source); }

std::string FactsFile::fileNameFor(llvm::StringRef Source) {
  llvm::SmallString<256> Abs(Source);
  if (llvm::sys::fs::make_absolute(Abs))
    Abs = Source; // no working directory: the path as given names the unit
  return llvm::sys::path::filename(Source).str() + "-" +
         llvm::utohexstr(llvm::xxh3_64bits(Abs.str())) + ".json";
}

bool FactsFile::write(llvm::StringRef Dir, std::string &Error) const {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir)) {
    Error = "greenlint: " + Dir.str() +
            ": cannot create facts folder: " + EC.message() +
            "; check facts= (no facts written)";
    return false;
  }
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, fileName());
  // Parallel builds may write facts of the same source: write then rename.
  std::string Temp = Path.str().str() + ".tmp" +
                     std::to_string(llvm::sys::Process::getProcessId());
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Temp, EC);
    if (EC) {
      Error = "greenlint: " + Temp + ": cannot write facts: " + EC.message();
      return false;
    }
    OS << toJson();
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    Error = "greenlint: " + Path.str().str() +
            ": cannot write facts: " + EC.message();
    return false;
  }
  return true;
}

bool isBuildSystemProbe(llvm::StringRef Source) {
  std::string Path = Source.str();
  std::replace(Path.begin(), Path.end(), '\\', '/');
  llvm::StringRef P(Path);
  llvm::StringRef Name =
      llvm::sys::path::filename(P, llvm::sys::path::Style::posix);
  if (Name == "CMakeCXXCompilerId.cpp" || Name == "CMakeCCompilerId.c" ||
      Name == "CMakeCUDACompilerId.cu")
    return true;
  return P.contains("/CMakeFiles/CMakeScratch/") ||
         P.contains("/CMakeFiles/CMakeTmp/") ||
         P.starts_with("CMakeFiles/CMakeScratch/") ||
         P.starts_with("CMakeFiles/CMakeTmp/");
}

} // namespace greenlint
