//===- BuildHotPathUnoptimized.h - build-hot-path-unoptimized -------------===//
//
// Flags a translation unit compiled at -O0 that contains a training step or
// an inference call: the host code around every step (data preparation,
// tensor bookkeeping, loops over outputs) then runs unoptimised. Reported
// once per TU; -Og and above are optimised builds and stay quiet. See
// docs/rules/build-hot-path-unoptimized.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_BUILD_BUILDHOTPATHUNOPTIMIZED_H
#define GREENLINT_RULES_BUILD_BUILDHOTPATHUNOPTIMIZED_H

#include "../Rule.h"

namespace greenlint {

class BuildHotPathUnoptimized : public Rule {
public:
  static const RuleInfo Info;
  explicit BuildHotPathUnoptimized(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;

private:
  const clang::Expr *First = nullptr;
  bool FirstIsTraining = false;
  bool AnyTraining = false;
  clang::ASTContext *AST = nullptr;
};

} // namespace greenlint

#endif
