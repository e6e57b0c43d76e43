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
  /// Collects the modules whose parameters() build the optimizer Opt; false
  /// when anything else may feed it.
  bool
  optimizerOwners(const clang::VarDecl *Opt, clang::ASTContext &Ctx,
                  llvm::SmallPtrSetImpl<const clang::VarDecl *> &Owners) const;

  bool FreezesSomewhere = false;
  std::vector<Candidate> Candidates;
  std::vector<DeferredCandidate> Deferred;
  llvm::DenseMap<const clang::FunctionDecl *,
                 std::vector<const clang::CallExpr *>>
      CallSites;
};

} // namespace greenlint

#endif
