//===- ExportFixes.cpp ----------------------------------------------------===//
#include "ExportFixes.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace greenlint {

namespace {
tooling::Diagnostic::Level toolingLevel(Severity S) {
  switch (S) {
  case Severity::Remark:
    return tooling::Diagnostic::Remark;
  case Severity::Warning:
    return tooling::Diagnostic::Warning;
  case Severity::Error:
    return tooling::Diagnostic::Error;
  }
  return tooling::Diagnostic::Warning;
}

tooling::DiagnosticMessage message(llvm::StringRef Text, llvm::StringRef File,
                                   unsigned Line, unsigned Column,
                                   SourceFiles &Sources) {
  tooling::DiagnosticMessage M;
  M.Message = Text.str();
  M.FilePath = File.str();
  M.FileOffset = Sources.offsetOf(File, Line, Column).value_or(0);
  return M;
}
} // namespace

bool writeExportFixes(llvm::StringRef Path,
                      const std::vector<CheckedFinding> &Findings,
                      llvm::StringRef MainSourceFile, SourceFiles &Sources,
                      std::string &Error) {
  tooling::TranslationUnitDiagnostics TU;
  TU.MainSourceFile = MainSourceFile.str();
  for (const CheckedFinding &C : Findings) {
    if (C.State != FindingState::Reported)
      continue;
    const ReportedFinding &F = C.Finding;
    tooling::DiagnosticMessage Main =
        message(F.Message, F.File, F.Line, F.Column, Sources);
    for (const auto &R : F.Fixes) {
      llvm::Error E = Main.Fix[R.File].add(
          tooling::Replacement(R.File, R.Offset, R.Length, R.Text));
      if (E) {
        Error = "cannot export the fixes of " + F.File + ":" +
                std::to_string(F.Line) + ": " + llvm::toString(std::move(E));
        return false;
      }
    }
    llvm::SmallVector<tooling::DiagnosticMessage, 1> Notes;
    for (const auto &N : F.Notes)
      Notes.push_back(message(N.Message, N.File, N.Line, N.Column, Sources));
    TU.Diagnostics.emplace_back("greenlint-" + F.RuleId, Main, Notes,
                                toolingLevel(F.Level), C.BuildDirectory);
  }
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC) {
    Error = ("cannot write '" + Path + "': " + EC.message()).str();
    return false;
  }
  llvm::yaml::Output YAML(OS);
  YAML << TU;
  return true;
}

} // namespace greenlint
