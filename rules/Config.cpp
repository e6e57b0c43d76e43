//===- Config.cpp - .greenlint.yaml parsing and queries -------------------===//
#include "Config.h"
#include "Registry.h"
#include "greenlint/apis/YamlDocument.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include <yaml-cpp/yaml.h>

namespace greenlint {

bool globMatch(llvm::StringRef Glob, llvm::StringRef Name) {
  // Iterative matcher with backtracking to the last '*'.
  size_t G = 0, N = 0, StarG = llvm::StringRef::npos, StarN = 0;
  while (N < Name.size()) {
    if (G < Glob.size() && Glob[G] == '*') {
      StarG = G++;
      StarN = N;
    } else if (G < Glob.size() && Glob[G] == Name[N]) {
      ++G;
      ++N;
    } else if (StarG != llvm::StringRef::npos) {
      G = StarG + 1;
      N = ++StarN;
    } else {
      return false;
    }
  }
  while (G < Glob.size() && Glob[G] == '*')
    ++G;
  return G == Glob.size();
}

bool Config::isEnabled(const RuleInfo &Info) const {
  bool On = Info.DefaultOn;
  for (llvm::StringRef Glob : RuleGlobs) {
    Glob = Glob.trim();
    bool Disable = Glob.consume_front("-");
    if (globMatch(Glob, Info.Id))
      On = !Disable;
  }
  return On;
}

Severity Config::severityOf(llvm::StringRef RuleId) const {
  Severity S = Severity::Warning;
  for (const auto &[Glob, Level] : SeverityGlobs)
    if (globMatch(Glob, RuleId))
      S = Level;
  for (llvm::StringRef Glob : WarningsAsErrors)
    if (S == Severity::Warning && globMatch(Glob.trim(), RuleId))
      S = Severity::Error;
  return S;
}

const std::string *Config::optionValue(llvm::StringRef RuleId,
                                       llvm::StringRef Name) const {
  auto R = Options.find(RuleId.str());
  if (R == Options.end())
    return nullptr;
  auto O = R->second.find(Name.str());
  return O == R->second.end() ? nullptr : &O->second;
}

std::string ConfigError::format() const {
  std::string S = "greenlint: " + File;
  if (Line)
    S += ":" + std::to_string(Line) + ":" + std::to_string(Column);
  return S + ": " + Message;
}

namespace {

/// Turns YAML nodes into Config fields, stopping at the first problem.
class ConfigReader {
public:
  ConfigReader(llvm::StringRef File, Config &Out, ConfigError &Error)
      : File(File), Out(Out), Error(Error) {}

  bool read(const YAML::Node &Root) {
    if (Root.IsNull())
      return true; // an empty file means the defaults
    if (!Root.IsMap())
      return fail(Root, "the top level must be a mapping of keys such as "
                        "'rules:' and 'options:'");
    for (const auto &KV : Root) {
      std::string Key = KV.first.as<std::string>();
      const YAML::Node &V = KV.second;
      bool Ok = true;
      if (Key == "rules")
        Ok = readGlobList(V, Out.RuleGlobs, /*AllowNegative=*/true);
      else if (Key == "warnings_as_errors")
        Ok = readGlobList(V, Out.WarningsAsErrors, /*AllowNegative=*/false);
      else if (Key == "severity")
        Ok = readSeverity(V);
      else if (Key == "options")
        Ok = readOptions(V);
      else if (Key == "header_filter")
        Ok = readRegex(V, Out.HeaderFilter);
      else if (Key == "profile") {
        Ok = readScalar(V, Out.Profile);
        Out.ProfileLine = V.Mark().line + 1;
        Out.ProfileColumn = V.Mark().column + 1;
      } else if (Key == "budgets")
        Ok = readBudgets(V);
      else if (Key == "api_files")
        Ok = readStringList(V, Out.ApiFiles);
      else
        return fail(KV.first, "unknown key '" + Key +
                                  "'; known keys are rules, severity, "
                                  "warnings_as_errors, options, "
                                  "header_filter, profile, budgets, "
                                  "api_files");
      if (!Ok)
        return false;
    }
    return true;
  }

  bool fail(const YAML::Node &At, const std::string &Message) {
    Error.File = File.str();
    Error.Line = At.Mark().line + 1;
    Error.Column = At.Mark().column + 1;
    Error.Message = Message;
    return false;
  }

private:
  bool readScalar(const YAML::Node &V, std::string &Into) {
    if (!V.IsScalar())
      return fail(V, "expected a single value");
    Into = V.as<std::string>();
    return true;
  }

  bool readRegex(const YAML::Node &V, std::string &Into) {
    if (!readScalar(V, Into))
      return false;
    std::string Why;
    if (!llvm::Regex(Into).isValid(Why))
      return fail(V, "invalid regular expression '" + Into + "': " + Why);
    return true;
  }

