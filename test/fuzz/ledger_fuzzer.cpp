//===- ledger_fuzzer.cpp - libFuzzer target: ledger reader + report -------===//
//
// Feeds arbitrary bytes to the ledger reader as one ledger file and, when it
// reads, builds the report and renders every format and a diff of the report
// with itself: `greenlint report` and `diff` must answer any file with a
// report or a message, never a crash. test/fuzz/run runs it; docs/fuzzing.md
// says how long it last ran clean.
//
//===----------------------------------------------------------------------===//
#include "Comparison.h"
#include "LedgerReader.h"
#include "ReportBuilder.h"
#include "ReportFormats.h"
#include "ReportOptions.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace greenlint;
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  std::string Error;
  Ledger Header;
  // The header-only read must never accept what the full read refuses.
  bool HeaderRead =
      parseLedger("fuzz.jsonl", Text, Header, Error, LedgerPart::HeaderOnly);
  Ledger L;
  bool Read = parseLedger("fuzz.jsonl", Text, L, Error);
  if (Read && !HeaderRead)
    __builtin_trap();
  if (!Read)
    return 0;
  ReportOptions O;
  O.Grid = "DE";
  // A fixed profile: the ledger's own id may name any file (ids can be
  // YAML paths), which a fuzzer must not open.
  O.Profile = "amd-epyc-7b13";
  O.WhatIfGrids = {"FR"};
  O.ByTest = Size % 2;
  nlohmann::json Report;
  if (!buildReport({L}, O, Report, Error))
    return 0;
  renderReportTable(Report);
  renderReportMarkdown(Report);
  renderIfManifest(Report);
  Report.dump(1);
  nlohmann::json Diff = diffReports(Report, Report, DiffSettings());
  renderDiffTable(Diff);
  renderDiffMarkdown(Diff);
  return 0;
}
