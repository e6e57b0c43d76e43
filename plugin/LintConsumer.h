//===- LintConsumer.h - Runs the enabled rules over the user's code -------===//
//
// The engine shared by the compiler plugin and `greenlint check`: loads the
// config and API data, collects the top-level declarations of user files,
// scopes the AST traversal to them (so LibTorch's headers are never walked)
// and runs every enabled rule's matchers in one MatchFinder pass.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_PLUGIN_LINTCONSUMER_H
#define GREENLINT_PLUGIN_LINTCONSUMER_H

#include "Config.h"
#include "Diagnostics.h"
#include "Instrument.h"
#include "greenlint/apis/ApiModel.h"
#include "greenlint/data/Profile.h"
#include "greenlint/estimate/ModelEstimate.h"
#include "support/ProjectTable.h"
#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include <memory>

namespace greenlint {

struct LintOptions {
  std::string ConfigPath;      ///< explicit config; else the nearest one
  std::string FactsDir;        ///< write facts/<tu>.json here when set
  bool FactsInObject = false;  ///< also put the facts in the object file
  std::string RuleGlobs;       ///< extra rule globs applied after the config
  bool TimeRules = false;      ///< print per-rule matcher time to stderr
  bool Instrument = false;     ///< plan region calls for the hot paths
  bool PrintEstimates = false; ///< a remark with each model's estimate
  std::string Profile;         ///< hardware profile id for estimates
  std::vector<std::string> CommandLine; ///< for the facts file
  /// `greenlint check`'s project view: the other units' summaries (null:
  /// this unit alone), and whether to collect this unit's (OnProjectFacts).
  const ProjectTable *Project = nullptr;
  bool CollectProjectFacts = false;
  /// The plugin's project view: with FactsDir, read the project facts of
  /// the units already there (FactsFolderProject.h). project-view=off.
  bool ProjectViewFromFacts = true;
};

class LintConsumer : public clang::ASTConsumer {
public:
  LintConsumer(clang::CompilerInstance &CI, LintOptions Opts);
  ~LintConsumer() override;

  bool HandleTopLevelDecl(clang::DeclGroupRef Group) override;
  void HandleTranslationUnit(clang::ASTContext &Ctx) override;

  /// Called for every finding, suppressed ones included (they carry a flag).
  std::function<void(const ReportedFinding &)> OnFinding;
  /// Called once after the rules ran, when CollectProjectFacts is set.
  std::function<void(ProjectFacts &&)> OnProjectFacts;

private:
  bool loadConfig();
  void runRules(clang::ASTContext &Ctx);
  void writeFacts(double Seconds);
  /// The project view from the facts folder, when it is read.
  void readFactsFolder();
  bool loadTargetProfile();
  /// False when the input is a precompiled module or header.
  bool inputIsSource() const;
  /// False when the compile only precompiles (a .pcm, a PCH).
  bool emitsCode() const;
  const std::vector<estimate::ModelEstimate> &estimates(clang::ASTContext &Ctx);
  void printEstimates();

  clang::CompilerInstance &CI;
  LintOptions Opts;
  Config Cfg;
  std::unique_ptr<ApiModel> ExtendedApi; ///< built-in + config's api_files
  const ApiModel *Api = nullptr;
  bool Usable = false;
  std::unique_ptr<DiagnosticEmitter> Emitter;
  std::vector<clang::Decl *> UserDecls;
  llvm::StringMap<double> RuleSeconds;
  std::vector<PlannedRegion> Regions;
  /// The hardware the estimates' joules are for, when one is named.
  std::optional<data::HardwareProfile> Target;
  std::optional<std::vector<estimate::ModelEstimate>> Estimates;
  /// The facts folder's table (LintOptions.Project points to it).
  std::unique_ptr<ProjectTable> FolderTable;
  /// This unit's project facts, for its facts file and OnProjectFacts.
  std::optional<ProjectFacts> UnitProject;
};

} // namespace greenlint

#endif
