//===- ResultCache.h - Per-unit cache of check's results --------*- C++ -*-===//
//
// A warm `greenlint check` with nothing changed should cost a few file reads
// per unit, not a parse. An entry is found by a key over what decides a
// unit's findings before any header is read (greenlint's version and API
// data, the unit's path and compile commands, the options and the config
// file in force); it records every file the unit read with a hash of its
// contents, and is a hit only while all of them still hash the same (the
// scheme of ccache's direct mode). See docs/check.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_RESULTCACHE_H
#define GREENLINT_TOOLS_RESULTCACHE_H

#include "LintConsumer.h"
#include "UnitLinter.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace greenlint {

class ResultCache {
public:
  /// Creates \p Dir if needed; false with \p Error when it cannot be used.
  bool open(const std::string &Dir, uint64_t MaxBytes, std::string &Error);

  /// The key of \p File's entry (hex); the same inputs give the same key in
  /// every run and process.
  std::string unitKey(const clang::tooling::CompilationDatabase &DB,
                      const std::string &File, const LintOptions &Opts);

  /// The key of an entry that also depends on \p Extra (the part of the
  /// project's table a unit reads).
  std::string derivedKey(const std::string &Key, llvm::StringRef Extra) const;

  /// Fills \p Out from the entry of \p Key when it exists, reads whole and
  /// every file it lists still has the recorded contents. A missing, stale
  /// or damaged entry is a miss, counted in the statistics unless
  /// \p CountInStats is false.
  bool lookup(const std::string &Key, UnitResult &Out,
              bool CountInStats = true);

  /// The files the entry of \p Key lists as read: which units a change
  /// touches. False when there is no readable entry; \p Current says
  /// whether every listed file still has its recorded contents (if not, the
  /// unit may read other files now).
  bool recordedInputs(const std::string &Key, std::vector<std::string> &Inputs,
                      bool &Current);

  /// Records \p Result under \p Key, unless the unit had errors (they may
  /// come from the machine, not the sources). Written to a temporary file
  /// and renamed, so a concurrent reader sees the old entry or the new one.
  void store(const std::string &Key, const UnitResult &Result);

  /// Removes the least recently used entries until the folder holds at most
  /// the size bound.
  void evict();

  /// One line: hits, misses, entries and bytes in the folder.
  void printStats(llvm::raw_ostream &OS);

private:
  /// The body of the entry of \p Key after its checksum is checked.
  bool readEntry(const std::string &Key,
                 std::unique_ptr<llvm::MemoryBuffer> &Buffer,
                 llvm::StringRef &Body);

  /// Hex xxh3-128 of \p Path's contents, "-" when unreadable; each file is
  /// read once per run however many units include it.
  std::string fileHash(const std::string &Path);

  std::string Dir;
  uint64_t MaxBytes = 0;
  std::atomic<unsigned> Hits{0}, Misses{0};
  std::mutex HashMutex;
  llvm::StringMap<std::string> FileHashes;
  std::string ApiDataHash;
};

} // namespace greenlint

#endif
