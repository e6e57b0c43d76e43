//===- Report.cpp - greenlint report: ledgers -> SCI ----------------------===//
#include "OutputEscaping.h"
#include "OutputFile.h"
#include "ReportBuilder.h"
#include "ReportFormats.h"
#include "ReportOptions.h"
#include "Subcommands.h"

#include "llvm/Support/raw_ostream.h"

namespace greenlint {

static void reportUsage(llvm::raw_ostream &OS) {
  OS << "usage: greenlint report [options] LEDGER_DIR|LEDGER.jsonl...\n"
        "       greenlint report --facts DIR [options]\n"
        "Computes SCI = (E*I + M) per R per region, process and functional "
        "unit from\nthe ledgers GREENLINT_LEDGER wrote "
        "(docs/sci-methodology.md). With --facts it adds\nthe build "
        "section: static estimates, findings by rule, compile energy; "
        "with\n--facts alone it shows only that.\n"
        "options:\n"
     << reportOptionsHelp()
     << "  --format F            table (default), json, markdown, if (an "
        "Impact\n"
        "                        Framework manifest for if-run)\n"
        "  -o FILE               write there instead of stdout\n";
}

int runReport(int Argc, const char **Argv) {
  ReportOptions Opts;
  std::vector<std::string> Paths;
  std::string Format = "table", OutPath;
  for (int I = 0; I < Argc; ++I) {
    std::string Arg = Argv[I], Error;
    if (Arg == "-h" || Arg == "--help") {
      reportUsage(llvm::outs());
      return 0;
    }
    int Used = parseReportOption(Argc, Argv, I, Opts, Error);
    if (Used < 0) {
      llvm::errs() << "greenlint report: " << Error << "\n";
      return 2;
    }
    if (Used)
      continue;
    if ((Arg == "--format" || Arg == "-o") && I + 1 < Argc) {
      (Arg == "-o" ? OutPath : Format) = Argv[++I];
    } else if (Arg.rfind("--format=", 0) == 0) {
      Format = Arg.substr(9);
    } else if (!Arg.empty() && Arg[0] == '-') {
      llvm::errs() << "greenlint report: unknown option '" << Arg
                   << "'; try greenlint report --help\n";
      return 2;
    } else {
      Paths.push_back(Arg);
    }
  }
  if (Format != "table" && Format != "json" && Format != "markdown" &&
      Format != "if") {
    llvm::errs() << "greenlint report: unknown format '" << Format
                 << "'; use table, json, markdown or if\n";
    return 2;
  }
  if (Paths.empty() && Opts.Facts.empty()) {
    llvm::errs() << "greenlint report: no ledgers given; pass the folder "
                    "GREENLINT_LEDGER named, or --facts for the build "
                    "section alone\n";
    reportUsage(llvm::errs());
    return 2;
  }
  if (Paths.empty() && Format == "if") {
    llvm::errs() << "greenlint report: --format if needs ledgers: an Impact "
                    "Framework manifest carries SCI rows, and --facts alone "
                    "gives none; pass the ledger folder or use table, json "
                    "or markdown\n";
    return 2;
  }
  nlohmann::json Report;
  std::string Error;
  if (!buildReportFromPaths(Paths, Opts, Report, Error)) {
    llvm::errs() << Error << "\n";
    return 2;
  }
  // Warnings go to stderr too, so a JSON on stdout never hides them.
  if (Format != "table")
    for (const auto &W : Report["warnings"])
      llvm::errs() << "greenlint: warning: "
                   << terminalText(W.get<std::string>()) << "\n";
  std::string Text = Format == "json"       ? dumpJson(Report, 1) + "\n"
                     : Format == "markdown" ? renderReportMarkdown(Report)
                     : Format == "if"       ? renderIfManifest(Report)
                                            : renderReportTable(Report);
  return writeOutput(OutPath, Text) ? 0 : 2;
}

} // namespace greenlint
