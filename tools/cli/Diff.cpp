//===- Diff.cpp - greenlint diff: the SCI change of a change --------------===//
#include "BuildComparison.h"
#include "Comparison.h"
#include "OutputEscaping.h"
#include "OutputFile.h"
#include "ReportBuilder.h"
#include "ReportCheck.h"
#include "ReportOptions.h"
#include "Subcommands.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace greenlint {

using nlohmann::json;

static void diffUsage(llvm::raw_ostream &OS) {
  OS << "usage: greenlint diff [options] BASE HEAD\n"
        "BASE and HEAD are report JSONs (greenlint report --format json) or "
        "ledger\nfolders/files (then the report options apply to both). "
        "Several ledgers per\nside are repeated runs.\n"
        "options:\n"
        "  --fail-above PCT      exit 1 only on a significant regression "
        "above PCT %\n"
        "                        (default 0: any significant regression)\n"
        "  --alpha A             significance level, default 0.05\n"
        "  --fail-on-build-growth PCT\n"
        "                        also exit 1 when a model's parameters or "
        "joules per\n"
        "                        call (static estimates) grow by more than PCT "
        "%\n"
        "  --base-facts DIR, --head-facts DIR\n"
        "                        each side's facts, for ledger folders (a "
        "report JSON\n"
        "                        carries its own build section); --facts "
        "gives both\n"
        "                        sides the same\n"
        "  --allow-warnings      compare even a side whose report warns of "
        "damaged\n"
        "                        data (impossible numbers, lost records, "
        "runs left out)\n"
        "  --format F            table (default), markdown, json\n"
        "  -o FILE               write there instead of stdout\n"
     << reportOptionsHelp();
}

static bool loadSide(const std::string &Path, const ReportOptions &Opts,
                     const std::vector<std::string> &SideFacts,
                     const char *SideOption, json &Out, std::string &Error) {
  namespace fs = std::filesystem;
  std::error_code EC;
  if (fs::is_regular_file(Path, EC) && fs::path(Path).extension() == ".json") {
    if (!SideFacts.empty()) {
      Error = std::string("greenlint: ") + Path + ": " + SideOption +
              " applies to ledger folders; a report JSON carries its own "
              "build section (make it with greenlint report --facts)";
      return false;
    }
    std::ifstream In(Path, std::ios::binary);
    std::string Text((std::istreambuf_iterator<char>(In)),
                     std::istreambuf_iterator<char>());
    return parseReportJson(Path, Text, Out, Error);
  }
  if (SideFacts.empty())
    return buildReportFromPaths({Path}, Opts, Out, Error);
  ReportOptions Side = Opts;
  Side.Facts = SideFacts;
  return buildReportFromPaths({Path}, Side, Out, Error);
}

