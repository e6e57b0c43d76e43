//===- LintConsumer.cpp ---------------------------------------------------===//
#include "LintConsumer.h"
#include "CompileCost.h"
#include "Facts.h"
#include "FactsFolderProject.h"
#include "ObjectFacts.h"
#include "Registry.h"
#include "RuleContext.h"
#include "greenlint/estimate/Estimator.h"
#include "support/FunctionSummaries.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

LintConsumer::LintConsumer(CompilerInstance &CI, LintOptions Opts)
    : CI(CI), Opts(std::move(Opts)) {
  Usable = loadConfig();
  if (Usable)
    Emitter = std::make_unique<DiagnosticEmitter>(CI.getDiagnostics(),
                                                  CI.getSourceManager(), Cfg);
}

LintConsumer::~LintConsumer() = default;

bool LintConsumer::loadConfig() {
  DiagnosticsEngine &Diags = CI.getDiagnostics();
  const ApiModel &Builtin = ApiModel::builtin();
  if (!Builtin.builtinError().empty()) {
    DiagnosticEmitter::reportError(
        Diags, "greenlint: broken built-in API data (a packaging bug):\n" +
                   Builtin.builtinError());
    return false;
  }
  Api = &Builtin;

  std::string Path = Opts.ConfigPath;
  ConfigOrigin Origin = ConfigOrigin::PluginArgument;
  if (Path.empty()) {
    const auto &Inputs = CI.getFrontendOpts().Inputs;
    if (!Inputs.empty() && Inputs[0].isFile())
      Path = findConfigFile(Inputs[0].getFile());
    Origin = ConfigOrigin::Discovered;
  }
  if (!Path.empty()) {
    ConfigError Error;
    if (!loadConfigFile(Path, Cfg, Error, Origin)) {
      DiagnosticEmitter::reportError(Diags, Error.format());
      return false;
    }
  }
  if (!Opts.RuleGlobs.empty()) {
    Config Override;
    ConfigError Error;
    if (!parseConfig("rules: \"" + Opts.RuleGlobs + "\"",
                     "-fplugin-arg-greenlint-rules", Override, Error)) {
      // Lines and columns of the YAML wrapped around the value mean nothing
      // to the user who typed it.
      Error.Line = Error.Column = 0;
      DiagnosticEmitter::reportError(Diags, Error.format());
      return false;
    }
    Cfg.RuleGlobs.insert(Cfg.RuleGlobs.end(), Override.RuleGlobs.begin(),
                         Override.RuleGlobs.end());
  }
  if (!Cfg.ApiFiles.empty()) {
    ExtendedApi = std::make_unique<ApiModel>(Builtin);
    for (const std::string &Full : Cfg.apiFilePaths()) {
      std::string Error;
      if (!ExtendedApi->addFile(Full, Error)) {
        DiagnosticEmitter::reportError(Diags, Error);
        return false;
      }
    }
    Api = ExtendedApi.get();
  }
  return loadTargetProfile();
}

bool LintConsumer::inputIsSource() const {
  // A C++20 module interface is linted when it is precompiled (.cppm to
  // .pcm); compiling the .pcm to an object reads the same declarations back
  // and would report every finding a second time.
  const auto &Inputs = CI.getFrontendOpts().Inputs;
  return Inputs.empty() ||
         Inputs[0].getKind().getFormat() != InputKind::Precompiled;
}

bool LintConsumer::emitsCode() const {
  // Precompiling a module or header produces no code to instrument; the
  // regions belong to the compile of the .pcm that does.
  switch (CI.getFrontendOpts().ProgramAction) {
  case frontend::GenerateModule:
  case frontend::GenerateModuleInterface:
  case frontend::GenerateReducedModuleInterface:
  case frontend::GenerateHeaderUnit:
  case frontend::GeneratePCH:
    return false;
  default:
    return true;
  }
}

