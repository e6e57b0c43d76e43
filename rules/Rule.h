//===- Rule.h - The interface every greenlint rule implements -------------===//
//
// A rule is a MatchFinder callback with an id, a group, options and a way to
// report findings. Rules never talk to the DiagnosticsEngine: they hand a
// Finding to the RuleContext, which applies suppressions, severities and
// deduplication once for every rule.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_RULE_H
#define GREENLINT_RULES_RULE_H

#include "greenlint/estimate/WasteModel.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace greenlint {

class ApiModel;
class RuleContext;

enum class Severity { Remark, Warning, Error };

enum class OptionKind { String, Bool, Int, Regex };

struct RuleOption {
  const char *Name;
  OptionKind Kind;
  const char *Default;
  const char *Help;
};

struct FindingNote {
  clang::SourceLocation Loc;
  std::string Message;
};

/// One diagnostic as a rule produces it, before severity and suppression.
struct Finding {
  std::string RuleId;
  clang::SourceLocation Loc;
  std::string Message;
  std::vector<FindingNote> Notes;
  std::vector<clang::FixItHint> Fixes;
  /// The energy the finding wastes, for rules that can tell
  /// (support/WasteEstimate.h); unset for the others.
  std::optional<estimate::FindingWaste> Waste;
};

class Rule;

/// What the registry knows about a rule without creating it.
struct RuleInfo {
  const char *Id;
  const char *Group;
  const char *Summary;
  bool DefaultOn;
  std::vector<RuleOption> Options;
  std::unique_ptr<Rule> (*Create)(RuleContext &);
  /// API roles the rule queries (see ApiModel.h); data files may use these.
  std::vector<const char *> Roles = {};
};

class Rule : public clang::ast_matchers::MatchFinder::MatchCallback {
public:
  Rule(const RuleInfo &Info, RuleContext &Ctx) : Info(Info), Ctx(Ctx) {}

  virtual void registerMatchers(clang::ast_matchers::MatchFinder &Finder) = 0;
  virtual void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) = 0;
  /// Called once after all matches, for rules that decide on whole-TU facts.
  virtual void onEndOfTranslationUnit() {}

  void run(const clang::ast_matchers::MatchFinder::MatchResult &Result) final;
  /// Hands the findings of the last check() or onEndOfTranslationUnit() on.
  void flush();
  llvm::StringRef getID() const final { return Info.Id; }
  const RuleInfo &info() const { return Info; }

protected:
  const ApiModel &api() const;
  std::string option(llvm::StringRef Name) const;
  bool boolOption(llvm::StringRef Name) const;
  int64_t intOption(llvm::StringRef Name) const;
  /// Records a finding with this rule's id; the caller may add notes and fixes
  /// to the returned object until check() returns.
  Finding &report(clang::SourceLocation Loc, llvm::StringRef Message);
  /// Records a finding prepared elsewhere (a shared analysis's wording),
  /// under this rule's id.
  Finding &report(Finding Prepared);

  RuleContext &context() const { return Ctx; }

private:
  const RuleInfo &Info;
  RuleContext &Ctx;
  std::vector<Finding> Pending;
};

/// The Create function of a rule's RuleInfo: `makeRule<InferLoadInLoop>`.
template <typename RuleClass> std::unique_ptr<Rule> makeRule(RuleContext &Ctx) {
  return std::make_unique<RuleClass>(Ctx);
}

} // namespace greenlint

#endif
