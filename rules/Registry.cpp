//===- Registry.cpp - The list of rules -----------------------------------===//
//
// An explicit list rather than static self-registration: rules live in a
// static library, and the linker drops objects nothing refers to.
//
//===----------------------------------------------------------------------===//
#include "Registry.h"
#include "infer/InferLoadInLoop.h"
#include "infer/InferNoGradGuard.h"
#include "retrain/RetrainZeroGradFalse.h"
#include <algorithm>

namespace greenlint {

const std::vector<const RuleInfo *> &allRules() {
  static const std::vector<const RuleInfo *> Rules = [] {
    std::vector<const RuleInfo *> All = {
        &InferLoadInLoop::Info,
        &InferNoGradGuard::Info,
        &RetrainZeroGradFalse::Info,
    };
    std::sort(All.begin(), All.end(),
              [](const RuleInfo *A, const RuleInfo *B) {
                return llvm::StringRef(A->Id) < B->Id;
              });
    return All;
  }();
  return Rules;
}

const RuleInfo *findRule(llvm::StringRef Id) {
  for (const RuleInfo *R : allRules())
    if (Id == R->Id)
      return R;
  return nullptr;
}

} // namespace greenlint
