//===- CompileErrorCollector.cpp - A unit's compile errors ----------------===//
#include "CompileErrorCollector.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"

namespace greenlint {

using namespace clang;

void CompileErrorCollector::HandleDiagnostic(DiagnosticsEngine::Level Level,
                                             const Diagnostic &Info) {
  if (Level == DiagnosticsEngine::Note) {
    if (ForwardNotes)
      forward(Level, Info);
    return;
  }
  llvm::SmallString<256> Message;
  Info.FormatDiagnostic(Message);
  llvm::StringRef Text = Message;
  bool IsFinding = Text.ends_with("]") && Text.contains(" [greenlint-") &&
                   !Text.ends_with("[greenlint-nolint]");
  ForwardNotes = !IsFinding && (Level >= DiagnosticsEngine::Error ||
                                Text.ends_with("[greenlint-nolint]"));
  if (!ForwardNotes)
    return;
  if (Level >= DiagnosticsEngine::Error)
    ++Errors;
  forward(Level, Info);
}

void CompileErrorCollector::forward(DiagnosticsEngine::Level Level,
                                    const Diagnostic &Info) {
  TextDiagnosticPrinter::HandleDiagnostic(Level, Info);
  NumErrors = 0;
  NumWarnings = 0;
}

} // namespace greenlint
