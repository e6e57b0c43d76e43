//===- InferNoGradGuard.h - infer-no-grad-guard ---------------------------===//
//
// Flags a forward pass on an evident inference path (after an eval() call
// or a model load, with no backward or optimizer step in between or in the
// same loop) while autograd is still recording. A guard in any enclosing block,
// or held by every caller in the same translation unit, counts. See
// docs/rules/infer-no-grad-guard.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_INFER_INFERNOGRADGUARD_H
#define GREENLINT_RULES_INFER_INFERNOGRADGUARD_H

#include "../Rule.h"
#include "../support/RegexOption.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"

namespace greenlint {

class InferNoGradGuard : public Rule {
public:
  static const RuleInfo Info;
  explicit InferNoGradGuard(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;

private:
  struct Candidate {
    const clang::Expr *Forward;
    const clang::Expr *Evidence; ///< eval() or load; null if the name said so
  };
  bool isInferencePath(const clang::Expr *Forward,
                       const clang::FunctionDecl *Fn,
                       const clang::Expr *&Evidence, clang::ASTContext &Ctx);

  RegexOption InferenceFunctionRegex;
  /// First unguarded forward call per inference function, in source order.
  llvm::MapVector<const clang::FunctionDecl *, Candidate> Candidates;
  /// Functions called at least once from a scope with autograd off.
  llvm::DenseMap<const clang::FunctionDecl *, bool> CalledUnderGuard;
  bool GradDisabledSomewhere = false;
};

} // namespace greenlint

#endif
