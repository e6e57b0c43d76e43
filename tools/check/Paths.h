//===- Paths.h - Absolute paths and the source root -------------*- C++ -*-===//
//
// Findings, baselines and SARIF name files relative to one source root;
// compile commands name them relative to their own directories.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_PATHS_H
#define GREENLINT_TOOLS_PATHS_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace greenlint {

/// \p Path made absolute against \p Base (the working directory when empty),
/// with "." and ".." removed.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base = "");

/// The default root for relative paths: the git work tree holding the build
/// folder (what code-scanning services resolve URIs against), else the build
/// folder's parent.
std::string defaultSourceRoot(llvm::StringRef BuildDir);

/// \p Path relative to \p Root, or \p Path itself when it lies outside.
std::string relativeTo(llvm::StringRef Path, llvm::StringRef Root);

} // namespace greenlint

#endif
