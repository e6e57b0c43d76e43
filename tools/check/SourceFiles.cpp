//===- SourceFiles.cpp ----------------------------------------------------===//
#include "SourceFiles.h"
#include "OutputEscaping.h"
#include <algorithm>

namespace greenlint {

const SourceFiles::File *SourceFiles::get(llvm::StringRef Path) {
  auto [It, Inserted] = Files.try_emplace(Path);
  File &F = It->second;
  if (Inserted) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (Buffer) {
      F.Buffer = std::move(*Buffer);
      llvm::StringRef Text = F.Buffer->getBuffer();
      F.LineStarts.push_back(0);
      for (size_t I = 0; I < Text.size(); ++I)
        if (Text[I] == '\n')
          F.LineStarts.push_back(I + 1);
    }
  }
  return F.Buffer ? &F : nullptr;
}

llvm::StringRef SourceFiles::lineText(llvm::StringRef Path, unsigned Line) {
  const File *F = get(Path);
  if (!F || Line == 0 || Line > F->LineStarts.size())
    return {};
  llvm::StringRef Text = F->Buffer->getBuffer();
  unsigned Begin = F->LineStarts[Line - 1];
  unsigned End =
      Line < F->LineStarts.size() ? F->LineStarts[Line] : Text.size();
  return Text.slice(Begin, End).rtrim("\r\n");
}

std::optional<unsigned> SourceFiles::offsetOf(llvm::StringRef Path,
                                              unsigned Line, unsigned Column) {
  const File *F = get(Path);
  if (!F || Line == 0 || Column == 0 || Line > F->LineStarts.size())
    return std::nullopt;
  unsigned Offset = F->LineStarts[Line - 1] + Column - 1;
  if (Offset > F->Buffer->getBufferSize())
    return std::nullopt;
  return Offset;
}

unsigned SourceFiles::codePointColumn(llvm::StringRef Path, unsigned Line,
                                      unsigned ByteColumn) {
  const File *F = get(Path);
  if (!F || Line == 0 || ByteColumn == 0 || Line > F->LineStarts.size())
    return ByteColumn;
  llvm::StringRef Text = F->Buffer->getBuffer();
  size_t Begin = F->LineStarts[Line - 1];
  // A column past the line's end (the position after its last character)
  // keeps its distance from the end.
  size_t End = Line < F->LineStarts.size() ? F->LineStarts[Line] : Text.size();
  size_t Before = std::min<size_t>(ByteColumn - 1, End - Begin);
  llvm::StringRef Prefix = Text.substr(Begin, Before);
  return codePointCount(std::string_view(Prefix.data(), Prefix.size())) + 1 +
         (ByteColumn - 1 - Before);
}

unsigned SourceFiles::byteColumn(llvm::StringRef Path, unsigned Line,
                                 unsigned CodePointColumn) {
  const File *F = get(Path);
  if (!F || Line == 0 || CodePointColumn == 0 || Line > F->LineStarts.size())
    return CodePointColumn;
  llvm::StringRef Text = F->Buffer->getBuffer();
  size_t Begin = F->LineStarts[Line - 1];
  size_t End = Line < F->LineStarts.size() ? F->LineStarts[Line] : Text.size();
  std::string_view Bytes(Text.data() + Begin, End - Begin);
  // Walk the code points as codePointCount counts them (an invalid byte is
  // one), over the same bytes codePointColumn looks at.
  size_t At = 0;
  unsigned Seen = 0;
  while (Seen + 1 < CodePointColumn && At < Bytes.size()) {
    uint32_t CodePoint = 0;
    size_t Length = decodeUtf8(Bytes, At, CodePoint);
    At += Length ? Length : 1;
    ++Seen;
  }
  // Past the line's end: the same distance from the end, as codePointColumn
  // keeps it.
  return At + 1 + (CodePointColumn - 1 - Seen);
}

std::optional<std::pair<unsigned, unsigned>>
SourceFiles::lineColumnOf(llvm::StringRef Path, unsigned Offset) {
  const File *F = get(Path);
  if (!F || Offset > F->Buffer->getBufferSize())
    return std::nullopt;
  auto It =
      std::upper_bound(F->LineStarts.begin(), F->LineStarts.end(), Offset);
  unsigned Line = It - F->LineStarts.begin();
  return std::make_pair(Line, Offset - F->LineStarts[Line - 1] + 1);
}

} // namespace greenlint
