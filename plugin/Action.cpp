//===- Action.cpp - The greenlint Clang plugin ----------------------------===//
//
// Registered as "greenlint" (no '-': the driver splits plugin names at it).
// Runs before the main action, so `-c` still produces the object file and
// linting never changes code generation.
//
//===----------------------------------------------------------------------===//
#include "Arguments.h"
#include "CompileCost.h"
#include "Diagnostics.h"
#include "Instrument.h"
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
    beginTranslationUnitCost();
    std::string Error;
    if (!parsePluginArguments(Args, Parsed, Error)) {
      DiagnosticEmitter::reportError(CI.getDiagnostics(), Error);
      return false;
    }
    if (Parsed.ListRules)
      printRuleList(llvm::outs());
    Parsed.Lint.CommandLine = Args;
    return true;
  }

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef) override {
    if (Parsed.Instrument) {
      // Only with instrument=on: a lint-only build keeps the exact code
      // generation of a build without the plugin.
      CodeGenOptions &CG = CI.getCodeGenOpts();
      CG.PassBuilderCallbacks.push_back(registerInstrumentation);
      // Unit counts find their call sites by source position; location
      // tracking adds positions to the IR without emitting debug info.
      if (CG.getDebugInfo() == llvm::codegenoptions::NoDebugInfo) {
        CG.setDebugInfo(llvm::codegenoptions::LocTrackingOnly);
        CG.DebugColumnInfo = true;
      }
      Parsed.Lint.Instrument = true;
    }
    return std::make_unique<LintConsumer>(CI, Parsed.Lint);
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  PluginArguments Parsed;
};

} // namespace
} // namespace greenlint

// Runs when the compiler loads greenlint.so, before it parses: the compile
// cost in the facts files is measured from here.
static const bool CompileClockStarted = (greenlint::startCompileClock(), true);

static FrontendPluginRegistry::Add<greenlint::GreenLintAction>
    Registration("greenlint", "greenlint: energy waste lint for C++ ML code");
