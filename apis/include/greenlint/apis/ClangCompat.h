//===- ClangCompat.h - Clang API differences between supported majors -----===//
//
// greenlint builds against Clang 19 and Clang 22 (docs/compilers.md). Where
// an AST API greenlint uses changed between them, the one spelling the rest
// of the code calls lives here, so a new major adds its branch in one place.
// (Header moves in the plugin's and the CLI's own files are #if'd there.)
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_APIS_CLANGCOMPAT_H
#define GREENLINT_APIS_CLANGCOMPAT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/Basic/Version.h"

namespace greenlint {

/// The type a record declaration declares, as the type matchers compare it.
inline clang::QualType recordTypeOf(const clang::ASTContext &Ctx,
                                    const clang::RecordDecl *Record) {
#if CLANG_VERSION_MAJOR >= 22
  // Clang 22 reworked type sugar (no ElaboratedType; tag types carry their
  // qualifier) and dropped getRecordType(): the canonical tag type is the
  // record's type without sugar, which is what getRecordType() returned.
  return Ctx.getCanonicalTagType(Record);
#else
  return Ctx.getRecordType(Record);
#endif
}

/// Where a call starts, for every kind of call. Clang 22's inline
/// CallExpr::getBeginLoc() gives the operator's position for an overloaded
/// operator call reached through a CallExpr pointer (`Model(X)` starts at its
/// `(`, `A + B` at its `+`); Clang 19 and Stmt::getBeginLoc() dispatch to
/// CXXOperatorCallExpr and give the first operand's. Use this, not
/// Call->getBeginLoc(), where Call may be an operator call.
inline clang::SourceLocation beginLoc(const clang::CallExpr *Call) {
  return static_cast<const clang::Stmt *>(Call)->getBeginLoc();
}

} // namespace greenlint

#endif