int runDiff(int Argc, const char **Argv) {
  ReportOptions Opts;
  DiffSettings Settings;
  std::vector<std::string> Paths, BaseFacts, HeadFacts;
  std::string Format = "table", OutPath;
  bool AllowWarnings = false;
  for (int I = 0; I < Argc; ++I) {
    std::string Arg = Argv[I], Error;
    if (Arg == "-h" || Arg == "--help") {
      diffUsage(llvm::outs());
      return 0;
    }
    int Used = parseReportOption(Argc, Argv, I, Opts, Error);
    if (Used < 0) {
      llvm::errs() << "greenlint diff: " << Error << "\n";
      return 2;
    }
    if (Used)
      continue;
    if (Arg == "--allow-warnings") {
      AllowWarnings = true;
    } else if ((Arg == "--base-facts" || Arg == "--head-facts") &&
               I + 1 < Argc) {
      (Arg == "--base-facts" ? BaseFacts : HeadFacts).push_back(Argv[++I]);
    } else if ((Arg == "--fail-above" || Arg == "--alpha" ||
                Arg == "--fail-on-build-growth") &&
               I + 1 < Argc) {
      std::string V = Argv[++I];
      char *End = nullptr;
      double X = std::strtod(V.c_str(), &End);
      bool Ok = !V.empty() && *End == '\0' && X >= 0 &&
                (Arg != "--alpha" || (X > 0 && X < 1));
      if (!Ok) {
        llvm::errs() << "greenlint diff: " << Arg
                     << " wants a number (percent for --fail-above and "
                        "--fail-on-build-growth, 0..1 for --alpha), not '"
                     << V << "'\n";
        return 2;
      }
      (Arg == "--alpha"        ? Settings.Alpha
       : Arg == "--fail-above" ? Settings.FailAbovePct
                               : Settings.FailOnBuildGrowthPct) = X;
    } else if ((Arg == "--format" || Arg == "-o") && I + 1 < Argc) {
      (Arg == "-o" ? OutPath : Format) = Argv[++I];
    } else if (!Arg.empty() && Arg[0] == '-') {
      llvm::errs() << "greenlint diff: unknown option '" << Arg
                   << "'; try greenlint diff --help\n";
      return 2;
    } else {
      Paths.push_back(Arg);
    }
  }
  if (Paths.size() != 2) {
    llvm::errs() << "greenlint diff: want BASE and HEAD, got " << Paths.size()
                 << " path(s)\n";
    diffUsage(llvm::errs());
    return 2;
  }
  if (Format != "table" && Format != "json" && Format != "markdown") {
    llvm::errs() << "greenlint diff: unknown format '" << Format
                 << "'; use table, markdown or json\n";
    return 2;
  }
  json Base, Head;
  std::string Error;
  if (!loadSide(Paths[0], Opts, BaseFacts, "--base-facts", Base, Error) ||
      !loadSide(Paths[1], Opts, HeadFacts, "--head-facts", Head, Error)) {
    llvm::errs() << Error << "\n";
    return 2;
  }
  // A side built from damaged data would make the verdict about the damage.
  for (int Side = 0; Side < 2 && !AllowWarnings; ++Side) {
    const json &R = Side ? Head : Base;
    auto W = R.find("data_warnings");
    if (W == R.end() || !W->is_array() || W->empty())
      continue;
    llvm::errs() << "greenlint: diff refused: " << Paths[Side] << " has "
                 << W->size() << " warning(s) of damaged data; the first: "
                 << (W->front().is_string() ? W->front().get<std::string>()
                                            : W->front().dump())
                 << "\nrepair or remove the ledgers they name and make the "
                    "report again, or pass --allow-warnings to compare "
                    "anyway\n";
    return 2;
  }
  // A report from --facts alone has no SCI: compare it only with another.
  bool BaseSci = Base.contains("methodology");
  if (BaseSci != Head.contains("methodology")) {
    llvm::errs() << "greenlint: diff refused: " << Paths[BaseSci ? 1 : 0]
                 << " has no ledgers (a report of --facts alone) and "
                 << Paths[BaseSci ? 0 : 1]
                 << " has; make both reports from ledgers, or both from "
                    "--facts alone\n";
    return 2;
  }
  std::string Differences =
      BaseSci ? methodologyDifferences(Base, Head) : std::string();
  if (!Differences.empty()) {
    llvm::errs() << "greenlint: diff refused: " << Paths[0] << " and "
                 << Paths[1]
                 << " were made with different methodologies, and SCI "
                    "requires an identical one for a baseline comparison:\n"
                 << Differences
                 << "re-run the report for both with the same --profile, "
                    "--grid/--intensity, --pue and meters\n";
    return 2;
  }
  json Diff = diffReports(Base, Head, Settings);
  std::string Text = Format == "json"       ? dumpJson(Diff, 1) + "\n"
                     : Format == "markdown" ? renderDiffMarkdown(Diff)
                                            : renderDiffTable(Diff);
  if (!writeOutput(OutPath, Text))
    return 2;
  bool BuildGrew =
      Diff.contains("build") && Diff["build"].value("growth_failures", 0) > 0;
  return Diff.value("regressions", 0) > 0 || BuildGrew ? 1 : 0;
}

} // namespace greenlint
