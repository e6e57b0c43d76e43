//===- InferRedundantLoad.h - infer-redundant-load ---------------*- C++
//-*-===//
//
// Flags a model load that repeats an earlier load of the same source in the
// same function (same literal path, or same unchanged variable), and a model
// loaded into a local that is never used. Loads in alternative branches, under
// a condition, or after a file-change check stay quiet. See
// docs/rules/infer-redundant-load.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_INFER_INFERREDUNDANTLOAD_H
#define GREENLINT_RULES_INFER_INFERREDUNDANTLOAD_H

#include "../Rule.h"
#include "../support/RegexOption.h"

namespace greenlint {

class InferRedundantLoad : public Rule {
public:
  static const RuleInfo Info;
  explicit InferRedundantLoad(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  void checkRepeatedLoads(const clang::FunctionDecl &Fn,
                          llvm::ArrayRef<const clang::Expr *> Loads,
                          clang::ASTContext &Ctx);
  void checkUnusedLoad(const clang::FunctionDecl &Fn, const clang::Expr &Load,
                       clang::ASTContext &Ctx);
  RegexOption ReloadCheckRegex;
};

} // namespace greenlint

#endif