bool LintConsumer::loadTargetProfile() {
  // The plugin argument names the target for this compile; the config's
  // profile is the project's default.
  const std::string &Id = Opts.Profile.empty() ? Cfg.Profile : Opts.Profile;
  if (Id.empty())
    return true;
  data::HardwareProfile P;
  std::string Error;
  if (!data::loadProfile(Id, P, Error)) {
    // The loader's message, placed where the value came from.
    llvm::StringRef What(Error);
    What.consume_front("greenlint: ");
    std::string Where = Opts.Profile.empty()
                            ? Cfg.SourcePath + ":" +
                                  std::to_string(Cfg.ProfileLine) + ":" +
                                  std::to_string(Cfg.ProfileColumn)
                            : std::string("-fplugin-arg-greenlint-profile");
    DiagnosticEmitter::reportError(CI.getDiagnostics(),
                                   "greenlint: " + Where + ": " + What.str());
    return false;
  }
  Target = std::move(P);
  return true;
}

const std::vector<estimate::ModelEstimate> &
LintConsumer::estimates(ASTContext &Ctx) {
  if (!Estimates)
    Estimates = estimate::estimateModels(Ctx, UserDecls, *Api,
                                         Target ? &*Target : nullptr);
  return *Estimates;
}

void LintConsumer::printEstimates() {
  DiagnosticsEngine &Diags = CI.getDiagnostics();
  unsigned Id = Diags.getCustomDiagID(DiagnosticsEngine::Remark,
                                      "greenlint estimate: %0");
  if (!Estimates)
    return;
  for (const estimate::ModelEstimate &M : *Estimates)
    Diags.Report(M.Loc, Id) << M.summary();
}

bool LintConsumer::HandleTopLevelDecl(DeclGroupRef Group) {
  if (!Usable)
    return true;
  for (Decl *D : Group)
    if (Emitter->isUserLocation(D->getLocation()))
      UserDecls.push_back(D);
  return true;
}

void LintConsumer::runRules(ASTContext &Ctx) {
  RuleContext Context(Cfg, *Api,
                      [this](Finding &&F) { Emitter->emit(std::move(F)); });
  Context.setASTContext(&Ctx);
  Context.setProjectTable(Opts.Project);
  Context.setTargetProfile(Target ? &*Target : nullptr);
  Context.setEstimatesProvider(
      [this, &Ctx]() -> const std::vector<estimate::ModelEstimate> & {
        return estimates(Ctx);
      });
  const auto &Inputs = CI.getFrontendOpts().Inputs;
  Context.setCompileFacts(
      {CI.getCodeGenOpts().OptimizationLevel,
       CI.getCodeGenOpts().OptimizeSize != 0,
       Inputs.empty() ? std::string() : Inputs[0].getFile().str()});
  std::vector<std::unique_ptr<Rule>> Rules;
  if (inputIsSource())
    for (const RuleInfo *Info : allRules())
      if (Cfg.isEnabled(*Info))
        Rules.push_back(Info->Create(Context));

  llvm::StringMap<llvm::TimeRecord> Records;
  MatchFinder::MatchFinderOptions FinderOpts;
  if (Opts.TimeRules)
    FinderOpts.CheckProfiling.emplace(Records);
  MatchFinder Finder(std::move(FinderOpts));
  for (auto &R : Rules)
    R->registerMatchers(Finder);

  // Traverse only the user's declarations: walking all of LibTorch costs
  // about a fifth of the compile; restoring the scope keeps later consumers
  // (code generation) seeing the whole TU.
  std::vector<Decl *> PreviousScope = Ctx.getTraversalScope();
  Ctx.setTraversalScope(UserDecls);
  Finder.matchAST(Ctx);
  for (auto &R : Rules) {
    R->onEndOfTranslationUnit();
    R->flush();
  }
  // The facts file keeps them for the units compiled after this one.
  bool ForFactsFile = !Opts.FactsDir.empty();
  bool ForCheck = Opts.CollectProjectFacts && OnProjectFacts;
  if ((ForFactsFile || ForCheck) && inputIsSource()) {
    UnitProject = collectProjectFacts(Context.summaries(), *Api, Ctx);
    if (ForCheck)
      OnProjectFacts(ProjectFacts(*UnitProject));
  }
  // While the traversal is still scoped: the parent map of the whole TU
  // would cost as much as linting all of LibTorch.
  if (Opts.Instrument && emitsCode())
    Regions = planInstrumentation(Ctx, UserDecls, *Api);
  if (Opts.PrintEstimates || !Opts.FactsDir.empty())
    estimates(Ctx);
  Ctx.setTraversalScope(PreviousScope);

  for (const auto &Entry : Records)
    RuleSeconds[Entry.getKey()] += Entry.getValue().getProcessTime();
}

