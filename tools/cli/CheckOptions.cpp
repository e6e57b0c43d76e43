//===- CheckOptions.cpp - The options of greenlint check ------------------===//
#include "CheckOptions.h"
#include "Config.h"
#include "OutputEscaping.h"
#include "Registry.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>
#include <thread>

// Set by the build: the published docs that SARIF help links point at.
#ifndef GREENLINT_DOCS_URL
#define GREENLINT_DOCS_URL                                                     \
  "https://github.com/greenlint/greenlint/blob/main/docs/"
#endif

namespace greenlint {

namespace {

const char *const Usage =
    "usage: greenlint check -p BUILD_DIR [options] [files...]\n"
    "       greenlint check --merge [--format F] [-o FILE] REPORT...\n"
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
    "  --format text|json|sarif|codequality\n"
    "  -o FILE                write the report here instead of stdout\n"
    "  --export-fixes FILE    clang-tidy YAML for clang-apply-replacements\n"
    "  --diff-base REV        only findings on lines changed since REV (git)\n"
    "  --baseline FILE        hide the findings recorded in FILE\n"
    "  --write-baseline FILE  record the current findings in FILE; exit 0\n"
    "  --source-root DIR      paths in reports and baselines are relative to "
    "this\n"
    "                         (default: the git work tree holding BUILD_DIR, "
    "else its parent)\n"
    "  --shard K/N            lint only the K-th of N equal blocks of the "
    "sorted units\n"
    "                         (for CI matrix jobs)\n"
    "  --merge REPORT...      merge the SARIF or JSON reports of --shard runs "
    "into\n"
    "                         one report of --format (lints nothing)\n"
    "  --cache DIR            reuse unchanged units' results from DIR\n"
    "                         (default: BUILD_DIR/.greenlint-cache)\n"
    "  --no-cache             lint every unit afresh, write no cache\n"
    "  --no-project-view      lint each unit alone: helpers defined in other\n"
    "                         units are not followed\n"
    "  --cache-max-mb N       evict least recently used entries above N MB "
    "(256)\n"
    "  --cache-stats          print the cache's hits, misses, entries and "
    "bytes\n"
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

} // namespace

int parseCheckArguments(int Argc, const char **Argv, CheckOptions &Opts) {
  // Options of a lint run, which a merge of reports has no use for.
  std::vector<std::string> LintOptions;
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
    } else if (Arg == "--merge") {
      Opts.Merge = true;
    } else if (Arg == "--no-cache") {
      Opts.NoCache = true;
      LintOptions.push_back("--no-cache");
    } else if (Arg == "--no-project-view") {
      Opts.NoProjectView = true;
      LintOptions.push_back("--no-project-view");
    } else if (Arg == "--cache-stats") {
      Opts.CacheStats = true;
      LintOptions.push_back("--cache-stats");
    } else if (Value("-o", Opts.OutputPath) ||
               Value("--source-root", Opts.SourceRoot)) {
    } else if (Value("--docs-url", Opts.DocsUrl)) {
      Opts.DocsUrlGiven = true;
    } else if (Value("-p", Opts.BuildDir) ||
               Value("--config", Opts.ConfigPath) ||
               Value("--rules", Opts.RuleGlobs) ||
               Value("--export-fixes", Opts.ExportFixesPath) ||
               Value("--diff-base", Opts.DiffBase) ||
               Value("--baseline", Opts.BaselinePath) ||
               Value("--write-baseline", Opts.WriteBaselinePath)) {
      LintOptions.push_back(
          (Arg.starts_with("--") ? Arg.split('=').first : Arg.take_front(2))
              .str());
    } else if (Value("--cache", V)) {
      if (V.empty())
        return usageError("'--cache' needs a folder");
      Opts.CacheDir = V;
      LintOptions.push_back("--cache");
    } else if (Value("--cache-max-mb", V)) {
      LintOptions.push_back("--cache-max-mb");
      if (llvm::StringRef(V).getAsInteger(10, Opts.CacheMaxMb))
        return usageError("'--cache-max-mb' needs a number of megabytes, "
                          "not '" +
                          V + "'");
    } else if (Value("-j", V)) {
      LintOptions.push_back("-j");
      if (llvm::StringRef(V).getAsInteger(10, Opts.Jobs) || Opts.Jobs == 0)
        return usageError("'-j' needs a positive number, not '" + V + "'");
    } else if (Value("--shard", V)) {
      LintOptions.push_back("--shard");
      std::string Error;
      if (!parseShard(V, Opts.UnitShard, Error))
        return usageError(Error);
    } else if (Value("--format", V)) {
      if (V == "text")
        Opts.Format = OutputFormat::Text;
      else if (V == "json")
        Opts.Format = OutputFormat::Json;
      else if (V == "sarif")
        Opts.Format = OutputFormat::Sarif;
      else if (V == "codequality")
        Opts.Format = OutputFormat::CodeQuality;
      else
        return usageError("unknown format '" + V +
                          "'; use text, json, sarif or codequality");
    } else if (Arg.starts_with("-") && Arg != "-") {
      return usageError("unknown option '" + Arg + "'");
    } else {
      Opts.Files.push_back(Arg.str());
    }
    if (!Missing.empty())
      return usageError("'" + Missing + "' needs a value");
  }
  if (Opts.Merge) {
    if (!LintOptions.empty())
      return usageError("--merge combines the reports of shard runs and "
                        "lints nothing, so '" +
                        LintOptions.front() +
                        "' does not apply; pass it to the shard runs "
                        "(greenlint check -p BUILD_DIR --shard K/N ...)");
    if (Opts.Files.empty())
      return usageError("--merge needs the reports to merge; pass the SARIF "
                        "or JSON files that greenlint check --shard K/N "
                        "wrote");
    return resolveDocsUrl(Opts.DocsUrl) ? -1 : 2;
  }
  if (Opts.BuildDir.empty())
    return usageError("no build folder; pass -p BUILD_DIR (the folder with "
                      "compile_commands.json)");
  if (Opts.Jobs == 0)
    Opts.Jobs = std::max(1u, std::thread::hardware_concurrency());
  return resolveDocsUrl(Opts.DocsUrl) ? -1 : 2;
}

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

} // namespace greenlint
