//===- Arguments.cpp ------------------------------------------------------===//
#include "Arguments.h"
#include "Registry.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace greenlint {

namespace {
const char *const KnownKeys =
    "config=FILE, estimates=on|off, facts=DIR, facts-in-object=on|off, "
    "instrument=on|off, profile=ID, project-view=on|off, rules=GLOBS, "
    "time-rules=on|off, "
    "cache-key=TEXT, list-rules";

bool parseOnOff(llvm::StringRef Key, llvm::StringRef Value, bool &Out,
                std::string &Error) {
  if (Value == "on" || Value == "true" || Value == "1") {
    Out = true;
    return true;
  }
  if (Value == "off" || Value == "false" || Value == "0") {
    Out = false;
    return true;
  }
  Error = "greenlint: plugin argument '" + Key.str() +
          "' takes on or off, "
          "not '" +
          Value.str() + "'";
  return false;
}
} // namespace

bool parsePluginArguments(const std::vector<std::string> &Args,
                          PluginArguments &Out, std::string &Error) {
  for (llvm::StringRef Arg : Args) {
    llvm::StringRef Key = Arg.split('=').first;
    llvm::StringRef Value = Arg.split('=').second;
    bool HasValue = Arg.contains('=');
    auto NeedValue = [&]() {
      if (HasValue && !Value.empty())
        return true;
      Error = "greenlint: plugin argument '" + Key.str() +
              "' needs a value: -fplugin-arg-greenlint-" + Key.str() + "=VALUE";
      return false;
    };
    if (Key == "config") {
      if (!NeedValue())
        return false;
      Out.Lint.ConfigPath = Value.str();
    } else if (Key == "facts") {
      if (!NeedValue())
        return false;
      Out.Lint.FactsDir = Value.str();
    } else if (Key == "profile") {
      if (!NeedValue())
        return false;
      Out.Lint.Profile = Value.str();
    } else if (Key == "rules") {
      if (!NeedValue())
        return false;
      Out.Lint.RuleGlobs = Value.str();
    } else if (Key == "instrument") {
      if (!NeedValue() || !parseOnOff(Key, Value, Out.Instrument, Error))
        return false;
    } else if (Key == "time-rules") {
      if (!HasValue)
        Out.Lint.TimeRules = true;
      else if (!parseOnOff(Key, Value, Out.Lint.TimeRules, Error))
        return false;
    } else if (Key == "estimates") {
      if (!HasValue)
        Out.Lint.PrintEstimates = true;
      else if (!parseOnOff(Key, Value, Out.Lint.PrintEstimates, Error))
        return false;
    } else if (Key == "facts-in-object") {
      if (!NeedValue() ||
          !parseOnOff(Key, Value, Out.Lint.FactsInObject, Error))
        return false;
    } else if (Key == "project-view") {
      if (!NeedValue() ||
          !parseOnOff(Key, Value, Out.Lint.ProjectViewFromFacts, Error))
        return false;
    } else if (Key == "cache-key") {
      // Read by compile caches, not by greenlint: greenlint_enable() puts a
      // hash of the config and API files here so that a cache keys on them
      // (docs/compile-caches.md).
      if (!NeedValue())
        return false;
    } else if (Key == "list-rules") {
      Out.ListRules = true;
    } else {
      Error = "greenlint: unknown plugin argument '" + Arg.str() +
              "'; known arguments are " + KnownKeys;
      return false;
    }
  }
  if (Out.Lint.FactsInObject && Out.Lint.FactsDir.empty()) {
    Error = "greenlint: plugin argument 'facts-in-object' needs facts=DIR "
            "too: the object keeps the facts that go to that folder";
    return false;
  }
  return true;
}

void printRuleList(llvm::raw_ostream &OS) {
  for (const RuleInfo *R : allRules())
    OS << llvm::format("%-34s %-8s %-4s ", R->Id, R->Group,
                       R->DefaultOn ? "on" : "off")
       << R->Summary << "\n";
}

} // namespace greenlint
