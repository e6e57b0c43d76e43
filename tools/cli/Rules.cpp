//===- Rules.cpp - greenlint rules ----------------------------------------===//
#include "Arguments.h"
#include "OptionValue.h"
#include "OutputEscaping.h"
#include "Registry.h"
#include "Subcommands.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <nlohmann/json.hpp>

namespace greenlint {
namespace {

const char *optionKindName(OptionKind Kind) {
  switch (Kind) {
  case OptionKind::String:
    return "string";
  case OptionKind::Bool:
    return "bool";
  case OptionKind::Int:
    return "int";
  case OptionKind::Regex:
    return "regex";
  }
  return "string";
}

/// The catalog as data: what docs, the README and the catalog test compare.
void printRulesJson(llvm::raw_ostream &OS) {
  nlohmann::ordered_json All = nlohmann::ordered_json::array();
  for (const RuleInfo *R : allRules()) {
    nlohmann::ordered_json Rule;
    Rule["id"] = R->Id;
    Rule["group"] = R->Group;
    Rule["default"] = R->DefaultOn ? "on" : "off";
    Rule["summary"] = R->Summary;
    Rule["options"] = nlohmann::ordered_json::array();
    for (const RuleOption &O : R->Options)
      Rule["options"].push_back({{"name", O.Name},
                                 {"kind", optionKindName(O.Kind)},
                                 {"default", O.Default},
                                 {"help", O.Help}});
    Rule["roles"] = R->Roles;
    All.push_back(Rule);
  }
  OS << All.dump(2) << "\n";
}

} // namespace

int runRules(int Argc, const char **Argv) {
  bool Json = false;
  for (int I = 0; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "-h" || Arg == "--help") {
      llvm::outs() << "usage: greenlint rules [--format text|json]\n"
                      "Lists every rule: id, group, default state (on/off), "
                      "summary; JSON adds each\nrule's options and the API "
                      "roles it queries. Docs: docs/rules/<id>.md\n";
      return 0;
    }
    std::optional<std::string> Format;
    if (optionValue(Argc, Argv, I, "--format", Format)) {
      if (Format != "text" && Format != "json") {
        llvm::errs() << "greenlint rules: --format takes text or json, not '"
                     << terminalText(Format.value_or("")) << "'\n";
        return 2;
      }
      Json = *Format == "json";
      continue;
    }
    llvm::errs() << "greenlint rules: unknown argument '" << terminalText(Arg)
                 << "'; try greenlint rules --help\n";
    return 2;
  }
  if (Json)
    printRulesJson(llvm::outs());
  else
    printRuleList(llvm::outs());
  return 0;
}

} // namespace greenlint