void LintConsumer::HandleTranslationUnit(ASTContext &Ctx) {
  if (!Usable || CI.getDiagnostics().hasFatalErrorOccurred())
    return;
  auto Start = std::chrono::steady_clock::now();
  Emitter->OnFinding = OnFinding;
  readFactsFolder();
  runRules(Ctx);
  if (inputIsSource())
    Emitter->reportSuppressionProblems();
  if (Opts.PrintEstimates)
    printEstimates();
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  if (Opts.TimeRules) {
    llvm::errs() << "greenlint: rule time for "
                 << CI.getFrontendOpts().Inputs[0].getFile() << " (total "
                 << llvm::format("%.4f", Seconds) << " s wall)\n";
    std::vector<std::pair<double, std::string>> Sorted;
    for (const auto &E : RuleSeconds)
      Sorted.emplace_back(E.getValue(), E.getKey().str());
    std::sort(Sorted.rbegin(), Sorted.rend());
    for (const auto &[Secs, Id] : Sorted)
      llvm::errs() << llvm::format("  %10.6f s  ", Secs) << Id << "\n";
  }
  if (!Opts.FactsDir.empty())
    writeFacts(Seconds);
}

void LintConsumer::readFactsFolder() {
  const auto &Inputs = CI.getFrontendOpts().Inputs;
  std::string Source = Inputs.empty() ? "" : Inputs[0].getFile().str();
  // `greenlint check` brings its own table; a precompiled input has no
  // rules to run.
  if (Opts.FactsDir.empty() || !Opts.ProjectViewFromFacts || Opts.Project ||
      !inputIsSource() || isBuildSystemProbe(Source))
    return;
  FolderTable = std::make_unique<ProjectTable>(ProjectSource::FactsFolder);
  FactsFolderRead Read = addFactsFolder(
      Opts.FactsDir, FactsFile::fileNameFor(Source), *FolderTable);
  Opts.Project = FolderTable.get();
  std::string Warning = skippedFactsWarning(Read);
  if (!Warning.empty() && !CI.getDiagnostics().getIgnoreAllWarnings())
    CI.getDiagnostics().Report(
        CI.getDiagnostics().getCustomDiagID(DiagnosticsEngine::Warning, "%0"))
        << Warning;
}

void LintConsumer::writeFacts(double Seconds) {
  FactsFile Facts;
  const auto &Inputs = CI.getFrontendOpts().Inputs;
  Facts.Source = Inputs.empty() ? "" : Inputs[0].getFile().str();
  // CMake's compiler checks compile through the project's flags too; they
  // are not the project's code and must not count in its build section.
  if (isBuildSystemProbe(Facts.Source))
    return;
  Facts.ConfigPath = Cfg.SourcePath;
  Facts.LintSeconds = Seconds;
  Facts.CommandLine = Opts.CommandLine;
  Facts.Findings = Emitter->findings();
  Facts.Regions = Regions;
  Facts.Project = UnitProject;
  if (Estimates)
    for (const estimate::ModelEstimate &M : *Estimates)
      Facts.Estimates.push_back(M.toJson());
  // Before code generation, which runs after this consumer: the object then
  // carries what a compile-cache hit would otherwise lose.
  if (Opts.FactsInObject && emitsCode())
    setObjectFacts(Facts);
  std::string Error;
  if (!Facts.write(Opts.FactsDir, Error))
    CI.getDiagnostics().Report(
        CI.getDiagnostics().getCustomDiagID(DiagnosticsEngine::Warning, "%0"))
        << Error;
  else
    rewriteFactsAtExit(Facts, Opts.FactsDir); // with the compile's cost
}

} // namespace greenlint
