//===- compile_db_fuzzer.cpp - libFuzzer target: compile_commands.json ----===//
//
// Feeds arbitrary bytes as compile_commands.json through the chain that
// `greenlint check` loads it with (loadCompileDatabase in
// tools/check/CompileDatabase.cpp): Clang's JSON database with the
// command-line syntax detected, response files expanded, target and driver
// mode inferred, then every command listed.
// Response files come from an in-memory file system holding one seed file,
// so a fuzzed "@path" never reads the disk.
//
//===----------------------------------------------------------------------===//
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace clang::tooling;
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  std::string Error;
  auto JSON = JSONCompilationDatabase::loadFromBuffer(
      Text, Error, JSONCommandLineSyntax::AutoDetect);
  if (!JSON)
    return 0;
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>();
  FS->setCurrentWorkingDirectory("/src");
  FS->addFile("/src/flags.rsp", 0,
              llvm::MemoryBuffer::getMemBuffer("-DFROM_RSP -O2 @flags.rsp"));
  std::vector<std::string> Files = JSON->getAllFiles();
  auto DB = inferTargetAndDriverMode(expandResponseFiles(std::move(JSON), FS));
  for (const std::string &F : Files)
    (void)DB->getCompileCommands(F);
  (void)DB->getAllCompileCommands();
  return 0;
}
