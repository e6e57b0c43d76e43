//===- SourceArguments.h - The arguments that name what a call reads ------===//
//
// A load, a dataset read or a file check names its source (a path, a buffer)
// in some of its arguments; the API data lists them as `source_args`. Rules
// that ask "is the same thing read again?" pick those arguments here, so that
// every rule reads `source_args` the same way.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_SOURCEARGUMENTS_H
#define GREENLINT_RULES_SUPPORT_SOURCEARGUMENTS_H

#include "llvm/ADT/ArrayRef.h"
#include <optional>
#include <vector>

namespace clang {
class Expr;
} // namespace clang

namespace greenlint {

/// The arguments of \p Call (a call or a construction) that name its source,
/// given the entry's `source_args` indices \p SourceArgs:
/// - no indices: every argument of the call, in order (none for a call
///   without arguments);
/// - indices: the arguments at those indices, in the listed order; if the
///   call lacks any of them, it names no source (an empty session built as
///   `Ort::Session{nullptr}`, a moved-from handle) and the result is
///   std::nullopt, never a partial list;
/// - \p Call neither a call nor a construction: std::nullopt.
/// Default arguments count as arguments (they are part of the call).
std::optional<std::vector<const clang::Expr *>>
sourceArguments(const clang::Expr *Call, llvm::ArrayRef<unsigned> SourceArgs);

} // namespace greenlint

#endif
