//===- OutputFile.cpp - Report text to a file or stdout -------------------===//
#include "OutputFile.h"

#include "llvm/Support/raw_ostream.h"

#include <fstream>

namespace greenlint {

bool writeOutput(const std::string &Path, const std::string &Text) {
  if (Path.empty() || Path == "-") {
    llvm::outs() << Text;
    return true;
  }
  std::ofstream Out(Path, std::ios::binary);
  Out << Text;
  if (!Out) {
    llvm::errs() << "greenlint: " << Path
                 << ": cannot write; check the folder exists and is "
                    "writable\n";
    return false;
  }
  return true;
}

} // namespace greenlint
