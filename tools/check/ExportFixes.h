//===- ExportFixes.h - clang-tidy's --export-fixes YAML -------------------===//
//
// The same YAML clang-tidy writes, so clang-apply-replacements and the tools
// built around clang-tidy's output read greenlint's findings unchanged.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_EXPORTFIXES_H
#define GREENLINT_TOOLS_EXPORTFIXES_H

#include "CheckedFinding.h"
#include "SourceFiles.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace greenlint {

/// Writes every reported finding, with or without fixes, as clang-tidy does.
/// MainSourceFile is empty when findings of several units are merged (as
/// run-clang-tidy does).
bool writeExportFixes(llvm::StringRef Path,
                      const std::vector<CheckedFinding> &Findings,
                      llvm::StringRef MainSourceFile, SourceFiles &Sources,
                      std::string &Error);

} // namespace greenlint

#endif
