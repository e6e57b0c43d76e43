//===- Action.cpp - The greenlint Clang plugin ----------------------------===//
//
// Registered as "greenlint" (no '-': the driver splits plugin names at it).
// Runs before the main action, so `-c` still produces the object file and
// linting never changes code generation.
//
//===----------------------------------------------------------------------===//
#include "Arguments.h"
#include "Diagnostics.h"
#include "LintConsumer.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang;

namespace greenlint {
namespace {

class GreenLintAction : public PluginASTAction {
public:
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    std::string Error;
    if (!parsePluginArguments(Args, Parsed, Error)) {
      DiagnosticEmitter::reportError(CI.getDiagnostics(), Error);
      return false;
    }
    if (Parsed.ListRules)
      printRuleList(llvm::outs());
    if (Parsed.Instrument) {
      unsigned ID = CI.getDiagnostics().getCustomDiagID(
          DiagnosticsEngine::Warning, "%0");
      CI.getDiagnostics().Report(ID)
          << "greenlint: instrument=on is not available in this version; "
             "linting only, no region calls are inserted";
    }
    Parsed.Lint.CommandLine = Args;
    return true;
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    return std::make_unique<LintConsumer>(CI, Parsed.Lint);
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  PluginArguments Parsed;
};

} // namespace
} // namespace greenlint

static FrontendPluginRegistry::Add<greenlint::GreenLintAction>
    Registration("greenlint", "greenlint: energy waste lint for C++ ML code");
