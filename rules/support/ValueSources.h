//===- ValueSources.h - Where a value inside a function comes from --------===//
//
// Function summaries need to know which of a function's parameters (or its
// object) an expression inside it is computed from, and whether anything
// else, which may differ between calls, goes into it.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_VALUESOURCES_H
#define GREENLINT_RULES_SUPPORT_VALUESOURCES_H

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
} // namespace clang

namespace greenlint {

class ApiModel;

/// Where the value of an expression inside a function comes from: its
/// parameters (by index), its object (fields, `this`, a lambda's captures),
/// and Other for anything untraced (a call, a mutated local).
struct ValueSources {
  llvm::SmallVector<unsigned, 2> Params;
  bool Object = false;
  bool Other = false;

  void addParam(unsigned I) {
    if (!llvm::is_contained(Params, I))
      Params.push_back(I);
  }
  void add(const ValueSources &S) {
    for (unsigned I : S.Params)
      addParam(I);
    Object |= S.Object;
    Other |= S.Other;
  }
};

/// Traces expressions of one function F back to F's parameters: through
/// locals (to their initializer, unless F changes them), constructor field
/// initializers, operators, const member calls, constructions and calls the
/// API data names pure-call.
class SourceTracer {
public:
  SourceTracer(const clang::FunctionDecl &F, const ApiModel &Api,
               clang::ASTContext &Ctx);
  ~SourceTracer();
  ValueSources of(const clang::Expr *E);

private:
  class Impl;
  std::unique_ptr<Impl> P;
};

} // namespace greenlint

#endif
