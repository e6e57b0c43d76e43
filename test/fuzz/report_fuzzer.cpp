//===- report_fuzzer.cpp - libFuzzer target: report JSON given to diff ----===//
//
// Feeds arbitrary bytes to `greenlint diff`'s reader of report JSONs and,
// when it reads, compares the report with itself and renders the diff: an
// edited or damaged report gets a message, never an exception or a crash.
//
//===----------------------------------------------------------------------===//
#include "Comparison.h"
#include "ReportCheck.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace greenlint;
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  nlohmann::json Report;
  std::string Error;
  if (!parseReportJson("fuzz.json", Text, Report, Error))
    return 0;
  if (Report.contains("methodology"))
    methodologyDifferences(Report, Report);
  DiffSettings S;
  S.FailOnBuildGrowthPct = Size % 2 ? 10 : -1;
  nlohmann::json Diff = diffReports(Report, Report, S);
  renderDiffTable(Diff);
  renderDiffMarkdown(Diff);
  Diff.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
