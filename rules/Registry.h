//===- Registry.h - Every rule greenlint knows ----------------------------===//
#ifndef GREENLINT_RULES_REGISTRY_H
#define GREENLINT_RULES_REGISTRY_H

#include "Rule.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

namespace greenlint {

/// All rules, sorted by id.
const std::vector<const RuleInfo *> &allRules();
const RuleInfo *findRule(llvm::StringRef Id);

} // namespace greenlint

#endif
