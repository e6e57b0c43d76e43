//===- Main.cpp - The greenlint command line ------------------------------===//
#include "Subcommands.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <exception>

namespace {
void usage(llvm::raw_ostream &OS) {
  OS << "usage: greenlint <command> [args]\n"
        "commands:\n"
        "  rules     list every rule with its group, default state and "
        "summary\n"
        "  check     lint a project from its compile_commands.json (text, "
        "SARIF, fixes)\n"
        "  report    SCI per region, test and functional unit from ledgers\n"
        "  diff      SCI change between two reports, with significance\n";
}
} // namespace

namespace {
int dispatch(int Argc, const char **Argv) {
  if (Argc < 2) {
    usage(llvm::errs());
    return 2;
  }
  llvm::StringRef Command = Argv[1];
  if (Command == "rules")
    return greenlint::runRules(Argc - 2, Argv + 2);
  if (Command == "check")
    return greenlint::runCheck(Argc - 2, Argv + 2);
  if (Command == "report")
    return greenlint::runReport(Argc - 2, Argv + 2);
  if (Command == "diff")
    return greenlint::runDiff(Argc - 2, Argv + 2);
  if (Command == "-h" || Command == "--help" || Command == "help") {
    usage(llvm::outs());
    return 0;
  }
  llvm::errs() << "greenlint: unknown command '" << Command << "'\n";
  usage(llvm::errs());
  return 2;
}
} // namespace

int main(int Argc, const char **Argv) {
  // The readers validate what they read and answer with a message; this is
  // the last resort for what they missed, so that no input aborts greenlint
  // (exit 134) in a CI job.
  try {
    return dispatch(Argc, Argv);
  } catch (const std::exception &E) {
    llvm::errs() << "greenlint: internal error on this input: " << E.what()
                 << "; the input is probably damaged: check the files "
                    "given, and report this as a greenlint bug\n";
  } catch (...) {
    llvm::errs() << "greenlint: internal error on this input; the input is "
                    "probably damaged: check the files given, and report "
                    "this as a greenlint bug\n";
  }
  return 2;
}
