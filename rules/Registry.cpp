//===- Registry.cpp - The list of rules -----------------------------------===//
//
// A list generated from the rule headers (RuleList.inc) rather than static
// self-registration: rules live in a static library, and the linker drops
// objects nothing refers to.
//
//===----------------------------------------------------------------------===//
#include "Registry.h"
#include "greenlint/apis/ApiModel.h"
#include <algorithm>

#define GREENLINT_RULE(Class)
#include "RuleList.inc"
#undef GREENLINT_RULE

namespace greenlint {

const std::vector<const RuleInfo *> &allRules() {
  static const std::vector<const RuleInfo *> Rules = [] {
    std::vector<const RuleInfo *> All = {
#define GREENLINT_RULE(Class) &Class::Info,
#include "RuleList.inc"
#undef GREENLINT_RULE
    };
    std::sort(All.begin(), All.end(), [](const RuleInfo *A, const RuleInfo *B) {
      return llvm::StringRef(A->Id) < B->Id;
    });
    return All;
  }();
  return Rules;
}

namespace {
std::vector<const char *> ruleRoles() {
  std::vector<const char *> Roles;
  for (const RuleInfo *Info : allRules())
    Roles.insert(Roles.end(), Info->Roles.begin(), Info->Roles.end());
  return Roles;
}

// The API data library checks roles against the rules' without depending on
// them. Only a pointer is stored here: the rules' RuleInfo objects may not be
// initialised yet, so their roles are read when the first data file loads.
[[maybe_unused]] const bool RuleRolesHandedOver =
    (setRuleRolesSource(&ruleRoles), true);
} // namespace

const RuleInfo *findRule(llvm::StringRef Id) {
  for (const RuleInfo *R : allRules())
    if (Id == R->Id)
      return R;
  return nullptr;
}

} // namespace greenlint
