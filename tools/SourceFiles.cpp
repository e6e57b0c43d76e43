//===- SourceFiles.cpp ----------------------------------------------------===//
#include "SourceFiles.h"
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
