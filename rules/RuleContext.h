//===- RuleContext.h - What a rule may see of its surroundings ------------===//
#ifndef GREENLINT_RULES_RULECONTEXT_H
#define GREENLINT_RULES_RULECONTEXT_H

#include "Config.h"
#include "Rule.h"
#include "greenlint/estimate/ModelEstimate.h"
#include <functional>
#include <memory>

namespace clang {
class ASTContext;
} // namespace clang

namespace greenlint {
namespace data {
struct HardwareProfile;
} // namespace data

class ApiModel;
class FunctionSummaries;
class ProjectTable;

/// What the compiler was asked to do with this translation unit.
struct CompileFacts {
  unsigned OptimizationLevel = 0; ///< -O0 .. -O3 (-Os/-Oz count as 2)
  bool OptimizeForSize = false;
  std::string MainFile;
};

/// Shared by all rules of one translation unit.
class RuleContext {
public:
  using FindingSink = std::function<void(Finding &&)>;

  RuleContext(const Config &Cfg, const ApiModel &Api, FindingSink Sink);
  ~RuleContext();

  const Config &config() const { return Cfg; }
  const ApiModel &api() const { return Api; }
  clang::ASTContext *astContext() const { return AST; }
  const CompileFacts &compileFacts() const { return Compile; }
  void setCompileFacts(CompileFacts Facts) { Compile = std::move(Facts); }
  void setASTContext(clang::ASTContext *Ctx) { AST = Ctx; }
  /// Option value as configured, or the rule's declared default.
  std::string option(const RuleInfo &Info, llvm::StringRef Name) const;
  void emit(Finding &&F) { Sink(std::move(F)); }
  /// The TU's static model estimates, computed on first use and shared by
  /// the rules, the facts file and the estimate remarks.
  using EstimatesProvider =
      std::function<const std::vector<estimate::ModelEstimate> &()>;
  void setEstimatesProvider(EstimatesProvider P) { Estimates = std::move(P); }
  const std::vector<estimate::ModelEstimate> &modelEstimates() const;
  /// The hardware the build targets (profile: or -fplugin-arg-greenlint-
  /// profile=), which prices waste estimates; null when none is named.
  const data::HardwareProfile *targetProfile() const { return Target; }
  void setTargetProfile(const data::HardwareProfile *P) { Target = P; }
  /// Summaries of the TU's own functions (support/FunctionSummaries.h),
  /// computed on demand and shared by the rules; needs the AST context.
  FunctionSummaries &summaries();
  /// The summaries of the project's other units (`greenlint check`'s
  /// project view); set before the first summaries() call.
  void setProjectTable(const ProjectTable *T) { Project = T; }
  const ProjectTable *projectTable() const { return Project; }

private:
  const Config &Cfg;
  const ApiModel &Api;
  FindingSink Sink;
  clang::ASTContext *AST = nullptr;
  CompileFacts Compile;
  EstimatesProvider Estimates;
  const data::HardwareProfile *Target = nullptr;
  std::unique_ptr<FunctionSummaries> Summaries;
  const clang::ASTContext *SummariesOf = nullptr;
  const ProjectTable *Project = nullptr;
};

} // namespace greenlint

#endif
