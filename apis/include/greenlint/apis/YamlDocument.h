//===- YamlDocument.h - one YAML document, strictly -------------*- C++ -*-===//
//
// The config and the API data files are YAML read by people and tools: a
// repeated key (yaml-cpp keeps the last silently) or a second document after
// '---' (ignored) hides what the file says. Both are refused here, with the
// places involved, and so is nesting past the parser's depth limit, with a
// message that says it is nesting.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_APIS_YAMLDOCUMENT_H
#define GREENLINT_APIS_YAMLDOCUMENT_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <yaml-cpp/yaml.h>

namespace greenlint {

struct YamlProblem {
  unsigned Line = 0, Column = 0; // 1-based; 0 when not known
  std::string Message;           // "<what is wrong>; <what to do>"
};

/// Parses Text (the contents of File) into Root. False with Problem set
/// when the text is not YAML, holds more than one document, repeats a key
/// in a mapping, or nests too deeply.
bool loadYamlDocument(llvm::StringRef Text, llvm::StringRef File,
                      YAML::Node &Root, YamlProblem &Problem);

/// False with Why set ("it is a FIFO; ...") unless Path names a regular
/// file: reading a FIFO given as a config would block the compile, and a
/// device or folder is never a data file.
bool isReadableRegularFile(llvm::StringRef Path, std::string &Why);

} // namespace greenlint

#endif
