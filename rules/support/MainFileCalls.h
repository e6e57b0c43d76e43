//===- MainFileCalls.h - Who calls whom in the main file ---------*- C++
//-*-===//
//
// Rules that judge a function by its callers (a save made by the caller of
// a training function, the loader a caller passes) share one index of the
// calls that the main file's function bodies make, template instantiations
// included, built once per translation unit on first use.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_MAINFILECALLS_H
#define GREENLINT_RULES_SUPPORT_MAINFILECALLS_H

#include "llvm/ADT/DenseMap.h"
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace greenlint {

class MainFileCalls {
public:
  /// A call and the function whose body makes it.
  using Site = std::pair<const clang::CallExpr *, const clang::FunctionDecl *>;

  explicit MainFileCalls(clang::ASTContext &Ctx) : Ctx(Ctx) {}

  /// The calls of \p Callee. A call of one instantiation of a template is
  /// listed under that instantiation and under the template's pattern.
  const std::vector<Site> &of(const clang::FunctionDecl *Callee);

private:
  clang::ASTContext &Ctx;
  bool Built = false;
  llvm::DenseMap<const clang::FunctionDecl *, std::vector<Site>> Calls;
};

} // namespace greenlint

#endif
