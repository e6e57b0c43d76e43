//===- Subcommands.h - The greenlint CLI's subcommands --------------------===//
//
// The contract Main dispatches on: each subcommand is one function, defined in
// the file of its name (runCheck in Check.cpp, ...). They share this header,
// not one each, because they share one signature and Main is their only user.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_SUBCOMMANDS_H
#define GREENLINT_TOOLS_SUBCOMMANDS_H

namespace greenlint {
/// Each takes the arguments after the subcommand name and returns the exit
/// code: 0 fine, 1 findings or a significant regression, 2 bad usage or
/// unreadable input.
int runRules(int Argc, const char **Argv);
int runCheck(int Argc, const char **Argv);
int runReport(int Argc, const char **Argv);
int runDiff(int Argc, const char **Argv);
int runProfiles(int Argc, const char **Argv);
int runGrids(int Argc, const char **Argv);
int runEstimate(int Argc, const char **Argv);
int runRestoreFacts(int Argc, const char **Argv);
} // namespace greenlint

#endif
