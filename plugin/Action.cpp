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
#include "ObjectFacts.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Config/llvm-config.h"
#if LLVM_VERSION_MAJOR >= 22
// LLVM 22 moved the pass-plugin interface into its own llvm/Plugins library.
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif
#include "llvm/Support/raw_ostream.h"
#include <dlfcn.h>
#include <string>

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
    if (Parsed.Lint.FactsInObject)
      CI.getCodeGenOpts().PassBuilderCallbacks.push_back(registerObjectFacts);
    return std::make_unique<LintConsumer>(CI, Parsed.Lint);
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  PluginArguments Parsed;
};

} // namespace
} // namespace greenlint

namespace greenlint {
namespace {

const char PluginDescription[] = "greenlint: energy waste lint for C++ ML code";

/// The file of the shared object that holds Address ("" if unknown).
std::string sharedObjectOf(const void *Address) {
  Dl_info Info;
  if (dladdr(Address, &Info) != 0 && Info.dli_fname)
    return Info.dli_fname;
  return "";
}

/// Where the greenlint that runs and the ignored one were loaded from.
std::string &firstLoadPath() {
  static std::string Path;
  return Path;
}

/// Registered instead of GreenLintAction by a second greenlint.so in the
/// same compiler (-fplugin given twice: a copy or another version; the same
/// file or a symlink to it is loaded once by the dynamic loader). Two engines
/// would report every finding twice; this one only says it was ignored.
class SecondLoadNote : public PluginASTAction {
public:
  bool ParseArgs(const CompilerInstance &CI,
                 const std::vector<std::string> &) override {
    DiagnosticsEngine &Diags = CI.getDiagnostics();
    std::string Second = sharedObjectOf(PluginDescription);
    unsigned Id = Diags.getCustomDiagID(
        DiagnosticsEngine::Remark,
        "greenlint: the greenlint plugin is loaded more than once (%0 "
        "first, then %1); only the first runs: pass -fplugin=greenlint.so "
        "once");
    Diags.Report(Id) << firstLoadPath() << Second;
    return false; // nothing to run
  }
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &,
                                                 llvm::StringRef) override {
    return std::make_unique<ASTConsumer>();
  }
  ActionType getActionType() override { return AddBeforeMainAction; }
};

/// Runs when the compiler loads greenlint.so, before it parses. The first
/// copy registers the plugin and starts the compile clock of the facts files;
/// each further copy registers only its note.
bool registerOnce() {
  for (const FrontendPluginRegistry::entry &Entry :
       FrontendPluginRegistry::entries()) {
    if (Entry.getName() != "greenlint")
      continue;
    // The description lives in the first copy's read-only data.
    firstLoadPath() = sharedObjectOf(Entry.getDesc().data());
    // Registry nodes stay linked for the process's life: never freed.
    new FrontendPluginRegistry::Add<SecondLoadNote>(
        "greenlint-second-load", "greenlint: notes an ignored second load");
    return false;
  }
  startCompileClock();
  new FrontendPluginRegistry::Add<GreenLintAction>("greenlint",
                                                   PluginDescription);
  return true;
}

} // namespace
} // namespace greenlint

static const bool Registered = greenlint::registerOnce();

// The standard pass-plugin entry point, for builds that also (or only) pass
// -fpass-plugin=greenlint.so. Without the frontend part the plan is empty
// and the pass does nothing.
extern "C" LLVM_ATTRIBUTE_WEAK
    LLVM_ATTRIBUTE_VISIBILITY_DEFAULT ::llvm::PassPluginLibraryInfo
    llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "greenlint", "0.1",
          greenlint::registerInstrumentation};
}
