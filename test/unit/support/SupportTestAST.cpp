//===- SupportTestAST.cpp -------------------------------------------------===//
#include "SupportTestAST.h"
#include "Registry.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint::test {

std::unique_ptr<ASTUnit> parse(llvm::StringRef Code) {
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(
      Code, {"-std=c++17", "-Wno-unused-value"}, "input.cc");
  EXPECT_TRUE(AST);
  if (AST)
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred()) << Code.str();
  return AST;
}

const CallExpr *callTo(ASTUnit &AST, llvm::StringRef Callee,
                       llvm::StringRef Function) {
  auto Call = callExpr(callee(functionDecl(hasName(Callee))));
  if (Function.empty())
    return first<CallExpr>(AST, findAll(Call.bind("n")));
  return first<CallExpr>(
      AST, findAll(functionDecl(isDefinition(), hasName(Function),
                                hasBody(forEachDescendant(Call.bind("n"))))));
}

const FunctionDecl *function(ASTUnit &AST, llvm::StringRef Name) {
  return first<FunctionDecl>(
      AST, findAll(functionDecl(isDefinition(), hasName(Name)).bind("n")));
}

const ApiModel &testApi() {
  static const ApiModel Model = [] {
    // The rules' own roles (training-update, ...) are valid in data files
    // once the registry is linked in, as it is in the plugin and the CLI.
    (void)allRules();
    ApiModel M;
    std::string Error;
    bool Ok = M.addYaml(R"(framework: fw
apis:
  - {role: grad-guard, type: "::fw::NoGrad"}
  - {role: grad-disable, function: "::fw::set_grad_enabled", active_arg: false}
  - {role: training-step, method: step, class: "::fw::Optimizer", unit: step}
  - {role: training-update, method: step, class: "::fw::Optimizer"}
  - {role: inference-call, method: forward, class: "::fw::Module", derived: true,
     unit: inference}
  - {role: model-load, function: "::fw::load", source_args: [1]}
  - {role: checkpoint-save, function: "::fw::save"}
)",
                        "fw.yaml", Error);
    EXPECT_TRUE(Ok) << Error;
    return M;
  }();
  return Model;
}

} // namespace greenlint::test
