//===- RuleContext.h - What a rule may see of its surroundings ------------===//
#ifndef GREENLINT_RULES_RULECONTEXT_H
#define GREENLINT_RULES_RULECONTEXT_H

#include "Config.h"
#include "Rule.h"
#include <functional>

namespace clang {
class ASTContext;
}

namespace greenlint {

class ApiModel;

/// Shared by all rules of one translation unit.
class RuleContext {
public:
  using FindingSink = std::function<void(Finding &&)>;

  RuleContext(const Config &Cfg, const ApiModel &Api, FindingSink Sink)
      : Cfg(Cfg), Api(Api), Sink(std::move(Sink)) {}

  const Config &config() const { return Cfg; }
  const ApiModel &api() const { return Api; }
  clang::ASTContext *astContext() const { return AST; }
  void setASTContext(clang::ASTContext *Ctx) { AST = Ctx; }
  /// Option value as configured, or the rule's declared default.
  std::string option(const RuleInfo &Info, llvm::StringRef Name) const;
  void emit(Finding &&F) { Sink(std::move(F)); }

private:
  const Config &Cfg;
  const ApiModel &Api;
  FindingSink Sink;
  clang::ASTContext *AST = nullptr;
};

} // namespace greenlint

#endif
