//===- SupportTestAST.h - Small ASTs for the rules/support tests ----------===//
//
// Each test parses a few lines of C++ that declare the framework API they
// need themselves, and finds the nodes to ask about by name.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TEST_UNIT_SUPPORT_SUPPORTTESTAST_H
#define GREENLINT_TEST_UNIT_SUPPORT_SUPPORTTESTAST_H

#include "greenlint/apis/ApiModel.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "llvm/ADT/StringRef.h"
#include <memory>

namespace greenlint::test {

/// Parses \p Code as C++17; fails the test (and returns null) on errors.
std::unique_ptr<clang::ASTUnit> parse(llvm::StringRef Code);

/// The first node \p M binds to "n" in \p AST, or null.
template <typename NodeT, typename MatcherT>
const NodeT *first(clang::ASTUnit &AST, const MatcherT &M) {
  return clang::ast_matchers::selectFirst<NodeT>(
      "n", clang::ast_matchers::match(M, AST.getASTContext()));
}

/// The call to the function or method named \p Callee, the first one in
/// \p Function when given.
const clang::CallExpr *callTo(clang::ASTUnit &AST, llvm::StringRef Callee,
                              llvm::StringRef Function = "");

/// The definition of the function named \p Name.
const clang::FunctionDecl *function(clang::ASTUnit &AST, llvm::StringRef Name);

/// A tiny framework `fw` described the way rules/apis/*.yaml describe real
/// ones; the code strings declare what they use of it.
const ApiModel &testApi();

} // namespace greenlint::test

#endif
