//===- baseline_fuzzer.cpp - libFuzzer target: check's baseline file ------===//
//
// Feeds arbitrary bytes to the reader of `greenlint check --baseline`: any
// file gets a baseline or a message naming it, never a crash.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace greenlint;
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  Baseline B;
  std::string Error;
  if (!Baseline::parse(Text, "fuzz.json", B, Error) && Error.empty())
    __builtin_trap();
  return 0;
}
