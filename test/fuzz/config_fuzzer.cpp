//===- config_fuzzer.cpp - libFuzzer target: .greenlint.yaml --------------===//
//
// Feeds arbitrary bytes to the config parser that the plugin and `greenlint
// check` share: any .greenlint.yaml gets a Config or a located message,
// never a crash or a hang (YAML aliases, deep nesting).
//
//===----------------------------------------------------------------------===//
#include "Config.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace greenlint;
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  Config C;
  ConfigError E;
  if (!parseConfig(Text, "fuzz.yaml", C, E)) {
    // Every failure says where: an empty message is a reader bug.
    if (E.Message.empty())
      __builtin_trap();
    (void)E.format();
  }
  return 0;
}
