//===- OptionValue.h - `--name=value` and `--name value` ------------------===//
#ifndef GREENLINT_TOOLS_OPTIONVALUE_H
#define GREENLINT_TOOLS_OPTIONVALUE_H

#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace greenlint {

/// Whether Argv[I] is the option Name, written `Name=value` or `Name value`
/// (then I moves past the value). Value is empty when the option comes last
/// without one: the caller says that it needs a value.
bool optionValue(int Argc, const char **Argv, int &I, llvm::StringRef Name,
                 std::optional<std::string> &Value);

} // namespace greenlint

#endif
