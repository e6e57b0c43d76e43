//===- LoopTrips.h - How many times a counting loop runs --------*- C++ -*-===//
//
// Training rounds and epochs are counting for-loops with constant bounds; the
// booster estimate and the retrain- rules both need their length.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_ESTIMATE_LOOPTRIPS_H
#define GREENLINT_ESTIMATE_LOOPTRIPS_H

#include <cstdint>
#include <optional>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace greenlint {
namespace estimate {

/// The value of E if it is a constant expression (a literal, a const or
/// constexpr variable), or a local variable of Fn initialised from one and
/// never changed in Fn (`int Epochs = 50;`); nullopt otherwise.
std::optional<int64_t> constantValue(const clang::Expr *E,
                                     const clang::FunctionDecl *Fn,
                                     clang::ASTContext &Ctx);

/// The number of iterations of a counting for-loop whose bounds and step are
/// compile-time constants (or locals initialised from constants and never
/// changed in Fn); nullopt for every other loop.
std::optional<uint64_t> constantTripCount(const clang::Stmt *Loop,
                                          const clang::FunctionDecl *Fn,
                                          clang::ASTContext &Ctx);

} // namespace estimate
} // namespace greenlint

#endif
