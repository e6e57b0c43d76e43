//===- ParentStatements.h - Walking up from a statement -------------------===//
//
// Rules that start at a use and look at what encloses it (the call it is an
// argument of, the loop it sits in) walk the parent map one statement at a
// time; these are the two steps they take.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_PARENTSTATEMENTS_H
#define GREENLINT_RULES_SUPPORT_PARENTSTATEMENTS_H

namespace clang {
class ASTContext;
class Stmt;
} // namespace clang

#include <vector>

namespace clang {
class CompoundStmt;
} // namespace clang

namespace greenlint {

/// The statement directly above S, or null when S's parent is not a
/// statement (a declaration's initializer, the top of a body).
const clang::Stmt *parentStmt(const clang::Stmt *S, clang::ASTContext &Ctx);

/// As parentStmt, but an initializer of a local variable steps through the
/// VarDecl to its DeclStmt, so walks from `auto X = f(...)` reach the loop
/// around it. A parameter's default argument has no statement above it.
const clang::Stmt *parentThroughLocals(const clang::Stmt *S,
                                       clang::ASTContext &Ctx);

/// A loop, branch, lambda, try/catch or `&&`/`||`: what runs its inner
/// statements a different number of times than the statements around it.
bool isBranchOrScope(const clang::Stmt *S);

/// The innermost compound statement in both chains (the statements above
/// two nodes, innermost first) when neither node is under a branch or scope
/// below it: the block runs both in sequence, each once per run. Null
/// otherwise.
const clang::CompoundStmt *
sharedSequence(const std::vector<const clang::Stmt *> &ChainA,
               const std::vector<const clang::Stmt *> &ChainB);

} // namespace greenlint

#endif
