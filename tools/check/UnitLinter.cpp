//===- UnitLinter.cpp - Lints one translation unit ------------------------===//
#include "UnitLinter.h"
#include "CompileErrorCollector.h"
#include "Config.h"
#include "ForeignFlags.h"
#include "Paths.h"

#include "clang/Frontend/FrontendActions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

// Set by the build: Clang's built-in headers (stddef.h) of the Clang that
// greenlint links.
#ifndef GREENLINT_CLANG_RESOURCE_DIR
#define GREENLINT_CLANG_RESOURCE_DIR ""
#endif

namespace greenlint {

using namespace clang;

namespace {

/// An ASTFrontendAction: parse and lint, no code generation.
class LintAction : public ASTFrontendAction {
public:
  LintAction(const LintOptions &Opts, UnitResult &Result)
      : Opts(Opts), Result(Result) {}

  std::unique_ptr<ASTConsumer>
  CreateASTConsumer(CompilerInstance &CI, llvm::StringRef InFile) override {
    llvm::vfs::FileSystem &FS = CI.getFileManager().getVirtualFileSystem();
    std::string Directory = FS.getCurrentWorkingDirectory().get();
    LintOptions UnitOpts = Opts;
    // The engine would look for the config relative to the process's working
    // directory, which is not the compile command's.
    if (UnitOpts.ConfigPath.empty())
      UnitOpts.ConfigPath = findConfigFile(absolutePath(InFile, Directory));
    UnitDirectory = Directory;
    if (!UnitOpts.ConfigPath.empty())
      addConfigInputs(UnitOpts.ConfigPath);
    auto Consumer = std::make_unique<LintConsumer>(CI, std::move(UnitOpts));
    Consumer->OnFinding = [this, Directory](const ReportedFinding &F) {
      CheckedFinding C;
      C.Finding = F;
      C.Finding.File = absolutePath(F.File, Directory);
      for (auto &N : C.Finding.Notes)
        N.File = absolutePath(N.File, Directory);
      for (auto &R : C.Finding.Fixes)
        R.File = absolutePath(R.File, Directory);
      C.BuildDirectory = Directory;
      C.State =
          F.Suppressed ? FindingState::Suppressed : FindingState::Reported;
      Result.Findings.push_back(std::move(C));
    };
    Consumer->OnProjectFacts = [this](ProjectFacts &&Facts) {
      Result.Project = std::move(Facts);
    };
    return Consumer;
  }

  void EndSourceFileAction() override {
    SourceManager &SM = getCompilerInstance().getSourceManager();
    // The real path: a system header's name holds '..' after a symlinked
    // folder, which a textual clean-up of the name would resolve wrongly.
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      llvm::StringRef Real = It->first.getFileEntry().tryGetRealPathName();
      Result.Inputs.insert(
          Real.empty() ? absolutePath(It->first.getName(), UnitDirectory)
                       : Real.str());
    }
  }

private:
  /// The config file and the API files it names decide the findings as much
  /// as the headers do.
  void addConfigInputs(const std::string &ConfigPath) {
    Result.Inputs.insert(ConfigPath);
    Config Cfg;
    ConfigError Error;
    if (loadConfigFile(ConfigPath, Cfg, Error))
      for (std::string &Api : Cfg.apiFilePaths())
        Result.Inputs.insert(absolutePath(Api, UnitDirectory));
  }

  const LintOptions &Opts;
  UnitResult &Result;
  std::string UnitDirectory;
};

class LintActionFactory : public tooling::FrontendActionFactory {
public:
  LintActionFactory(const LintOptions &Opts, UnitResult &Result)
      : Opts(Opts), Result(Result) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<LintAction>(Opts, Result);
  }

private:
  const LintOptions &Opts;
  UnitResult &Result;
};

/// The plugin in a compile command would lint the file a second time (and
/// load a second copy of the engine): the tool is the linter here.
tooling::CommandLineArguments
stripGreenlintPlugin(const tooling::CommandLineArguments &Args,
                     llvm::StringRef) {
  tooling::CommandLineArguments Out;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef A = Args[I];
    if ((A.starts_with("-fplugin=") || A.starts_with("-fpass-plugin=")) &&
        A.contains("greenlint"))
      continue;
    if (A.starts_with("-fplugin-arg-greenlint-"))
      continue;
    Out.push_back(Args[I]);
  }
  return Out;
}

} // namespace

void reportDroppedFlags(const std::vector<UnitResult> &Results) {
  std::set<std::string> All;
  size_t Units = 0;
  for (const UnitResult &R : Results) {
    All.insert(R.DroppedFlags.begin(), R.DroppedFlags.end());
    Units += !R.DroppedFlags.empty();
  }
  if (All.empty())
    return;
  llvm::errs() << "greenlint check: ignored " << All.size()
               << (All.size() == 1 ? " flag" : " flags")
               << " that Clang does not know (the database was written for "
                  "another compiler), in "
               << Units << (Units == 1 ? " unit" : " units") << ":";
  for (const std::string &F : All)
    llvm::errs() << " " << F;
  llvm::errs() << "\n";
}

UnitResult lintUnit(const tooling::CompilationDatabase &DB,
                    const std::string &File, const LintOptions &Opts) {
  UnitResult Result;
  llvm::raw_string_ostream DiagOS(Result.Diagnostics);
  CompileErrorCollector Collector(DiagOS);
  // A file system of its own: the default one shares the process's working
  // directory, which ClangTool changes for every compile command.
  tooling::ClangTool Tool(DB, {File},
                          std::make_shared<PCHContainerOperations>(),
                          llvm::vfs::createPhysicalFileSystem());
  Tool.setDiagnosticConsumer(&Collector);
  Tool.setPrintErrorMessage(false);
  Tool.appendArgumentsAdjuster(stripGreenlintPlugin);
  Tool.appendArgumentsAdjuster(
      [&Result](const tooling::CommandLineArguments &Args, llvm::StringRef) {
        return dropUnknownDriverFlags(Args, Result.DroppedFlags);
      });
  // Without it, Clang looks for its built-in headers (stddef.h) next to the
  // greenlint executable.
  llvm::StringRef ResourceDir = GREENLINT_CLANG_RESOURCE_DIR;
  if (!ResourceDir.empty() && llvm::sys::fs::is_directory(ResourceDir))
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        ("-resource-dir=" + ResourceDir).str().c_str(),
        tooling::ArgumentInsertPosition::BEGIN));
  // A build that passes the plugin a config or rule globs meant them for
  // this file: honour them, unless check's own --config or --rules decide.
  LintOptions UnitOpts = Opts;
  std::vector<tooling::CompileCommand> Commands = DB.getCompileCommands(File);
  if (!Commands.empty() && Opts.ConfigPath.empty() && Opts.RuleGlobs.empty())
    for (llvm::StringRef A : Commands.front().CommandLine) {
      if (A.consume_front("-fplugin-arg-greenlint-config=") &&
          UnitOpts.ConfigPath.empty())
        UnitOpts.ConfigPath = absolutePath(A.str(), Commands.front().Directory);
      else if (A.consume_front("-fplugin-arg-greenlint-rules=") &&
               UnitOpts.RuleGlobs.empty())
        UnitOpts.RuleGlobs = A.str();
    }
  LintActionFactory Factory(UnitOpts, Result);
  Result.Failed = Tool.run(&Factory) != 0;
  Result.Errors = Collector.Errors;
  DiagOS.flush();
  return Result;
}

} // namespace greenlint
