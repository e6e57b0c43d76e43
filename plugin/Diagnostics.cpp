//===- Diagnostics.cpp ----------------------------------------------------===//
#include "Diagnostics.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Lex/Lexer.h"

using namespace clang;

namespace greenlint {

namespace {
DiagnosticsEngine::Level levelOf(Severity S) {
  switch (S) {
  case Severity::Remark:
    return DiagnosticsEngine::Remark;
  case Severity::Warning:
    return DiagnosticsEngine::Warning;
  case Severity::Error:
    return DiagnosticsEngine::Error;
  }
  return DiagnosticsEngine::Warning;
}
} // namespace

DiagnosticEmitter::DiagnosticEmitter(DiagnosticsEngine &Diags,
                                     const SourceManager &SM, const Config &Cfg)
    : Diags(Diags), SM(SM), Cfg(Cfg) {
  if (!Cfg.HeaderFilter.empty())
    HeaderFilter.emplace(Cfg.HeaderFilter);
}

bool DiagnosticEmitter::isUserLocation(SourceLocation Loc) {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getExpansionLoc(Loc);
  FileID File = SM.getFileID(Loc);
  auto [It, Inserted] = UserFiles.try_emplace(File, false);
  if (Inserted) {
    if (File == SM.getMainFileID())
      It->second = true;
    else if (HeaderFilter && !SM.isInSystemHeader(Loc))
      if (OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File))
        It->second = HeaderFilter->match(Entry->getName());
  }
  return It->second;
}

const FileSuppressions &DiagnosticEmitter::suppressionsFor(FileID File) {
  auto It = Suppressions.find(File);
  if (It == Suppressions.end())
    It = Suppressions
             .try_emplace(File, FileSuppressions::parse(SM.getBufferData(File)))
             .first;
  return It->second;
}

ReportedFinding DiagnosticEmitter::resolve(const Finding &F,
                                           Severity Level) const {
  ReportedFinding R;
  R.RuleId = F.RuleId;
  R.Level = Level;
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(F.Loc));
  R.File = P.isValid() ? P.getFilename() : "";
  R.Line = P.isValid() ? P.getLine() : 0;
  R.Column = P.isValid() ? P.getColumn() : 0;
  R.Message = F.Message;
  R.Waste = F.Waste;
  for (const FindingNote &N : F.Notes) {
    PresumedLoc NP = SM.getPresumedLoc(SM.getExpansionLoc(N.Loc));
    if (NP.isValid())
      R.Notes.push_back(
          {NP.getFilename(), NP.getLine(), NP.getColumn(), N.Message});
  }
  for (const FixItHint &Fix : F.Fixes) {
    CharSourceRange Range = Fix.RemoveRange;
    if (Range.isTokenRange())
      Range = Lexer::getAsCharRange(Range, SM, LangOptions());
    auto [File, Begin] = SM.getDecomposedLoc(Range.getBegin());
    auto [EndFile, End] = SM.getDecomposedLoc(Range.getEnd());
    if (File != EndFile)
      continue;
    OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
    R.Fixes.push_back({Entry ? Entry->getName().str() : "", Begin, End - Begin,
                       Fix.CodeToInsert});
  }
  return R;
}

void DiagnosticEmitter::emit(Finding &&F) {
  if (!isUserLocation(F.Loc))
    return;
  SourceLocation Expansion = SM.getExpansionLoc(F.Loc);
  if (!Seen.insert({F.RuleId, Expansion.getRawEncoding()}).second)
    return; // e.g. once per template instantiation
  Severity Level = Cfg.severityOf(F.RuleId);
  ReportedFinding R = resolve(F, Level);
  R.Suppressed =
      suppressionsFor(SM.getFileID(Expansion))
          .suppresses(SM.getExpansionLineNumber(Expansion), F.RuleId);
  if (OnFinding)
    OnFinding(R);
  Findings.push_back(R);
  if (R.Suppressed)
    return;
  // -w silences warnings; custom diagnostics ignore it in Clang 19.
  if (Level != Severity::Error && Diags.getIgnoreAllWarnings())
    return;
  unsigned ID = Diags.getDiagnosticIDs()->getCustomDiagID(
      static_cast<DiagnosticIDs::Level>(levelOf(Level)), "%0");
  {
    DiagnosticBuilder B = Diags.Report(F.Loc, ID);
    B << (F.Message + " [greenlint-" + F.RuleId + "]");
    for (const FixItHint &Fix : F.Fixes)
      B << Fix;
  }
  unsigned NoteID =
      Diags.getDiagnosticIDs()->getCustomDiagID(DiagnosticIDs::Note, "%0");
  for (const FindingNote &N : F.Notes)
    Diags.Report(N.Loc, NoteID) << N.Message;
}

void DiagnosticEmitter::reportSuppressionProblems() {
  // The main file is always checked, even when it had no finding.
  suppressionsFor(SM.getMainFileID());
  unsigned ID =
      Diags.getDiagnosticIDs()->getCustomDiagID(DiagnosticIDs::Warning, "%0");
  for (const auto &[File, Sup] : Suppressions)
    for (const SuppressionProblem &P : Sup.problems()) {
      SourceLocation Loc = SM.translateLineCol(File, P.Line, P.Column);
      Diags.Report(Loc, ID) << (P.Message + " [greenlint-nolint]");
    }
}

void DiagnosticEmitter::reportError(DiagnosticsEngine &Diags,
                                    llvm::StringRef Message) {
  unsigned ID =
      Diags.getDiagnosticIDs()->getCustomDiagID(DiagnosticIDs::Error, "%0");
  Diags.Report(ID) << Message;
}

} // namespace greenlint
