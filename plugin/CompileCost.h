//===- CompileCost.h - The compile's own wall, CPU time and energy --------===//
//
// The plugin cannot see the end of code generation, and with -disable-free
// no destructor runs, so facts files are written after linting and rewritten
// with the compile's cost by an atexit handler (docs/facts-format.md,
// "compile"). Only the plugin starts the clock: `greenlint check` never
// queues anything.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_PLUGIN_COMPILECOST_H
#define GREENLINT_PLUGIN_COMPILECOST_H

#include "Facts.h"
#include <nlohmann/json.hpp>
#include <string>

namespace greenlint {

/// Called once when the compiler loads the plugin, before it parses.
void startCompileClock();

/// A new translation unit starts in this process (clang++ -c a.cpp b.cpp runs
/// each cc1 in-process): facts queued so far are charged up to now.
void beginTranslationUnitCost();

/// Queues facts just written to \p Dir for a rewrite with their "compile"
/// object at process exit. Does nothing unless the clock was started.
void rewriteFactsAtExit(const FactsFile &Facts, const std::string &Dir);

/// The "compile" object for \p WallS and \p CpuS, with energy modelled on the
/// profile that \p ProfileSpec (GREENLINT_PROFILE) names, or else on the one
/// detected from \p CpuinfoPath.
nlohmann::ordered_json compileCostJson(double WallS, double CpuS,
                                       const std::string &ProfileSpec,
                                       const std::string &CpuinfoPath);

} // namespace greenlint

#endif
