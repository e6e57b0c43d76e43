//===- api_data_fuzzer.cpp - libFuzzer target: API data files -------------===//
//
// Feeds arbitrary bytes to the API data loader (rules/apis/*.yaml and the
// files a config's api_files names): any file gets entries or a located
// message, never a crash.
//
//===----------------------------------------------------------------------===//
#include "Registry.h"
#include "greenlint/apis/ApiModel.h"

#include <cstddef>
#include <cstdint>
#include <string>

// The roles rules declare are valid in data files: linking the rules' registry
// hands them to the loader, as in the plugin and the CLI.
extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  return greenlint::allRules().empty() ? 1 : 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace greenlint;
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  ApiModel M;
  std::string Error;
  if (!M.addYaml(Text, "fuzz.yaml", Error) && Error.empty())
    __builtin_trap();
  return 0;
}
