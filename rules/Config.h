//===- Config.h - .greenlint.yaml -----------------------------------------===//
//
// The project configuration, found like .clang-tidy in the nearest parent
// folder of the main file. Everything in it is validated against the rule
// registry, so a typo in a rule id or option is an error, not a silent no-op.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_CONFIG_H
#define GREENLINT_RULES_CONFIG_H

#include "Rule.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace greenlint {

struct Budgets {
  std::optional<double> Parameters;
  std::optional<double> WeightBytes;
  std::optional<double> JoulesPerCall;
};

class Config {
public:
  /// The file this config came from; empty for the built-in defaults.
  std::string SourcePath;
  /// Ordered globs: "id-glob" enables, "-id-glob" disables; applied on top of
  /// the default-on set.
  std::vector<std::string> RuleGlobs;
  std::vector<std::pair<std::string, Severity>> SeverityGlobs;
  std::vector<std::string> WarningsAsErrors;
  std::map<std::string, std::map<std::string, std::string>> Options;
  std::string HeaderFilter;
  std::string Profile;
  /// Where 'profile:' is, for errors about its value.
  unsigned ProfileLine = 0, ProfileColumn = 0;
  Budgets Budget;
  /// Extra API data files (absolute, or relative to the config's folder).
  std::vector<std::string> ApiFiles;
  /// ApiFiles resolved: absolute paths kept, relative ones under the
  /// config's folder.
  std::vector<std::string> apiFilePaths() const;

  bool isEnabled(const RuleInfo &Info) const;
  Severity severityOf(llvm::StringRef RuleId) const;
  const std::string *optionValue(llvm::StringRef RuleId,
                                 llvm::StringRef Name) const;
};

struct ConfigError {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Message;
  /// "greenlint: file:line:col: message"
  std::string format() const;
};

/// Parses configuration text; File is used in error messages only.
bool parseConfig(llvm::StringRef Text, llvm::StringRef File, Config &Out,
                 ConfigError &Error);
/// How a config file was found, for the hint of an error reading it.
enum class ConfigOrigin {
  Discovered,     // the nearest .greenlint.yaml above the source
  PluginArgument, // -fplugin-arg-greenlint-config=
  CommandLine     // greenlint check --config
};
/// Reads a config file; refuses anything but a regular file (a FIFO would
/// block the compile).
bool loadConfigFile(llvm::StringRef Path, Config &Out, ConfigError &Error,
                    ConfigOrigin Origin = ConfigOrigin::PluginArgument);
/// The nearest .greenlint.yaml in the folder of SourceFile or above; empty if
/// there is none.
std::string findConfigFile(llvm::StringRef SourceFile);
/// Shell-style glob with '*' only, as clang-tidy's check globs.
bool globMatch(llvm::StringRef Glob, llvm::StringRef Name);

} // namespace greenlint

#endif
