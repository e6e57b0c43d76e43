//===- Arguments.h - -fplugin-arg-greenlint-KEY=VALUE ---------------------===//
#ifndef GREENLINT_PLUGIN_ARGUMENTS_H
#define GREENLINT_PLUGIN_ARGUMENTS_H

#include "LintConsumer.h"
#include <string>
#include <vector>

namespace greenlint {

struct PluginArguments {
  LintOptions Lint;
  bool Instrument = false;
  bool ListRules = false;
};

/// Parses the plugin's arguments; false with Error set on an unknown key or
/// a bad value.
bool parsePluginArguments(const std::vector<std::string> &Args,
                          PluginArguments &Out, std::string &Error);

/// One line per rule: id, group, default state, summary.
void printRuleList(llvm::raw_ostream &OS);

} // namespace greenlint

#endif
