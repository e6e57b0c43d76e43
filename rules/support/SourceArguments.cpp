//===- SourceArguments.cpp ------------------------------------------------===//
#include "SourceArguments.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace greenlint {

std::optional<std::vector<const Expr *>>
sourceArguments(const Expr *Call, llvm::ArrayRef<unsigned> SourceArgs) {
  std::vector<const Expr *> All;
  if (const auto *C = dyn_cast_or_null<CallExpr>(Call))
    All.assign(C->arg_begin(), C->arg_end());
  else if (const auto *C = dyn_cast_or_null<CXXConstructExpr>(Call))
    All.assign(C->arg_begin(), C->arg_end());
  else
    return std::nullopt;
  if (SourceArgs.empty())
    return All;
  std::vector<const Expr *> Picked;
  Picked.reserve(SourceArgs.size());
  for (unsigned I : SourceArgs) {
    if (I >= All.size())
      return std::nullopt;
    Picked.push_back(All[I]);
  }
  return Picked;
}

} // namespace greenlint
