//===- Check.cpp - greenlint check: lint a project from its compile database
//==//
//
// Runs the plugin's engine (LintConsumer) over the translation units of a
// compile_commands.json with libTooling, in parallel, and reports the merged
// findings as text, JSON or SARIF, optionally filtered to changed lines or
// against a baseline. Each translation unit gets its own ClangTool and its own
// file system object, so worker threads never share a working directory.
// See docs/check.md.
//
//===----------------------------------------------------------------------===//
#include "Baseline.h"
#include "ChangedLines.h"
#include "CheckedFinding.h"
#include "CompileDatabaseCheck.h"
#include "Config.h"
#include "ExportFixes.h"
#include "ForeignFlags.h"
#include "LintConsumer.h"
#include "OutputEscaping.h"
#include "Registry.h"
#include "Sarif.h"
#include "SourceFiles.h"
#include "Subcommands.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

using namespace clang;

#ifndef GREENLINT_VERSION
#define GREENLINT_VERSION "0.0.0"
#endif
#ifndef GREENLINT_CLANG_RESOURCE_DIR
#define GREENLINT_CLANG_RESOURCE_DIR ""
#endif
#ifndef GREENLINT_DOCS_URL
#define GREENLINT_DOCS_URL                                                     \
  "https://github.com/greenlint/greenlint/blob/main/docs/"
#endif

