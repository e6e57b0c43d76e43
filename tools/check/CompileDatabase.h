//===- CompileDatabase.h - The build's compile_commands.json ----*- C++ -*-===//
//
// `greenlint check` lints what the build compiles, with the build's flags:
// the database is checked strictly first (CompileDatabaseCheck.h), then
// loaded as Clang reads it, response files expanded and targets inferred.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_COMPILEDATABASE_H
#define GREENLINT_TOOLS_COMPILEDATABASE_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>

namespace greenlint {

/// The compile database of \p BuildDir, or null with \p Error saying what is
/// wrong and what to do (no folder, no database, unreadable, malformed, empty).
std::unique_ptr<clang::tooling::CompilationDatabase>
loadCompileDatabase(llvm::StringRef BuildDir, std::string &Error);

} // namespace greenlint

#endif
