//===- OptionValue.cpp ----------------------------------------------------===//
#include "OptionValue.h"

namespace greenlint {

bool optionValue(int Argc, const char **Argv, int &I, llvm::StringRef Name,
                 std::optional<std::string> &Value) {
  llvm::StringRef Rest = Argv[I];
  if (!Rest.consume_front(Name))
    return false;
  if (Rest.consume_front("=")) {
    Value = Rest.str();
    return true;
  }
  if (!Rest.empty())
    return false; // a longer option that starts with Name
  Value.reset();
  if (I + 1 < Argc)
    Value = Argv[++I];
  return true;
}

} // namespace greenlint
