//===- ReportOptions.h - Options shared by report and diff ------*- C++ -*-===//
//
// `greenlint report` and `greenlint diff` (on ledger folders) take the same
// methodology options, so that a diff of two folders is the diff of two
// reports made the same way.
//
//===----------------------------------------------------------------------===//

#ifndef GREENLINT_TOOLS_REPORTOPTIONS_H
#define GREENLINT_TOOLS_REPORTOPTIONS_H

#include "LedgerReader.h"
#include "Sci.h"

#include <string>
#include <vector>

namespace greenlint {

struct ReportOptions {
  std::string Grid;                     // --grid
  double Intensity = 0;                 // --intensity (0: from the grid table)
  double Pue = 0;                       // --pue (0: the provider's, or 1)
  std::string Profile;                  // --profile (empty: the ledgers' own)
  double ReservedThreads = 0;           // --reserved-threads
  std::vector<std::string> Facts;       // --facts
  std::vector<std::string> WhatIfGrids; // --what-if-grid
  bool ByTest = false;                  // --by-test
};

/// Consumes the option at \p Argv[I] (and its value) if it is one of the
/// methodology options. Returns 1 if consumed, 0 if not an option of these,
/// -1 on a bad value (\p Error says why).
int parseReportOption(int Argc, const char **Argv, int &I, ReportOptions &O,
                      std::string &Error);

/// The option list for --help texts.
const char *reportOptionsHelp();

/// Turns the options and the ledgers' headers into a methodology: loads the
/// profile, looks up the grid and PUE. Fails with a message when no grid is
/// given, the grid or profile is unknown, or the ledgers disagree on their
/// profile or meters.
bool resolveMethodology(const ReportOptions &O,
                        const std::vector<Ledger> &Ledgers, Methodology &M,
                        std::string &Error);

/// The same methodology on another grid (and that grid's provider PUE
/// unless --pue fixed it).
bool methodologyOnGrid(const Methodology &Base, const ReportOptions &O,
                       const std::string &Grid, Methodology &Out,
                       std::string &Error);

/// Reads ledgers from files and folders.
bool loadLedgers(const std::vector<std::string> &Paths,
                 std::vector<Ledger> &Out, std::string &Error);

} // namespace greenlint

#endif