namespace greenlint {

namespace {

enum class OutputFormat { Text, Json, Sarif };

struct CheckOptions {
  std::string BuildDir;
  std::vector<std::string> Files;
  std::string ConfigPath;
  std::string RuleGlobs;
  OutputFormat Format = OutputFormat::Text;
  std::string OutputPath;
  std::string ExportFixesPath;
  std::string DiffBase;
  /// --diff-base was given, even with an empty value (an error, not "off").
  bool DiffBaseGiven = false;
  std::string BaselinePath;
  std::string WriteBaselinePath;
  std::string SourceRoot;
  /// --docs-url, else $GREENLINT_DOCS_URL, else the build's default.
  std::string DocsUrl;
  unsigned Jobs = 0;
  bool Quiet = false;
};

const char *const Usage =
    "usage: greenlint check -p BUILD_DIR [options] [files...]\n"
    "Lints every translation unit of BUILD_DIR/compile_commands.json (or the\n"
    "given files) with the rules, data files and .greenlint.yaml of the "
    "plugin.\n"
    "options:\n"
    "  -p DIR                 build folder with compile_commands.json\n"
    "  -j N                   translation units in parallel (default: all "
    "hardware threads)\n"
    "  --config FILE          use this config instead of the nearest "
    ".greenlint.yaml\n"
    "  --rules GLOBS          extra rule globs, e.g. '-*,infer-*'\n"
    "  --format text|json|sarif\n"
    "  -o FILE                write the report here instead of stdout\n"
    "  --export-fixes FILE    clang-tidy YAML for clang-apply-replacements\n"
    "  --diff-base REV        only findings on lines changed since REV (git)\n"
    "  --baseline FILE        hide the findings recorded in FILE\n"
    "  --write-baseline FILE  record the current findings in FILE; exit 0\n"
    "  --source-root DIR      paths in reports and baselines are relative to "
    "this\n"
    "                         (default: the git work tree holding BUILD_DIR, "
    "else its parent)\n"
    "  --docs-url URL         base of the rule docs in SARIF help links\n"
    "  --quiet                no progress and no summary line\n"
    "exit: 0 no findings, 1 findings, 2 bad usage, unreadable input or "
    "compile errors\n";

int usageError(const llvm::Twine &Message) {
  llvm::errs() << "greenlint check: " << terminalText(Message.str())
               << "; try greenlint check --help\n";
  return 2;
}

/// The docs base of SARIF help links: an http(s) URL ending in '/'. A
/// code-scanning service shows the link to people on other machines, so a
/// local path would only ever point at nothing.
bool resolveDocsUrl(std::string &DocsUrl) {
  const char *Option = "--docs-url";
  if (DocsUrl.empty()) {
    Option = "GREENLINT_DOCS_URL";
    if (std::optional<std::string> Env =
            llvm::sys::Process::GetEnv("GREENLINT_DOCS_URL");
        Env && !Env->empty())
      DocsUrl = *Env;
    else
      DocsUrl = GREENLINT_DOCS_URL;
  }
  llvm::StringRef Url = DocsUrl;
  if (!Url.starts_with("https://") && !Url.starts_with("http://")) {
    usageError(llvm::Twine(Option) + " is '" + DocsUrl +
               "', not an http(s) URL; SARIF viewers open help links on "
               "other machines, so give the published docs folder, e.g. " +
               "https://github.com/greenlint/greenlint/blob/main/docs/");
    return false;
  }
  if (!Url.ends_with("/"))
    DocsUrl += '/';
  return true;
}

/// Parses the arguments; returns -1 to go on, else the exit code.
int parseArguments(int Argc, const char **Argv, CheckOptions &Opts) {
  for (int I = 0; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    std::string Missing;
    auto Value = [&](llvm::StringRef Name, std::string &Out) {
      if (Arg == Name) {
        if (I + 1 >= Argc)
          Missing = Name.str();
        else
          Out = Argv[++I];
        return true;
      }
      if (Arg.starts_with(Name) && Arg.size() > Name.size() &&
          (Arg[Name.size()] == '=' || Name.size() == 2)) {
        Out = Arg.substr(Name.size() + (Arg[Name.size()] == '=')).str();
        return true;
      }
      return false;
    };
    std::string V;
    if (Arg == "--diff-base" || Arg.starts_with("--diff-base="))
      Opts.DiffBaseGiven = true;
    if (Arg == "-h" || Arg == "--help") {
      llvm::outs() << Usage;
      return 0;
    }
    if (Arg == "--quiet" || Arg == "-q") {
      Opts.Quiet = true;
    } else if (Value("-p", Opts.BuildDir) ||
               Value("--config", Opts.ConfigPath) ||
               Value("--rules", Opts.RuleGlobs) ||
               Value("-o", Opts.OutputPath) ||
               Value("--export-fixes", Opts.ExportFixesPath) ||
               Value("--diff-base", Opts.DiffBase) ||
               Value("--baseline", Opts.BaselinePath) ||
               Value("--write-baseline", Opts.WriteBaselinePath) ||
               Value("--source-root", Opts.SourceRoot) ||
               Value("--docs-url", Opts.DocsUrl)) {
    } else if (Value("-j", V)) {
      if (llvm::StringRef(V).getAsInteger(10, Opts.Jobs) || Opts.Jobs == 0)
        return usageError("'-j' needs a positive number, not '" + V + "'");
    } else if (Value("--format", V)) {
      if (V == "text")
        Opts.Format = OutputFormat::Text;
      else if (V == "json")
        Opts.Format = OutputFormat::Json;
      else if (V == "sarif")
        Opts.Format = OutputFormat::Sarif;
      else
        return usageError("unknown format '" + V +
                          "'; use text, json or sarif");
    } else if (Arg.starts_with("-") && Arg != "-") {
      return usageError("unknown option '" + Arg + "'");
    } else {
      Opts.Files.push_back(Arg.str());
    }
    if (!Missing.empty())
      return usageError("'" + Missing + "' needs a value");
  }
  if (Opts.BuildDir.empty())
    return usageError("no build folder; pass -p BUILD_DIR (the folder with "
                      "compile_commands.json)");
  if (Opts.Jobs == 0)
    Opts.Jobs = std::max(1u, std::thread::hardware_concurrency());
  return resolveDocsUrl(Opts.DocsUrl) ? -1 : 2;
}

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base = "") {
  llvm::SmallString<256> Abs(Path);
  if (!llvm::sys::path::is_absolute(Abs)) {
    if (Base.empty()) {
      llvm::sys::fs::make_absolute(Abs);
    } else {
      Abs = Base;
      llvm::sys::path::append(Abs, Path);
    }
  }
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

/// The default root for relative paths: the git work tree holding the build
/// folder (what code-scanning services resolve URIs against), else the build
/// folder's parent.
std::string defaultSourceRoot(llvm::StringRef BuildDir) {
  llvm::StringRef Dir = BuildDir;
  while (!Dir.empty()) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return Dir.str();
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return llvm::sys::path::parent_path(BuildDir).str();
}

std::string relativeTo(llvm::StringRef Path, llvm::StringRef Root) {
  llvm::StringRef Rest = Path;
  if (!Root.empty() && Rest.consume_front(Root) &&
      (Root.ends_with("/") || Rest.consume_front("/")))
    return Rest.str();
  return Path.str();
}

/// Keeps compile errors (the lint result is incomplete without a parse) and
/// greenlint's own errors and NOLINT warnings; drops Clang's warnings and the
/// findings, which OnFinding already has. Counts are kept here, not in the
/// base class, so Clang prints no "N errors generated" line of its own.
class CompileErrorCollector : public TextDiagnosticPrinter {
public:
  explicit CompileErrorCollector(llvm::raw_ostream &OS)
      : TextDiagnosticPrinter(OS, new DiagnosticOptions()) {}

  void HandleDiagnostic(DiagnosticsEngine::Level Level,
                        const Diagnostic &Info) override {
    if (Level == DiagnosticsEngine::Note) {
      if (ForwardNotes)
        forward(Level, Info);
      return;
    }
    llvm::SmallString<256> Message;
    Info.FormatDiagnostic(Message);
    llvm::StringRef Text = Message;
    bool IsFinding = Text.ends_with("]") && Text.contains(" [greenlint-") &&
                     !Text.ends_with("[greenlint-nolint]");
    ForwardNotes = !IsFinding && (Level >= DiagnosticsEngine::Error ||
                                  Text.ends_with("[greenlint-nolint]"));
    if (!ForwardNotes)
      return;
    if (Level >= DiagnosticsEngine::Error)
      ++Errors;
    forward(Level, Info);
  }

  unsigned Errors = 0;

private:
  void forward(DiagnosticsEngine::Level Level, const Diagnostic &Info) {
    TextDiagnosticPrinter::HandleDiagnostic(Level, Info);
    NumErrors = 0;
    NumWarnings = 0;
  }
  bool ForwardNotes = false;
};

struct UnitResult {
  std::vector<CheckedFinding> Findings;
  std::string Diagnostics;
  unsigned Errors = 0;
  bool Failed = false;
  /// Flags of the compile command Clang does not know (a g++ database).
  std::set<std::string> DroppedFlags;
};

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
    return Consumer;
  }

private:
  const LintOptions &Opts;
  UnitResult &Result;
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

/// One line for the whole run: which flags were dropped, in how many units.
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

std::unique_ptr<tooling::CompilationDatabase>
loadDatabase(llvm::StringRef BuildDir, std::string &Error) {
  if (!llvm::sys::fs::is_directory(BuildDir)) {
    Error = ("build folder '" + BuildDir + "' does not exist").str();
    return nullptr;
  }
  llvm::SmallString<256> Path(BuildDir);
  llvm::sys::path::append(Path, "compile_commands.json");
  if (!llvm::sys::fs::exists(Path)) {
    Error = ("no compile_commands.json in '" + BuildDir +
             "'; configure the build with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "
             "(or use bear) and pass that folder to -p")
                .str();
    return nullptr;
  }
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text) {
    Error = (Path + ": cannot be read: " + Text.getError().message()).str();
    return nullptr;
  }
  if (!checkCompileDatabase(std::string_view(Path.data(), Path.size()),
                            (*Text)->getBuffer(), Error))
    return nullptr;
  std::string ParseError;
  // Loaded directly rather than with loadFromDirectory, which would invent
  // commands for files that are not in the database.
  auto JSON = tooling::JSONCompilationDatabase::loadFromFile(
      Path, ParseError, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!JSON) {
    Error = (Path + ": " + ParseError + "; regenerate it with the build system")
                .str();
    return nullptr;
  }
  if (JSON->getAllFiles().empty()) {
    Error = (Path + ": lists no translation units").str();
    return nullptr;
  }
  return tooling::inferTargetAndDriverMode(tooling::expandResponseFiles(
      std::move(JSON), llvm::vfs::getRealFileSystem()));
}

