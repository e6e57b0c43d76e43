//===- facts_fuzzer.cpp - libFuzzer target: facts file reader -------------===//
//
// Feeds arbitrary bytes to the facts reader of `greenlint report --facts` as
// one facts file and, when it reads, renders the build section and diffs it
// with itself: any file gets a section or a message, never a crash.
//
//===----------------------------------------------------------------------===//
#include "BuildComparison.h"
#include "BuildSection.h"
#include "BuildSectionFormats.h"
#include "FactsReader.h"
#include "ReportOptions.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace greenlint;
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  nlohmann::json Build;
  std::string Error;
  if (!parseFactsFile("fuzz.json", Text, Build, Error))
    return 0;
  // What the reader accepts, diff's check of a report's build section must
  // accept too: report JSONs carry it.
  std::string Problem;
  if (!checkBuildSection(Build, Problem))
    __builtin_trap();
  renderBuildSection(Build, false);
  renderBuildSection(Build, true);
  nlohmann::json D = diffBuildSections(Build, Build, 10);
  renderBuildDiff(D, false);
  renderBuildDiff(D, true);
  D.dump(1, ' ', false, nlohmann::json::error_handler_t::replace);
  return 0;
}
