//===- TrainingLoop.h - Training loops, their length and their saves ------===//
//
// Shared by the retrain- rules: which calls update parameters, how many times
// a loop around them runs when the count is a constant, and whether a
// function (or something it calls) persists the training state.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_TRAININGLOOP_H
#define GREENLINT_RULES_SUPPORT_TRAININGLOOP_H

#include "greenlint/apis/ApiRoles.h"
#include "greenlint/estimate/LoopTrips.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace llvm {
class Regex;
} // namespace llvm

namespace greenlint {

class ApiModel;

/// Loop trip counts are constant evaluation, which the estimator owns.
using estimate::constantTripCount;

/// The loops that repeat S within its function, innermost first.
std::vector<const clang::Stmt *> enclosingLoops(const clang::Stmt *S,
                                                clang::ASTContext &Ctx);

/// True if Scope contains a call with Role, or a call to a function whose
/// name matches NameRegex (when given), or a call to a function defined in
/// this translation unit for which the same holds, up to Depth calls deep.
bool reachesCall(const clang::Stmt *Scope, llvm::StringRef Role,
                 const llvm::Regex *NameRegex, const ApiModel &Api,
                 clang::ASTContext &Ctx, unsigned Depth);

/// The first call with Role in Scope or in functions it calls that are
/// defined in this translation unit, up to Depth calls deep.
const clang::Expr *findReachableCall(const clang::Stmt *Scope,
                                     llvm::StringRef Role, const ApiModel &Api,
                                     clang::ASTContext &Ctx, unsigned Depth);

/// The function whose body a template instantiation was made from, or FD.
const clang::FunctionDecl *patternOf(const clang::FunctionDecl *FD);

} // namespace greenlint

#endif
