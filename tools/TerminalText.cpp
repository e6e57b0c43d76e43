//===- TerminalText.cpp ---------------------------------------------------===//
#include "TerminalText.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace greenlint {

std::string terminalText(llvm::StringRef Text) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  const auto *Bytes = reinterpret_cast<const llvm::UTF8 *>(Text.data());
  size_t I = 0;
  while (I < Text.size()) {
    unsigned char C = Text[I];
    if (C >= 0x80) {
      unsigned Length = llvm::getNumBytesForUTF8(C);
      // U+0080..U+009F (C2 80..C2 9F) are C1 controls: CSI is one of them.
      bool C1Control = C == 0xC2 && I + 1 < Text.size() &&
                       static_cast<unsigned char>(Text[I + 1]) < 0xA0;
      if (!C1Control && I + Length <= Text.size() &&
          llvm::isLegalUTF8Sequence(Bytes + I, Bytes + I + Length)) {
        OS << Text.substr(I, Length);
        I += Length;
        continue;
      }
    }
    if (C == '\\')
      OS << "\\\\";
    else if (C < 0x20 || C == 0x7f || C >= 0x80)
      OS << llvm::format("\\x%02X", C);
    else
      OS << static_cast<char>(C);
    ++I;
  }
  return Out;
}

} // namespace greenlint
