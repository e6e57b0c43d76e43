//===- CompileErrorCollector.h - A unit's compile errors --------*- C++ -*-===//
//
// A translation unit that does not parse is linted incompletely, so its
// errors are shown with the report; Clang's warnings are not greenlint's
// business and the findings travel separately (LintConsumer::OnFinding).
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_COMPILEERRORCOLLECTOR_H
#define GREENLINT_TOOLS_COMPILEERRORCOLLECTOR_H

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/Version.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "llvm/Support/raw_ostream.h"

namespace greenlint {

#if CLANG_VERSION_MAJOR >= 22
/// Clang 22's printers borrow their options by reference instead of sharing a
/// reference-counted pointer: a base listed before the printer owns them, so
/// they exist before and outlive the printer that uses them.
struct CollectorDiagnosticOptions {
  clang::DiagnosticOptions Options;
};
#endif

/// Keeps compile errors (the lint result is incomplete without a parse) and
/// greenlint's own errors and NOLINT warnings; drops Clang's warnings and the
/// findings, which OnFinding already has. Counts are kept here, not in the
/// base class, so Clang prints no "N errors generated" line of its own.
class CompileErrorCollector :
#if CLANG_VERSION_MAJOR >= 22
    private CollectorDiagnosticOptions,
#endif
    public clang::TextDiagnosticPrinter {
public:
#if CLANG_VERSION_MAJOR >= 22
  explicit CompileErrorCollector(llvm::raw_ostream &OS)
      : TextDiagnosticPrinter(OS, Options) {}
#else
  explicit CompileErrorCollector(llvm::raw_ostream &OS)
      : TextDiagnosticPrinter(OS, new clang::DiagnosticOptions()) {}
#endif

  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;

  unsigned Errors = 0;

private:
  void forward(clang::DiagnosticsEngine::Level Level,
               const clang::Diagnostic &Info);
  bool ForwardNotes = false;
};

} // namespace greenlint

#endif
