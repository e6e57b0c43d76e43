//===- RetrainFrozenParamsGrad.h - retrain-frozen-params-grad -------------===//
//
// Flags a module with parameters that runs in a training loop (one with
// backward and an optimizer step) although every optimizer in the function
// is built from other modules' parameters: backward computes gradients for
// it that nothing uses. Quiet when the module's output is detached, the
// forward runs under a grad guard, or the file turns requires_grad off
// anywhere. See docs/rules/retrain-frozen-params-grad.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_RETRAIN_RETRAINFROZENPARAMSGRAD_H
#define GREENLINT_RULES_RETRAIN_RETRAINFROZENPARAMSGRAD_H

#include "../Rule.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace greenlint {

class RetrainFrozenParamsGrad : public Rule {
public:
  static const RuleInfo Info;
  explicit RetrainFrozenParamsGrad(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;

private:
  struct Candidate {
    clang::SourceLocation Loc;
    clang::SourceLocation OptimizerLoc;
    std::string Module;
    /// The optimizers update plain tensors only (style transfer's image).
    bool OnlyTensors;
  };
  /// A training function whose optimizer is a parameter: judged at the end
  /// from what its callers in this file pass.
  struct DeferredCandidate {
    const clang::FunctionDecl *Fn;
    clang::SourceLocation Loc;
    std::string Module;
    int OptParam;
    int ModuleParam; ///< -1 when the module is not a parameter
  };
  bool FreezesSomewhere = false;
  std::vector<Candidate> Candidates;
  std::vector<DeferredCandidate> Deferred;
  /// Calls of this file's functions, with the function each is made in.
  llvm::DenseMap<const clang::FunctionDecl *,
                 std::vector<std::pair<const clang::CallExpr *,
                                       const clang::FunctionDecl *>>>
      CallSites;
  /// (module, loop) pairs already judged.
  std::set<std::pair<const clang::VarDecl *, const clang::Stmt *>> Reported;
};

} // namespace greenlint

#endif