/// --rules is checked here, so that a typo is reported under the option's
/// name rather than as a position in the plugin argument it is passed as.
bool checkRuleGlobs(llvm::StringRef Globs, std::string &Error) {
  llvm::SmallVector<llvm::StringRef> Parts;
  Globs.split(Parts, ',', -1, false);
  for (llvm::StringRef Part : Parts) {
    llvm::StringRef Glob = Part.trim();
    if (Glob.empty())
      continue;
    Glob.consume_front("-");
    Glob.consume_front("greenlint-");
    bool Matches = false;
    for (const RuleInfo *R : allRules())
      Matches = Matches || globMatch(Glob, R->Id);
    if (Matches)
      continue;
    Error = "--rules: '" + terminalText(Part.trim()) +
            "' matches no rule; pass comma-separated rule ids or globs, a "
            "leading '-' to turn some off (e.g. --rules '-*,infer-*'); "
            "'greenlint rules' lists the ids";
    return false;
  }
  return true;
}

bool isTerminal() { return llvm::sys::Process::StandardErrIsDisplayed(); }

const char *levelName(Severity S) {
  switch (S) {
  case Severity::Remark:
    return "remark";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

void printText(llvm::raw_ostream &OS,
               const std::vector<CheckedFinding> &Findings) {
  for (const CheckedFinding &C : Findings) {
    if (C.State != FindingState::Reported)
      continue;
    const ReportedFinding &F = C.Finding;
    // Paths and messages quote source text: shown, never acted on.
    OS << terminalText(F.File) << ":" << F.Line << ":" << F.Column << ": "
       << levelName(F.Level) << ": " << terminalText(F.Message)
       << " [greenlint-" << F.RuleId << "]\n";
    for (const auto &N : F.Notes)
      OS << terminalText(N.File) << ":" << N.Line << ":" << N.Column
         << ": note: " << terminalText(N.Message) << "\n";
  }
}

nlohmann::json findingJson(const CheckedFinding &C) {
  const ReportedFinding &F = C.Finding;
  nlohmann::json J = {{"rule", F.RuleId},       {"level", levelName(F.Level)},
                      {"file", C.RelativePath}, {"path", F.File},
                      {"line", F.Line},         {"column", F.Column},
                      {"message", F.Message},   {"fingerprint", C.Fingerprint}};
  nlohmann::json Notes = nlohmann::json::array();
  for (const auto &N : F.Notes)
    Notes.push_back({{"path", N.File},
                     {"line", N.Line},
                     {"column", N.Column},
                     {"message", N.Message}});
  J["notes"] = std::move(Notes);
  nlohmann::json Fixes = nlohmann::json::array();
  for (const auto &R : F.Fixes)
    Fixes.push_back({{"path", R.File},
                     {"offset", R.Offset},
                     {"length", R.Length},
                     {"text", R.Text}});
  J["fixes"] = std::move(Fixes);
  return J;
}

struct Counts {
  unsigned Reported = 0, Suppressed = 0, Baselined = 0, Unchanged = 0;
};

Counts countStates(const std::vector<CheckedFinding> &Findings) {
  Counts N;
  for (const CheckedFinding &C : Findings)
    switch (C.State) {
    case FindingState::Reported:
      ++N.Reported;
      break;
    case FindingState::Suppressed:
      ++N.Suppressed;
      break;
    case FindingState::Baselined:
      ++N.Baselined;
      break;
    case FindingState::Unchanged:
      ++N.Unchanged;
      break;
    }
  return N;
}

void printJson(llvm::raw_ostream &OS,
               const std::vector<CheckedFinding> &Findings,
               llvm::StringRef SourceRoot) {
  Counts N = countStates(Findings);
  nlohmann::json Out = {{"tool", "greenlint"},
                        {"version", GREENLINT_VERSION},
                        {"sourceRoot", SourceRoot.str()}};
  nlohmann::json List = nlohmann::json::array();
  for (const CheckedFinding &C : Findings)
    if (C.State == FindingState::Reported)
      List.push_back(findingJson(C));
  Out["findings"] = std::move(List);
  Out["summary"] = {{"reported", N.Reported},
                    {"suppressed", N.Suppressed},
                    {"baselined", N.Baselined},
                    {"unchanged", N.Unchanged}};
  OS << dumpJson(Out, 2) << "\n";
}

bool findingLess(const CheckedFinding &A, const CheckedFinding &B) {
  const ReportedFinding &X = A.Finding, &Y = B.Finding;
  return std::tie(X.File, X.Line, X.Column, X.RuleId, X.Message) <
         std::tie(Y.File, Y.Line, Y.Column, Y.RuleId, Y.Message);
}

bool findingSame(const CheckedFinding &A, const CheckedFinding &B) {
  const ReportedFinding &X = A.Finding, &Y = B.Finding;
  return std::tie(X.File, X.Line, X.Column, X.RuleId, X.Message) ==
         std::tie(Y.File, Y.Line, Y.Column, Y.RuleId, Y.Message);
}

} // namespace

int runCheck(int Argc, const char **Argv) {
  CheckOptions Opts;
  if (int Code = parseArguments(Argc, Argv, Opts); Code >= 0)
    return Code;

  std::string BuildDir = absolutePath(Opts.BuildDir);
  std::string Error;
  std::unique_ptr<tooling::CompilationDatabase> DB =
      loadDatabase(BuildDir, Error);
  if (!DB) {
    llvm::errs() << "greenlint check: " << Error << "\n";
    return 2;
  }

  std::vector<std::string> Units;
  if (Opts.Files.empty()) {
    Units = DB->getAllFiles();
  } else {
    for (const std::string &File : Opts.Files) {
      std::string Abs = absolutePath(File);
      if (DB->getCompileCommands(Abs).empty()) {
        llvm::errs() << "greenlint check: '" << File << "' is not in "
                     << BuildDir
                     << "/compile_commands.json; lint it through a target "
                        "that compiles it, or regenerate the database\n";
        return 2;
      }
      Units.push_back(Abs);
    }
  }
  std::sort(Units.begin(), Units.end());
  Units.erase(std::unique(Units.begin(), Units.end()), Units.end());

  Baseline Known;
  if (!Opts.BaselinePath.empty() &&
      !Baseline::load(Opts.BaselinePath, Known, Error)) {
    llvm::errs() << "greenlint check: " << Error << "\n";
    return 2;
  }

  ChangedLines Changed;
  if (Opts.DiffBaseGiven && !Changed.load(Opts.DiffBase, Units, Error)) {
    llvm::errs() << "greenlint check: " << Error << "\n";
    return 2;
  }

  std::string SourceRoot = Opts.SourceRoot.empty()
                               ? defaultSourceRoot(BuildDir)
                               : absolutePath(Opts.SourceRoot);

  if (!checkRuleGlobs(Opts.RuleGlobs, Error)) {
    llvm::errs() << "greenlint check: " << Error << "\n";
    return 2;
  }

  LintOptions Lint;
  if (!Opts.ConfigPath.empty())
    Lint.ConfigPath = absolutePath(Opts.ConfigPath);
  Lint.RuleGlobs = Opts.RuleGlobs;

  // Each worker takes the next unit; results land in the unit's slot, so the
  // merge below sees them in the same order whatever the scheduling.
  std::vector<UnitResult> Results(Units.size());
  std::atomic<size_t> Next{0};
  std::mutex ProgressMutex;
  size_t Done = 0;
  bool Progress = !Opts.Quiet && isTerminal();
  auto Worker = [&] {
    for (size_t I = Next++; I < Units.size(); I = Next++) {
      Results[I] = lintUnit(*DB, Units[I], Lint);
      if (Progress) {
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        llvm::errs() << "\r\x1b[K[" << ++Done << "/" << Units.size() << "] "
                     << terminalText(relativeTo(Units[I], SourceRoot));
        llvm::errs().flush();
      }
    }
  };
  unsigned Threads =
      std::min<size_t>(Opts.Jobs, std::max<size_t>(1, Units.size()));
  if (Threads == 1) {
    Worker();
  } else {
    std::vector<std::thread> Pool;
    for (unsigned T = 0; T < Threads; ++T)
      Pool.emplace_back(Worker);
    for (std::thread &T : Pool)
      T.join();
  }
  if (Progress)
    llvm::errs() << "\r\x1b[K";
  reportDroppedFlags(Results);

  // Compile errors first, once each: a config error repeats in every unit.
  unsigned Errors = 0;
  std::vector<std::string> FailedUnits;
  llvm::StringSet<> Printed;
  std::vector<CheckedFinding> Findings;
  for (size_t I = 0; I < Units.size(); ++I) {
    UnitResult &R = Results[I];
    if (!R.Diagnostics.empty() && Printed.insert(R.Diagnostics).second)
      llvm::errs() << R.Diagnostics;
    if (R.Errors || R.Failed) {
      ++Errors;
      FailedUnits.push_back(Units[I]);
      if (!R.Errors)
        llvm::errs() << "greenlint check: " << Units[I]
                     << ": could not be parsed with its compile command\n";
    }
    for (CheckedFinding &C : R.Findings)
      Findings.push_back(std::move(C));
  }
  // A header linted from several units, or a unit with several commands,
  // reports the same finding more than once.
  std::sort(Findings.begin(), Findings.end(), findingLess);
  Findings.erase(std::unique(Findings.begin(), Findings.end(), findingSame),
                 Findings.end());

  SourceFiles Sources;
  for (CheckedFinding &C : Findings)
    C.RelativePath = relativeTo(C.Finding.File, SourceRoot);
  assignFingerprints(Findings, Sources);

  if (!Opts.WriteBaselinePath.empty() &&
      !Baseline::write(Opts.WriteBaselinePath, Findings, Error)) {
    llvm::errs() << "greenlint check: " << Error << "\n";
    return 2;
  }
  for (CheckedFinding &C : Findings) {
    if (C.State != FindingState::Reported)
      continue;
    if (Opts.DiffBaseGiven &&
        !Changed.isChanged(C.Finding.File, C.Finding.Line))
      C.State = FindingState::Unchanged;
    else if (!Opts.BaselinePath.empty() && Known.contains(C))
      C.State = FindingState::Baselined;
  }

  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!Opts.OutputPath.empty()) {
    File = std::make_unique<llvm::raw_fd_ostream>(Opts.OutputPath, EC);
    if (EC) {
      llvm::errs() << "greenlint check: cannot write '" << Opts.OutputPath
                   << "': " << EC.message() << "\n";
      return 2;
    }
  }
  llvm::raw_ostream &OS = File ? *File : llvm::outs();
  switch (Opts.Format) {
  case OutputFormat::Text:
    printText(OS, Findings);
    break;
  case OutputFormat::Json:
    printJson(OS, Findings, SourceRoot);
    break;
  case OutputFormat::Sarif: {
    SarifOptions Sarif;
    Sarif.SourceRoot = SourceRoot;
    Sarif.DocsUrl = Opts.DocsUrl;
    Sarif.Version = GREENLINT_VERSION;
    Sarif.FailedUnits = FailedUnits;
    writeSarif(OS, Findings, Sarif, Sources);
    break;
  }
  }
  OS.flush();

  if (!Opts.ExportFixesPath.empty()) {
    std::string Main = Units.size() == 1 ? Units.front() : std::string();
    if (!writeExportFixes(Opts.ExportFixesPath, Findings, Main, Sources,
                          Error)) {
      llvm::errs() << "greenlint check: " << Error << "\n";
      return 2;
    }
  }

  Counts N = countStates(Findings);
  if (!Opts.Quiet) {
    llvm::errs() << N.Reported << (N.Reported == 1 ? " finding" : " findings")
                 << " (" << N.Suppressed << " suppressed";
    if (!Opts.BaselinePath.empty())
      llvm::errs() << ", " << N.Baselined << " in the baseline";
    if (Opts.DiffBaseGiven)
      llvm::errs() << ", " << N.Unchanged << " on unchanged lines";
    llvm::errs() << ")";
    if (!Opts.WriteBaselinePath.empty())
      llvm::errs() << "; baseline written to " << Opts.WriteBaselinePath;
    llvm::errs() << "\n";
  }
  if (Errors) {
    llvm::errs() << "greenlint check: " << Errors << " of " << Units.size()
                 << " translation units had errors; their findings are "
                    "incomplete\n";
    return 2;
  }
  if (!Opts.WriteBaselinePath.empty())
    return 0;
  return N.Reported ? 1 : 0;
}

} // namespace greenlint
