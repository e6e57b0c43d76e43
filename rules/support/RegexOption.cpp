//===- RegexOption.cpp ----------------------------------------------------===//
#include "RegexOption.h"

namespace greenlint {

RegexOption::RegexOption(llvm::StringRef Pattern, llvm::Regex::RegexFlags Flags)
    : Pattern(Pattern.str()) {
  if (!this->Pattern.empty())
    Compiled.emplace(this->Pattern, Flags);
}

bool RegexOption::match(llvm::StringRef Text,
                        llvm::SmallVectorImpl<llvm::StringRef> *Groups) const {
  return Compiled && Compiled->match(Text, Groups);
}

} // namespace greenlint
