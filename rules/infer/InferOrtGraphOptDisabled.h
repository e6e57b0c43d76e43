//===- InferOrtGraphOptDisabled.h - infer-ort-graph-opt-disabled ----------===//
//
// Flags ONNX Runtime session options that switch graph optimisation off
// (ORT_DISABLE_ALL; ORT_ENABLE_BASIC with an option) outside test code. A
// level chosen at run time, a function that also sets another level, and
// sessions over pre-optimised (.ort) models stay quiet. See
// docs/rules/infer-ort-graph-opt-disabled.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_INFER_INFERORTGRAPHOPTDISABLED_H
#define GREENLINT_RULES_INFER_INFERORTGRAPHOPTDISABLED_H

#include "../Rule.h"
#include "../support/RegexOption.h"

namespace clang {
class CallExpr;
} // namespace clang

namespace greenlint {

class InferOrtGraphOptDisabled : public Rule {
public:
  static const RuleInfo Info;
  explicit InferOrtGraphOptDisabled(RuleContext &Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  bool isSetter(const clang::CallExpr *Call) const;
  /// The level argument, if it names a level this rule reports.
  const clang::Expr *lowLevelArg(const clang::CallExpr *Call,
                                 std::string &Level) const;

  bool ReportBasic;
  RegexOption TestFileRegex;
  RegexOption PreOptimizedModelRegex;
};

} // namespace greenlint

#endif