  bool readStringList(const YAML::Node &V, std::vector<std::string> &Into) {
    if (V.IsScalar()) {
      llvm::SmallVector<llvm::StringRef> Parts;
      llvm::StringRef(V.Scalar()).split(Parts, ',', -1, false);
      for (llvm::StringRef P : Parts)
        if (!P.trim().empty())
          Into.push_back(P.trim().str());
      return true;
    }
    if (!V.IsSequence())
      return fail(V, "expected a list or a comma-separated string");
    for (const auto &Item : V) {
      if (!Item.IsScalar())
        return fail(Item, "expected a string");
      Into.push_back(Item.as<std::string>());
    }
    return true;
  }

  /// A glob that names no rule is almost always a typo.
  bool checkGlob(const YAML::Node &At, llvm::StringRef Glob) {
    for (const RuleInfo *R : allRules())
      if (globMatch(Glob, R->Id))
        return true;
    return fail(At, "'" + Glob.str() + "' matches no rule; " + knownIds());
  }

  bool readGlobList(const YAML::Node &V, std::vector<std::string> &Into,
                    bool AllowNegative) {
    size_t First = Into.size();
    if (!readStringList(V, Into))
      return false;
    for (size_t I = First; I < Into.size(); ++I) {
      llvm::StringRef G = llvm::StringRef(Into[I]).trim();
      bool Negative = G.consume_front("-");
      if (Negative && !AllowNegative)
        return fail(V, "negative glob '" + Into[I] + "' is not allowed here");
      G.consume_front("greenlint-");
      if (!checkGlob(V, G))
        return false;
      std::string Normalised = (Negative ? "-" : "") + G.str();
      Into[I] = Normalised;
    }
    return true;
  }

  bool readSeverity(const YAML::Node &V) {
    if (!V.IsMap())
      return fail(V, "expected a mapping of rule globs to remark, warning "
                     "or error");
    for (const auto &KV : V) {
      llvm::StringRef Glob = KV.first.Scalar();
      Glob.consume_front("greenlint-");
      if (!checkGlob(KV.first, Glob))
        return false;
      std::string Level = KV.second.IsScalar() ? KV.second.Scalar() : "";
      Severity S;
      if (Level == "remark")
        S = Severity::Remark;
      else if (Level == "warning")
        S = Severity::Warning;
      else if (Level == "error")
        S = Severity::Error;
      else
        return fail(KV.second, "severity must be remark, warning or error");
      Out.SeverityGlobs.emplace_back(Glob.str(), S);
    }
    return true;
  }

  bool checkOptionValue(const YAML::Node &At, const RuleOption &O,
                        const std::string &Value) {
    switch (O.Kind) {
    case OptionKind::Bool: {
      std::string L = llvm::StringRef(Value).lower();
      if (L != "true" && L != "false" && L != "on" && L != "off" && L != "1" &&
          L != "0" && L != "yes" && L != "no")
        return fail(At,
                    "option '" + std::string(O.Name) + "' takes true or false");
      return true;
    }
    case OptionKind::Int: {
      int64_t N;
      if (llvm::StringRef(Value).getAsInteger(10, N))
        return fail(At,
                    "option '" + std::string(O.Name) + "' takes an integer");
      return true;
    }
    case OptionKind::Regex: {
      std::string Why;
      if (!llvm::Regex(Value).isValid(Why))
        return fail(At, "invalid regular expression for '" +
                            std::string(O.Name) + "': " + Why);
      return true;
    }
    case OptionKind::String:
      return true;
    }
    return true;
  }

  bool readOptions(const YAML::Node &V) {
    if (!V.IsMap())
      return fail(V, "expected a mapping of rule ids to their options");
    for (const auto &RuleKV : V) {
      llvm::StringRef Id = RuleKV.first.Scalar();
      Id.consume_front("greenlint-");
      const RuleInfo *Info = findRule(Id);
      if (!Info)
        return fail(RuleKV.first,
                    "unknown rule '" + Id.str() + "'; " + knownIds());
      if (!RuleKV.second.IsMap())
        return fail(RuleKV.second, "expected a mapping of option names to "
                                   "values");
      for (const auto &OptKV : RuleKV.second) {
        std::string Name = OptKV.first.Scalar();
        const RuleOption *Known = nullptr;
        for (const RuleOption &O : Info->Options)
          if (Name == O.Name)
            Known = &O;
        if (!Known) {
          std::string List;
          for (const RuleOption &O : Info->Options)
            List += (List.empty() ? "" : ", ") + std::string(O.Name);
          return fail(OptKV.first,
                      "unknown option '" + Name + "' for rule '" + Id.str() +
                          "'; " +
                          (List.empty() ? "it has no options"
                                        : "its options are " + List));
        }
        if (!OptKV.second.IsScalar())
          return fail(OptKV.second, "expected a single value");
        if (!checkOptionValue(OptKV.second, *Known, OptKV.second.Scalar()))
          return false;
        Out.Options[Id.str()][Name] = OptKV.second.Scalar();
      }
    }
    return true;
  }

