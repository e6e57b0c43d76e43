//===- LoopInvariance.h - Is this call repeated with the same inputs? -----===//
//
// The "in a loop with loop-invariant arguments" test shared by every rule that
// flags repeated loading, inference or transfers. It errs towards "variant":
// anything it cannot prove the same on every iteration is treated as
// changing, so rules built on it stay quiet when unsure.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_LOOPINVARIANCE_H
#define GREENLINT_RULES_SUPPORT_LOOPINVARIANCE_H

namespace clang {
class ASTContext;
class Expr;
class Stmt;
} // namespace clang

namespace greenlint {

class ApiModel;

/// The innermost loop whose every iteration evaluates S (body, condition or
/// increment; not the init), within the same function. Lambdas and local
/// classes end the search: their bodies run when called, not per iteration.
const clang::Stmt *enclosingLoop(const clang::Stmt *S, clang::ASTContext &Ctx);

/// True if E provably has the same value on every iteration of Loop: built
/// from literals, variables declared outside the loop and not modified in
/// it, their members, const member calls, operators and (given the API data)
/// calls it names pure-call over such values.
bool isLoopInvariant(const clang::Expr *E, const clang::Stmt *Loop,
                     clang::ASTContext &Ctx, const ApiModel *Api = nullptr);

/// True if S lies inside a try block that is itself inside Loop: the shape
/// of a retry loop, which repeats only on failure.
bool isInRetryBlock(const clang::Stmt *S, const clang::Stmt *Loop,
                    clang::ASTContext &Ctx);

/// True if the loop body always leaves after its first pass (ends in an
/// unconditional break or return).
bool runsAtMostOnce(const clang::Stmt *Loop);

} // namespace greenlint

#endif
