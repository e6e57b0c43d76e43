//===- Check.cpp - greenlint check: lint a project -----------------------===//
//
// Runs the plugin's engine (LintConsumer) over the translation units of a
// compile_commands.json with libTooling, in parallel, and reports the merged
// findings as text, JSON or SARIF, optionally filtered to changed lines or
// against a baseline. This file is the order of the steps; each step lives in
// tools/check/ (UnitLinter, WorkerPool, Baseline, ChangedLines, Sarif, ...).
// See docs/check.md.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "ChangedLines.h"
#include "CheckMerge.h"
#include "CheckOptions.h"
#include "CheckReport.h"
#include "CheckedFinding.h"
#include "CompileDatabase.h"
#include "ExportFixes.h"
#include "LintConsumer.h"
#include "OutputEscaping.h"
#include "Paths.h"
#include "ProjectPass.h"
#include "ResultCache.h"
#include "Shards.h"
#include "SourceFiles.h"
#include "Subcommands.h"
#include "UnitLinter.h"
#include "UnitSelection.h"
#include "WorkerPool.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <iterator>
#include <mutex>
#include <optional>

using namespace clang;

#ifndef GREENLINT_VERSION
#define GREENLINT_VERSION "0.0.0"
#endif

namespace greenlint {

namespace {

bool isTerminal() { return llvm::sys::Process::StandardErrIsDisplayed(); }

} // namespace

int runCheck(int Argc, const char **Argv) {
  CheckOptions Opts;
  if (int Code = parseCheckArguments(Argc, Argv, Opts); Code >= 0)
    return Code;
  if (Opts.Merge)
    return runCheckMerge(Opts);

  std::string BuildDir = absolutePath(Opts.BuildDir);
  std::string Error;
  std::unique_ptr<tooling::CompilationDatabase> DB =
      loadCompileDatabase(BuildDir, Error);
  if (!DB) {
    llvm::errs() << "greenlint check: " << Error << "\n";
    return 2;
  }

  std::vector<std::string> Units;
  if (Opts.Files.empty()) {
    Units = DB->getAllFiles();
  } else {
    for (const std::string &File : Opts.Files) {
      std::string Abs = absolutePath(File);
      if (DB->getCompileCommands(Abs).empty()) {
        llvm::errs() << "greenlint check: '" << File << "' is not in "
                     << BuildDir
                     << "/compile_commands.json; lint it through a target "
                        "that compiles it, or regenerate the database\n";
        return 2;
      }
      Units.push_back(Abs);
    }
  }
  std::sort(Units.begin(), Units.end());
  Units.erase(std::unique(Units.begin(), Units.end()), Units.end());
  // Every unit, before --shard and --diff-base keep some: the others still
  // define helpers the kept ones may call (the project view).
  std::vector<std::string> AllUnits = Units;
  selectShard(Units, Opts.UnitShard);

  Baseline Known;
  if (!Opts.BaselinePath.empty() &&
      !Baseline::load(Opts.BaselinePath, Known, Error)) {
    llvm::errs() << "greenlint check: " << Error << "\n";
    return 2;
  }

  ChangedLines Changed;
  if (Opts.DiffBaseGiven && !Changed.load(Opts.DiffBase, Units, Error)) {
    llvm::errs() << "greenlint check: " << Error << "\n";
    return 2;
  }

  std::string SourceRoot = Opts.SourceRoot.empty()
                               ? defaultSourceRoot(BuildDir)
                               : absolutePath(Opts.SourceRoot);

  if (!checkRuleGlobs(Opts.RuleGlobs, Error)) {
    llvm::errs() << "greenlint check: " << Error << "\n";
    return 2;
  }

  LintOptions Lint;
  if (!Opts.ConfigPath.empty())
    Lint.ConfigPath = absolutePath(Opts.ConfigPath);
  Lint.RuleGlobs = Opts.RuleGlobs;
  Lint.CollectProjectFacts = !Opts.NoProjectView;

  std::optional<ResultCache> Cache;
  if (!Opts.NoCache) {
    std::string CacheDir = Opts.CacheDir.empty()
                               ? BuildDir + "/.greenlint-cache"
                               : absolutePath(Opts.CacheDir);
    Cache.emplace();
    if (!Cache->open(CacheDir, uint64_t(Opts.CacheMaxMb) << 20, Error)) {
      // The default folder is a convenience: a read-only build folder runs
      // without a cache. A folder the user named must work.
      if (!Opts.CacheDir.empty()) {
        llvm::errs() << "greenlint check: " << Error << "\n";
        return 2;
      }
      Cache.reset();
    }
  }

  if (Opts.DiffBaseGiven) {
    UnitSelection Selection =
        selectChangedUnits(Units, Changed, Cache ? &*Cache : nullptr,
                           [&](const std::string &Unit) {
                             return Cache->unitKey(*DB, Unit, Lint);
                           });
    if (!Opts.Quiet)
      printSelection(llvm::errs(), Selection, Units.size(), SourceRoot);
  }

  // Each worker takes the next unit; results land in the unit's slot, so the
  // merge below sees them in the same order whatever the scheduling.
  std::vector<UnitResult> Results(Units.size());
  std::mutex ProgressMutex;
  size_t Done = 0;
  bool Progress = !Opts.Quiet && isTerminal();
  unsigned Threads =
      std::min<size_t>(Opts.Jobs, std::max<size_t>(1, Units.size()));
  runInParallel(Units.size(), Threads, [&](size_t I) {
    std::string Key;
    if (Cache)
      Key = Cache->unitKey(*DB, Units[I], Lint);
    if (!Cache || !Cache->lookup(Key, Results[I])) {
      Results[I] = lintUnit(*DB, Units[I], Lint);
      if (Cache)
        Cache->store(Key, Results[I]);
    }
    if (Progress) {
      std::lock_guard<std::mutex> Lock(ProgressMutex);
      llvm::errs() << "\r\x1b[K[" << ++Done << "/" << Units.size() << "] "
                   << terminalText(relativeTo(Units[I], SourceRoot));
      llvm::errs().flush();
    }
  });
  if (Progress)
    llvm::errs() << "\r\x1b[K";
  if (Lint.CollectProjectFacts) {
    ProjectTable Table;
    for (const UnitResult &R : Results)
      Table.add(R.Project);
    if (Cache && Units.size() < AllUnits.size()) {
      std::vector<std::string> Skipped;
      std::set_difference(AllUnits.begin(), AllUnits.end(), Units.begin(),
                          Units.end(), std::back_inserter(Skipped));
      addCachedFacts(Table, *DB, Skipped, Lint, *Cache);
    }
    ProjectPassStats Pass = runProjectPass(*DB, Units, Results, Table, Lint,
                                           Cache ? &*Cache : nullptr, Threads);
    if (!Opts.Quiet && Pass.Relinted)
      llvm::errs() << "greenlint check: project view: " << Pass.Relinted
                   << (Pass.Relinted == 1 ? " unit" : " units")
                   << " linted again with the helpers of other units ("
                   << Pass.Functions
                   << (Pass.Functions == 1 ? " function" : " functions")
                   << " in the table)\n";
  }
  reportDroppedFlags(Results);
  if (Cache) {
    Cache->evict();
    if (Opts.CacheStats)
      Cache->printStats(llvm::errs());
  }

  // Compile errors first, once each: a config error repeats in every unit.
  unsigned Errors = 0;
  std::vector<std::string> FailedUnits;
  llvm::StringSet<> Printed;
  std::vector<CheckedFinding> Findings;
  for (size_t I = 0; I < Units.size(); ++I) {
    UnitResult &R = Results[I];
    if (!R.Diagnostics.empty() && Printed.insert(R.Diagnostics).second)
      llvm::errs() << R.Diagnostics;
    if (R.Errors || R.Failed) {
      ++Errors;
      FailedUnits.push_back(Units[I]);
      if (!R.Errors)
        llvm::errs() << "greenlint check: " << Units[I]
                     << ": could not be parsed with its compile command\n";
    }
    for (CheckedFinding &C : R.Findings)
      Findings.push_back(std::move(C));
  }
  removeDuplicateFindings(Findings);

  SourceFiles Sources;
  for (CheckedFinding &C : Findings)
    C.RelativePath = relativeTo(C.Finding.File, SourceRoot);
  assignFingerprints(Findings, Sources);

  if (!Opts.WriteBaselinePath.empty() &&
      !Baseline::write(Opts.WriteBaselinePath, Findings, Error)) {
    llvm::errs() << "greenlint check: " << Error << "\n";
    return 2;
  }
  for (CheckedFinding &C : Findings) {
    if (C.State != FindingState::Reported)
      continue;
    if (Opts.DiffBaseGiven &&
        !Changed.isChanged(C.Finding.File, C.Finding.Line))
      C.State = FindingState::Unchanged;
    else if (!Opts.BaselinePath.empty() && Known.contains(C))
      C.State = FindingState::Baselined;
  }

  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!Opts.OutputPath.empty()) {
    File = std::make_unique<llvm::raw_fd_ostream>(Opts.OutputPath, EC);
    if (EC) {
      llvm::errs() << "greenlint check: cannot write '" << Opts.OutputPath
                   << "': " << EC.message() << "\n";
      return 2;
    }
  }
  llvm::raw_ostream &OS = File ? *File : llvm::outs();
  CheckReport Report;
  Report.Format = Opts.Format;
  Report.SourceRoot = SourceRoot;
  Report.DocsUrl = Opts.DocsUrl;
  Report.Version = GREENLINT_VERSION;
  Report.FailedUnits = FailedUnits;
  writeCheckReport(OS, Report, Findings, Sources);
  OS.flush();

