//===- Main.cpp - The greenlint command line ------------------------------===//
#include "OutputEscaping.h"
#include "Subcommands.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Config/llvm-config.h"
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
        "  diff      SCI change between two reports, with significance\n"
        "  profiles  hardware profiles for modelled energy (--show ID)\n"
        "  grids     grid carbon intensities and cloud regions for --grid\n"
        "  estimate  parameters, FLOPs and joules per call of model files "
        "(ONNX, GGUF,\n"
        "            TorchScript, XGBoost)\n"
        "  restore-facts  facts kept in object files back into the facts "
        "folder\n                 (after compile-cache hits)\n"
        "options: -h, --help (also after each command, or greenlint help "
        "<command>), --version\n";
}

using Subcommand = int (*)(int, const char **);

Subcommand findSubcommand(llvm::StringRef Name) {
  if (Name == "rules")
    return greenlint::runRules;
  if (Name == "check")
    return greenlint::runCheck;
  if (Name == "report")
    return greenlint::runReport;
  if (Name == "diff")
    return greenlint::runDiff;
  if (Name == "profiles")
    return greenlint::runProfiles;
  if (Name == "grids")
    return greenlint::runGrids;
  if (Name == "estimate")
    return greenlint::runEstimate;
  if (Name == "restore-facts")
    return greenlint::runRestoreFacts;
  return nullptr;
}

int unknownCommand(llvm::StringRef Command) {
  llvm::errs() << "greenlint: unknown command '"
               << greenlint::terminalText(Command) << "'\n";
  usage(llvm::errs());
  return 2;
}

} // namespace

namespace {
int dispatch(int Argc, const char **Argv) {
  if (Argc < 2) {
    usage(llvm::errs());
    return 2;
  }
  llvm::StringRef Command = Argv[1];
  if (Subcommand Run = findSubcommand(Command))
    return Run(Argc - 2, Argv + 2);
  if (Command == "--version" || Command == "version") {
    llvm::outs() << "greenlint " << GREENLINT_VERSION << " (plugin for Clang "
                 << LLVM_VERSION_MAJOR << "." << LLVM_VERSION_MINOR
                 << "; ledger format 1)\n";
    return 0;
  }
  if (Command == "help" && Argc > 2) {
    Subcommand Run = findSubcommand(Argv[2]);
    if (!Run)
      return unknownCommand(Argv[2]);
    const char *Help[] = {"--help"};
    return Run(1, Help);
  }
  if (Command == "-h" || Command == "--help" || Command == "help") {
    usage(llvm::outs());
    return 0;
  }
  return unknownCommand(Command);
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
