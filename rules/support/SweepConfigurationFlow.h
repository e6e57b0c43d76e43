//===- SweepConfigurationFlow.h - Does a loop value configure training? ---===//
//
// retrain-sweep-no-pruning asks of an integer counter, an index into a list
// of values, or a configuration struct whether its value ends up in what is
// trained: an optimizer's or a model's construction, a booster parameter
// other than a runtime setting, or such a use inside a helper of this file.
// Integer counters also count epochs, batches and folds, so the flow is
// followed only through value-preserving steps (arithmetic, formatting,
// locals, struct fields, list elements) and stops at anything that merely
// reads it (a comparison, a print, a setter). See
// docs/rules/retrain-sweep-no-pruning.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_RETRAIN_SWEEPCONFIGURATIONFLOW_H
#define GREENLINT_RULES_RETRAIN_SWEEPCONFIGURATIONFLOW_H

#include "RegexOption.h"
#include "llvm/ADT/DenseMap.h"
#include <string>

namespace clang {
class ASTContext;
class CallExpr;
class Expr;
class QualType;
class FunctionDecl;
class Stmt;
class ValueDecl;
} // namespace clang

namespace greenlint {

class ApiModel;

/// A struct of settings (numbers, enums, names), the element of a list of
/// configurations; lists of data, tensors or handles are not.
bool isSettingsStruct(clang::QualType T);

/// A booster-parameter call that names a runtime setting (a thread count,
/// a seed, a device), which changes how a run goes, not what it learns.
bool setsRuntimeOnly(const clang::CallExpr *BoosterParameter);

/// Whether Scope trains state made within it: a training run, or an update
/// inside a loop of Scope, on a booster, an optimizer or a trainer declared
/// in Scope (an optimizer over a model declared in Scope too); or a helper of
/// this file, up to Depth calls deep, that trains such a local or state it
/// makes itself. An optimizer rebuilt over a model that outlives Scope (a
/// learning-rate schedule, warm restarts) is not fresh state.
bool trainsFreshState(const clang::Stmt *Scope, const ApiModel &Api,
                      clang::ASTContext &Ctx, unsigned Depth);

class SweepConfigurationFlow {
public:
  struct Reach {
    bool Configures = false;
    /// The configuration was reached through a helper that also trains
    /// state it makes (trainsFreshState).
    bool HelperTrains = false;
    /// The list the value was read from (`Lrs` in `Lrs[I]`), if any.
    std::string ListName;
  };

  SweepConfigurationFlow(const ApiModel &Api, const RegexOption &IgnoreNames,
                         clang::ASTContext &Ctx, unsigned HelperDepth)
      : Api(Api), IgnoreNames(IgnoreNames), Ctx(Ctx), HelperDepth(HelperDepth) {
  }

  /// Where Value (a loop counter or loop variable) flows within Scope.
  Reach follow(const clang::ValueDecl *Value, const clang::Stmt *Scope) {
    return follow(Value, Scope, HelperDepth);
  }

private:
  Reach follow(const clang::ValueDecl *Value, const clang::Stmt *Scope,
               unsigned Depth);
  bool parameterConfigures(const clang::FunctionDecl *Def, unsigned Index,
                           unsigned Depth, bool &Trains);
  bool trains(const clang::FunctionDecl *Def);

  const ApiModel &Api;
  const RegexOption &IgnoreNames;
  clang::ASTContext &Ctx;
  unsigned HelperDepth;
  /// (function, parameter) -> configures; filled bottom-up, a recursive
  /// cycle reads false while its first visit is under way.
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>, bool>
      ParamMemo;
  llvm::DenseMap<const clang::FunctionDecl *, bool> TrainsMemo;
};

} // namespace greenlint

#endif