  if (!Opts.ExportFixesPath.empty()) {
    std::string Main = Units.size() == 1 ? Units.front() : std::string();
    if (!writeExportFixes(Opts.ExportFixesPath, Findings, Main, Sources,
                          Error)) {
      llvm::errs() << "greenlint check: " << Error << "\n";
      return 2;
    }
  }

  FindingCounts N = countStates(Findings);
  if (!Opts.Quiet) {
    llvm::errs() << N.Reported << (N.Reported == 1 ? " finding" : " findings")
                 << " (" << N.Suppressed << " suppressed";
    if (!Opts.BaselinePath.empty())
      llvm::errs() << ", " << N.Baselined << " in the baseline";
    if (Opts.DiffBaseGiven)
      llvm::errs() << ", " << N.Unchanged << " on unchanged lines";
    llvm::errs() << ")";
    if (!Opts.WriteBaselinePath.empty())
      llvm::errs() << "; baseline written to " << Opts.WriteBaselinePath;
    llvm::errs() << "\n";
  }
  if (Errors) {
    llvm::errs() << "greenlint check: " << Errors << " of " << Units.size()
                 << " translation units had errors; their findings are "
                    "incomplete\n";
    return 2;
  }
  if (!Opts.WriteBaselinePath.empty())
    return 0;
  return N.Reported ? 1 : 0;
}

} // namespace greenlint
