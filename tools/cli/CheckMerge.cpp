//===- CheckMerge.cpp - greenlint check --merge ---------------------------===//
#include "CheckMerge.h"
#include "CheckReport.h"
#include "OutputEscaping.h"
#include "Paths.h"
#include "ShardMerge.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#ifndef GREENLINT_VERSION
#define GREENLINT_VERSION "0.0.0"
#endif

namespace greenlint {

int runCheckMerge(const CheckOptions &Opts) {
  ShardReadOptions Read;
  Read.Version = GREENLINT_VERSION;
  if (!Opts.SourceRoot.empty())
    Read.SourceRoot = absolutePath(Opts.SourceRoot);
  if (Opts.DocsUrlGiven)
    Read.DocsUrl = Opts.DocsUrl;

  // Every report is read and checked before anything is written: a bad one
  // leaves no half-merged report behind.
  SourceFiles Sources;
  std::vector<ShardReport> Reports;
  for (const std::string &Path : Opts.Files) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      llvm::errs() << "greenlint: " << terminalText(Path) << ": cannot read ("
                   << Buffer.getError().message()
                   << "); pass the reports that greenlint check --shard K/N "
                      "wrote with --format sarif or --format json\n";
      return 2;
    }
    std::string Error;
    Reports.emplace_back();
    if (!parseShardReport((*Buffer)->getBuffer(), Path, Read, Sources,
                          Reports.back(), Error)) {
      llvm::errs() << "greenlint: " << Error << "\n";
      return 2;
    }
  }
  ShardReport Merged;
  std::string Error;
  if (!mergeShardReports(Reports, Opts.Files, Read, Merged, Error)) {
    llvm::errs() << "greenlint: " << Error << "\n";
    return 2;
  }

  CheckReport Report;
  Report.Format = Opts.Format;
  Report.SourceRoot = Merged.SourceRoot;
  // JSON reports carry no doc links: the default ones then.
  Report.DocsUrl = Merged.DocsUrl.empty() ? Opts.DocsUrl : Merged.DocsUrl;
  Report.Version = GREENLINT_VERSION;
  Report.FailedUnits = Merged.FailedUnits;
  Report.NotListed = Merged.NotListed;
  std::string Text;
  llvm::raw_string_ostream TextStream(Text);
  writeCheckReport(TextStream, Report, Merged.Findings, Sources);
  TextStream.flush();
  if (Opts.OutputPath.empty()) {
    llvm::outs() << Text;
    llvm::outs().flush();
  } else {
    std::error_code EC;
    llvm::raw_fd_ostream File(Opts.OutputPath, EC);
    if (EC) {
      llvm::errs() << "greenlint: " << terminalText(Opts.OutputPath)
                   << ": cannot write (" << EC.message()
                   << "); check the folder exists and is writable\n";
      return 2;
    }
    File << Text;
  }

  FindingCounts N = countStates(Merged.Findings);
  N.Suppressed += Merged.NotListed.Suppressed;
  N.Baselined += Merged.NotListed.Baselined;
  N.Unchanged += Merged.NotListed.Unchanged;
  if (!Opts.Quiet) {
    llvm::errs() << N.Reported << (N.Reported == 1 ? " finding" : " findings")
                 << " (" << N.Suppressed << " suppressed";
    if (N.Baselined)
      llvm::errs() << ", " << N.Baselined << " in the baseline";
    if (N.Unchanged)
      llvm::errs() << ", " << N.Unchanged << " on unchanged lines";
    llvm::errs() << ") in " << Reports.size()
                 << (Reports.size() == 1 ? " report\n" : " reports\n");
  }
  // As the unsharded run: a unit that did not compile makes the result
  // incomplete, whatever it found.
  if (!Merged.FailedUnits.empty()) {
    llvm::errs() << "greenlint check --merge: " << Merged.FailedUnits.size()
                 << (Merged.FailedUnits.size() == 1 ? " translation unit"
                                                    : " translation units")
                 << " had errors in the shard runs; their findings are "
                    "incomplete\n";
    return 2;
  }
  return N.Reported ? 1 : 0;
}

} // namespace greenlint
