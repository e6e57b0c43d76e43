//===- RegexOption.h - A rule option's regular expression, compiled once --===//
//
// Rules with OptionKind::Regex options match function and file names on
// every candidate; compiling the pattern per match costs more than the match.
// A RegexOption compiles it once, when the rule reads its options. An invalid
// pattern never reaches a rule: Config rejects it with its position and the
// message "invalid regular expression for '<option>': <why>".
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_REGEXOPTION_H
#define GREENLINT_RULES_SUPPORT_REGEXOPTION_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Regex.h"
#include <optional>
#include <string>

namespace greenlint {

class RegexOption {
public:
  /// An empty \p Pattern means the option is off: it matches nothing.
  explicit RegexOption(llvm::StringRef Pattern,
                       llvm::Regex::RegexFlags Flags = llvm::Regex::NoFlags);

  /// Whether the option is off (its pattern is empty).
  bool empty() const { return !Compiled; }
  /// Whether \p Text matches; false when the option is off. \p Groups, if
  /// given, receives the match and its parenthesised groups.
  bool match(llvm::StringRef Text,
             llvm::SmallVectorImpl<llvm::StringRef> *Groups = nullptr) const;
  /// The compiled pattern for interfaces that take one; null when off.
  const llvm::Regex *regex() const { return Compiled ? &*Compiled : nullptr; }
  const std::string &pattern() const { return Pattern; }

private:
  std::string Pattern;
  std::optional<llvm::Regex> Compiled;
};

} // namespace greenlint

#endif
