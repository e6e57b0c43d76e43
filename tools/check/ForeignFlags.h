//===- ForeignFlags.h - Compile commands written for other compilers ------===//
//
// A compile database made with g++ (or a newer clang) holds flags Clang 19's
// driver does not know, and an unknown flag is an error that stops the unit.
// `greenlint check` drops them and says which, once per run.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_FOREIGNFLAGS_H
#define GREENLINT_TOOLS_FOREIGNFLAGS_H

#include "clang/Tooling/ArgumentsAdjusters.h"
#include <set>
#include <string>

namespace greenlint {

/// Args without the flags Clang's driver does not know; their spellings are
/// added to Dropped. Args[0] is the compiler, which may be any compiler.
clang::tooling::CommandLineArguments
dropUnknownDriverFlags(const clang::tooling::CommandLineArguments &Args,
                       std::set<std::string> &Dropped);

} // namespace greenlint

#endif
