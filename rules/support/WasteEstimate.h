//===- WasteEstimate.h - A finding's waste, from the AST and estimates ----===//
//
// The one place where rules turn a finding into joules: what a load loads
// (the module's static estimate, or the size of a constant-path model file),
// what a forward call costs (the model's joules per call), and how many times
// the loop around it runs. The arithmetic and its data are in
// estimate/WasteModel.h and runtime/data/waste.yaml; the formulas per rule in
// docs/rules/<id>.md, "Waste estimate".
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_WASTEESTIMATE_H
#define GREENLINT_RULES_SUPPORT_WASTEESTIMATE_H

#include "greenlint/estimate/WasteModel.h"
#include <cstdint>
#include <optional>
#include <string>

namespace clang {
class ASTContext;
class Expr;
class Stmt;
} // namespace clang

namespace greenlint {

struct ApiEntry;
struct Finding;
class RuleContext;

struct LoopTripCount {
  std::optional<uint64_t> Trips;
  /// Why Trips is unset.
  std::string Unknown;
};

/// How many times \p Loop runs: a counting for-loop with constant bounds
/// (estimate/LoopTrips.h), or a range-for over an array of constant size
/// (a C array, std::array).
LoopTripCount loopTripCount(const clang::Stmt &Loop, clang::ASTContext &Ctx);

/// infer-load-in-loop: the energy of one reload of what \p Load loads, and
/// of the reloads beyond the first in \p Loop (null for a load once per
/// request).
estimate::FindingWaste reloadWasteOf(const clang::Expr &Load,
                                     const ApiEntry &Entry,
                                     const clang::Stmt *Loop,
                                     RuleContext &Context);

/// infer-no-grad-guard: autograd's overhead on the forward call \p Forward
/// (on a module whose static estimate has joules per call), and on every
/// iteration of the loop around it, if any.
estimate::FindingWaste autogradWasteOf(const clang::Expr &Forward,
                                       RuleContext &Context);

/// infer-loop-invariant-forward: one forward call of the module's static
/// estimate, repeated on every iteration of \p Loop beyond the first.
estimate::FindingWaste repeatedForwardWasteOf(const clang::Expr &Forward,
                                              const clang::Stmt &Loop,
                                              RuleContext &Context);

/// retrain-zero-grad-false: the gradients of the module \p ZeroGrad is
/// called on, zero-filled on every step of the loop around it beyond the
/// first (whose call may find no gradients yet).
estimate::FindingWaste zeroFillWasteOf(const clang::Expr &ZeroGrad,
                                       RuleContext &Context);

/// Puts \p W on \p F, and a note with it when the build names a target
/// profile (without one, joules are always unknown and the note would only
/// repeat that on every finding; facts, SARIF and JSON still carry why).
void attachWaste(Finding &F, estimate::FindingWaste W,
                 const RuleContext &Context);

} // namespace greenlint

#endif
