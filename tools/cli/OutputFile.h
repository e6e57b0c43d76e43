//===- OutputFile.h - Report text to a file or stdout -----------*- C++ -*-===//
//
// `report` and `diff` write their output the same way: to -o FILE, or to
// stdout when there is none or it is "-".
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_OUTPUTFILE_H
#define GREENLINT_TOOLS_OUTPUTFILE_H

#include <string>

namespace greenlint {

/// Writes \p Text to \p Path, or stdout when it is empty or "-". On failure
/// prints why to stderr and returns false.
bool writeOutput(const std::string &Path, const std::string &Text);

} // namespace greenlint

#endif
