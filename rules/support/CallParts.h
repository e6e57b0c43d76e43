//===- CallParts.h - The object a call runs on, and its root variable -----===//
//
// Rules that follow a model or an optimizer from a call back to the variable
// that holds it share these, so that `Model->forward(X)`, `(*Net).forward(X)`
// and `Net->Sub->forward(X)` are read the same way everywhere.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_CALLPARTS_H
#define GREENLINT_RULES_SUPPORT_CALLPARTS_H

#include "clang/AST/Expr.h"

namespace greenlint {

/// The object a member call (or member operator call such as
/// `Model->operator()`) runs on; null for free functions.
const clang::Expr *calleeObject(const clang::CallExpr *Call);

/// Whether objectRoot looks through a by-value copy or move of the object
/// (a module handle passed by value shares its parameters with the original).
enum class ThroughCopies { No, Yes };

/// The variable at the root of `Model->Sub`, `(*Net)`, `Model.Sub`: through
/// `->` and `*` operators, field accesses and dereferences, and (when asked)
/// copies and temporaries. Null when the root is not a variable. \p Ref, if
/// given, receives the reference to the root that was found.
const clang::VarDecl *objectRoot(const clang::Expr *E,
                                 ThroughCopies Copies = ThroughCopies::No,
                                 const clang::DeclRefExpr **Ref = nullptr);

} // namespace greenlint

#endif