  bool readBudgets(const YAML::Node &V) {
    if (!V.IsMap())
      return fail(V, "expected a mapping with parameters, weight_bytes or "
                     "joules_per_call");
    for (const auto &KV : V) {
      std::string Key = KV.first.Scalar();
      std::optional<double> *Into =
          Key == "parameters"        ? &Out.Budget.Parameters
          : Key == "weight_bytes"    ? &Out.Budget.WeightBytes
          : Key == "joules_per_call" ? &Out.Budget.JoulesPerCall
                                     : nullptr;
      if (!Into)
        return fail(KV.first, "unknown budget '" + Key +
                                  "'; known budgets are parameters, "
                                  "weight_bytes, joules_per_call");
      double D;
      if (!KV.second.IsScalar() ||
          llvm::StringRef(KV.second.Scalar()).getAsDouble(D) || D < 0)
        return fail(KV.second,
                    "budget '" + Key + "' takes a non-negative number");
      *Into = D;
    }
    return true;
  }

  static std::string knownIds() {
    std::string S = "known rules are ";
    bool First = true;
    for (const RuleInfo *R : allRules()) {
      S += (First ? "" : ", ") + std::string(R->Id);
      First = false;
    }
    return S + " (see 'greenlint rules')";
  }

  llvm::StringRef File;
  Config &Out;
  ConfigError &Error;
};

} // namespace

bool parseConfig(llvm::StringRef Text, llvm::StringRef File, Config &Out,
                 ConfigError &Error) {
  Out.SourcePath = File.str();
  ConfigReader Reader(File, Out, Error);
  YAML::Node Root;
  YamlProblem Problem;
  if (!loadYamlDocument(Text, File, Root, Problem)) {
    Error.File = File.str();
    Error.Line = Problem.Line;
    Error.Column = Problem.Column;
    Error.Message = Problem.Message;
    return false;
  }
  try {
    return Reader.read(Root);
  } catch (const YAML::Exception &E) {
    Error.File = File.str();
    Error.Line = E.mark.line + 1;
    Error.Column = E.mark.column + 1;
    Error.Message = E.msg + "; fix the value here";
    return false;
  }
}

std::vector<std::string> Config::apiFilePaths() const {
  std::vector<std::string> Paths;
  llvm::SmallString<256> Base(SourcePath);
  llvm::sys::path::remove_filename(Base);
  for (const std::string &File : ApiFiles) {
    if (llvm::sys::path::is_absolute(File)) {
      Paths.push_back(File);
      continue;
    }
    llvm::SmallString<256> Full(Base);
    llvm::sys::path::append(Full, File);
    Paths.push_back(std::string(Full));
  }
  return Paths;
}

bool loadConfigFile(llvm::StringRef Path, Config &Out, ConfigError &Error,
                    ConfigOrigin Origin) {
  // The hint names how this file was chosen: a user who gave no config=
  // must not be told to check it.
  const char *Hint =
      Origin == ConfigOrigin::Discovered
          ? "it was found as the nearest .greenlint.yaml above the source "
            "file: fix or remove it, or name another with "
            "-fplugin-arg-greenlint-config=FILE"
          : "check the path given with -fplugin-arg-greenlint-config=";
  std::string Why;
  if (!isReadableRegularFile(Path, Why)) {
    Error.File = Path.str();
    Error.Message = "cannot read config: " + Why + "; " + Hint;
    return false;
  }
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    Error.File = Path.str();
    Error.Message =
        "cannot read config: " + Buffer.getError().message() + "; " + Hint;
    return false;
  }
  return parseConfig((*Buffer)->getBuffer(), Path, Out, Error);
}

std::string findConfigFile(llvm::StringRef SourceFile) {
  llvm::SmallString<256> Dir(SourceFile);
  // On failure Dir stays relative, and the walk up still finds a config.
  std::error_code Ignored = llvm::sys::fs::make_absolute(Dir);
  (void)Ignored;
  llvm::sys::path::remove_filename(Dir);
  while (!Dir.empty()) {
    llvm::SmallString<256> Candidate(Dir);
    llvm::sys::path::append(Candidate, ".greenlint.yaml");
    if (llvm::sys::fs::exists(Candidate))
      return std::string(Candidate);
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return {};
}

} // namespace greenlint
