//===- Sarif.h - SARIF 2.1.0 output of greenlint check --------------------===//
//
// One run with the rules table (summary, help link to the rule's doc,
// default level), a result per reported finding with related locations for
// its notes and its fixes, and the baseline fingerprint as a partial
// fingerprint so code-scanning services track findings across commits.
// NOLINT'd findings are listed with an in-source suppression.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_SARIF_H
#define GREENLINT_TOOLS_SARIF_H

#include "CheckedFinding.h"
#include "SourceFiles.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace greenlint {

struct SarifOptions {
  /// Absolute; artifact URIs are relative to it (uriBaseId SRCROOT).
  std::string SourceRoot;
  /// Base URL of the docs folder: help links are <DocsUrl>rules/<id>.md.
  std::string DocsUrl;
  std::string Version;
  /// Absolute paths of the translation units that had compile errors: the
  /// run's invocation is then not successful.
  std::vector<std::string> FailedUnits;
};

void writeSarif(llvm::raw_ostream &OS,
                const std::vector<CheckedFinding> &Findings,
                const SarifOptions &Opts, SourceFiles &Sources);

/// A file:// URI for an absolute path, percent-encoded.
std::string fileUri(llvm::StringRef Path);

} // namespace greenlint

#endif
