//===- ConstantEvaluator.h - Integer values of constructor arguments ------===//
//
// Sizes reach layer constructors as literals, constants, arithmetic on them,
// or parameters of an enclosing module's constructor whose caller passed
// constants. Bindings carry those parameter values down one constructor at a
// time; anything else is unknown and stays so.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_CONSTANTEVALUATOR_H
#define GREENLINT_RULES_ESTIMATE_CONSTANTEVALUATOR_H

#include "llvm/ADT/DenseMap.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Decl;
class DeclRefExpr;
class Expr;
class ParmVarDecl;
class SourceManager;
class ValueDecl;
} // namespace clang

namespace greenlint {
namespace estimate {

/// Constructor parameters with the constant their caller passed (unset when
/// the caller's argument was not constant).
using Bindings =
    llvm::DenseMap<const clang::ParmVarDecl *, std::optional<int64_t>>;

/// Drops what never changes a value: parentheses, implicit conversions,
/// temporaries, cleanups and functional casts.
const clang::Expr *stripWrappers(const clang::Expr *E);

std::optional<int64_t> evaluateInt(const clang::Expr *E, const Bindings &B,
                                   clang::ASTContext &Ctx);

/// A list of sizes: "{3, 5}", a vector or an ExpandingArray built from one,
/// or a single integer repeated \p Repeat times (ExpandingArray<D>(k)).
std::optional<std::vector<int64_t>> evaluateIntList(const clang::Expr *E,
                                                    const Bindings &B,
                                                    clang::ASTContext &Ctx,
                                                    unsigned Repeat);

/// The declaration a name finally refers to, through const variables
/// initialised with another name (torch::kF64 = kFloat64 = at::kDouble =
/// ScalarType::Double). With \p SystemOnly, only constants declared in
/// system headers are followed: a user's own constant is a choice.
const clang::ValueDecl *followConstants(const clang::DeclRefExpr *Ref,
                                        bool SystemOnly,
                                        const clang::SourceManager &SM);

/// The string literals that make up a path argument: in the expression
/// itself ("a.gguf", (Dir + "/a.gguf").c_str()), or in the initialiser of
/// the const variable it names.
std::vector<std::string> constantStrings(const clang::Expr *E,
                                         clang::ASTContext &Ctx);

/// The per-sample input shape a declaration states with
/// [[clang::annotate("greenlint::input", C, H, W)]]; unset without one or
/// when an extent is not a positive constant.
std::optional<std::vector<int64_t>> declaredInputShape(const clang::Decl *D,
                                                       clang::ASTContext &Ctx);

} // namespace estimate
} // namespace greenlint

#endif
