//===- CompileDatabaseCheck.h - compile_commands.json before libTooling ---===//
//
// libTooling's reader is a lenient YAML parser: a missing comma passes and
// becomes a command that fails later with "no input files", and its errors
// carry no position. greenlint check reads the file strictly first, so a
// malformed database is reported with its line and column, and a relative
// "directory" (which libTooling would resolve against greenlint's own working
// directory) with what to do about it.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_COMPILEDATABASECHECK_H
#define GREENLINT_TOOLS_COMPILEDATABASECHECK_H

#include <string>
#include <string_view>

namespace greenlint {

/// Checks the text of the compile database at Path (JSON Compilation
/// Database format: an array of objects with an absolute "directory", a
/// "file" and a "command" string or "arguments" list). False with Error as
/// "<Path>:<line>:<col>: <what is wrong>; <what to do>".
bool checkCompileDatabase(std::string_view Path, std::string_view Text,
                          std::string &Error);

} // namespace greenlint

#endif
