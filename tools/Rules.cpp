//===- Rules.cpp - greenlint rules ----------------------------------------===//
#include "Arguments.h"
#include "Registry.h"
#include "Subcommands.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace greenlint {

int runRules(int Argc, const char **Argv) {
  for (int I = 0; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "-h" || Arg == "--help") {
      llvm::outs() << "usage: greenlint rules\n"
                      "Lists every rule: id, group, default state (on/off), "
                      "summary. Docs: docs/rules/<id>.md\n";
      return 0;
    }
    llvm::errs() << "greenlint rules: unknown argument '" << Arg
                 << "'; try greenlint rules --help\n";
    return 2;
  }
  printRuleList(llvm::outs());
  return 0;
}

} // namespace greenlint
