//===- OptimizerParameters.h - What each optimizer updates ------*- C++ -*-===//
//
// A training loop changes only what its optimizers update. Rules that ask
// "does this loop change the model?" (a forward pass on fixed inputs is then
// invariant) or "does anything read these gradients?" read the optimizer's
// constructor: the parameters() of which modules, which plain tensors (the
// image in style transfer), and parameter vectors assembled beforehand
// (`Params.insert(Params.end(), Dec.begin(), Dec.end())`, a push_back loop
// over parameters()). Anything not understood makes the set unknown.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_OPTIMIZERPARAMETERS_H
#define GREENLINT_RULES_SUPPORT_OPTIMIZERPARAMETERS_H

#include "llvm/ADT/SmallPtrSet.h"

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace greenlint {

class ApiModel;

/// What one optimizer updates, as far as the code around it shows.
struct OptimizerParameterSet {
  /// False when something feeding the optimizer is not understood (a
  /// function parameter, a user function's result, a container filled in a
  /// way not followed): it may update any module.
  bool Known = false;
  /// Root variables of the modules whose parameters() feed it;
  /// `Model->Head->parameters()` counts as Model.
  llvm::SmallPtrSet<const clang::VarDecl *, 4> Modules;
  /// Tensors it updates that are no module's parameters.
  llvm::SmallPtrSet<const clang::VarDecl *, 4> Tensors;

  /// May stepping this optimizer change the module held by \p Module?
  bool mayUpdate(const clang::VarDecl *Module) const {
    return !Known || Modules.count(Module);
  }
  /// Known to update no module at all (only plain tensors).
  bool updatesNoModule() const { return Known && Modules.empty(); }
};

/// The parameter set of the optimizer variable \p Optimizer, a local of
/// \p Fn (parameter vectors it is built from are followed through Fn's
/// body). Unknown for function parameters, fields and globals.
OptimizerParameterSet optimizerParameters(const clang::VarDecl *Optimizer,
                                          const clang::FunctionDecl &Fn,
                                          const ApiModel &Api,
                                          clang::ASTContext &Ctx);

/// The set of the optimizer that \p Stepped (the object of a step() call,
/// or an argument passed as an optimizer) names, within \p Fn.
OptimizerParameterSet optimizerParametersOf(const clang::Expr *Stepped,
                                            const clang::FunctionDecl &Fn,
                                            const ApiModel &Api,
                                            clang::ASTContext &Ctx);

} // namespace greenlint

#endif
