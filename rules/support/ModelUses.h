//===- ModelUses.h - What code does with a model variable -------*- C++ -*-===//
//
// A model passed by non-const reference to a helper is unchanged by the
// call when the helper only runs it (forward, eval) or reads it through
// const accessors; a loop that calls such a helper runs the same model on
// every iteration. The helper may be in another unit: its answer then
// comes from the project's table (ProjectTable.h).
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_MODELUSES_H
#define GREENLINT_RULES_SUPPORT_MODELUSES_H

#include "llvm/ADT/SmallPtrSet.h"
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class DeclRefExpr;
class FunctionDecl;
class Stmt;
class VarDecl;
} // namespace clang

namespace greenlint {

class ApiModel;
class ProjectTable;

/// Every reference to VD inside Scope.
std::vector<const clang::DeclRefExpr *> refsTo(const clang::VarDecl *VD,
                                               const clang::Stmt &Scope,
                                               clang::ASTContext &Ctx);

/// `X.sizes()`, `X.dim()`: Ref is the object of a const accessor that hands
/// out neither a pointer nor a writable reference.
bool isReadOnlyUse(const clang::DeclRefExpr *Ref, clang::ASTContext &Ctx);

/// The references to VD in Scope that only run it: the object of an
/// inference or eval-mode call (through `->`, `*` and fields).
llvm::SmallPtrSet<const clang::DeclRefExpr *, 8>
runningRefs(const clang::VarDecl *VD, const clang::Stmt &Scope,
            const ApiModel &Api, clang::ASTContext &Ctx);

/// The call Ref is a plain argument of, and the argument's index.
std::pair<const clang::CallExpr *, unsigned>
argumentOf(const clang::DeclRefExpr *Ref, clang::ASTContext &Ctx);

/// Parameter Arg of FD (a definition) is only run or read, here or by the
/// helpers FD hands it to.
bool parameterOnlyRun(const clang::FunctionDecl &FD, unsigned Arg,
                      const ApiModel &Api, clang::ASTContext &Ctx,
                      const ProjectTable *Project, unsigned Depth = 0);

/// The helper Call calls only runs or reads its argument Arg; a helper
/// without a body here is asked of \p Project.
bool helperOnlyRuns(const clang::CallExpr *Call, unsigned Arg,
                    const ApiModel &Api, clang::ASTContext &Ctx,
                    const ProjectTable *Project, unsigned Depth = 0);

} // namespace greenlint

#endif
