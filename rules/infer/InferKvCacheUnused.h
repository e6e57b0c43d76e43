//===- InferKvCacheUnused.h - infer-kv-cache-unused -----------------------===//
//
// Flags autoregressive decoding that feeds the whole growing token sequence
// to the model on every step (llama.cpp: clear the KV cache, decode all
// tokens; LibTorch: cat the new token and run forward on the whole sequence)
// instead of only the new token. It stays quiet unless the sequence is a
// variable grown in that same loop and re-fed in full on every iteration.
// See docs/rules/infer-kv-cache-unused.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_INFER_INFERKVCACHEUNUSED_H
#define GREENLINT_RULES_INFER_INFERKVCACHEUNUSED_H

#include "../Rule.h"

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace greenlint {

class InferKvCacheUnused : public Rule {
public:
  static const RuleInfo Info;
  explicit InferKvCacheUnused(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  void checkSessionLoad(const clang::CallExpr &Load,
                        const clang::FunctionDecl &Fn, clang::ASTContext &Ctx);
  /// The call or assignment in Loop that appends to Seq on each iteration.
  const clang::Expr *growthIn(const clang::VarDecl *Seq,
                              const clang::Stmt *Loop,
                              clang::ASTContext &Ctx) const;
};

} // namespace greenlint

#endif
