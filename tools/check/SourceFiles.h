//===- SourceFiles.h - Line and offset arithmetic over source files -------===//
//
// Fingerprints need a finding's line text, the fixes YAML byte offsets and
// SARIF line/column pairs; all three read the same files, once each.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_SOURCEFILES_H
#define GREENLINT_TOOLS_SOURCEFILES_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace greenlint {

class SourceFiles {
public:
  /// The text of a 1-based line without its line break; empty when the file
  /// or line does not exist.
  llvm::StringRef lineText(llvm::StringRef Path, unsigned Line);
  /// The byte offset of a 1-based line and byte column.
  std::optional<unsigned> offsetOf(llvm::StringRef Path, unsigned Line,
                                   unsigned Column);
  /// The 1-based column in Unicode code points of a 1-based byte column
  /// (SARIF's unicodeCodePoints), from the line's bytes; the byte column
  /// when the file or line cannot be read. An invalid UTF-8 byte counts as
  /// one code point.
  unsigned codePointColumn(llvm::StringRef Path, unsigned Line,
                           unsigned ByteColumn);
  /// The inverse of codePointColumn, for SARIF read back (check --merge):
  /// the 1-based byte column at which the \p CodePointColumn-th code point
  /// starts; the column itself when the file or line cannot be read.
  unsigned byteColumn(llvm::StringRef Path, unsigned Line,
                      unsigned CodePointColumn);
  /// The 1-based line and byte column of a byte offset.
  std::optional<std::pair<unsigned, unsigned>>
  lineColumnOf(llvm::StringRef Path, unsigned Offset);

private:
  struct File {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<unsigned> LineStarts;
  };
  const File *get(llvm::StringRef Path);

  llvm::StringMap<File> Files;
};

} // namespace greenlint

#endif
