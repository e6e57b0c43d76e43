//===- ProjectPass.h - check's second pass, with the project's table -*- C++
//-*-===//
//
// Phase one lints every unit alone and collects its ProjectFacts (the
// functions it defines and what they reach; the functions it calls without
// their bodies). Phase two lints again, with the table of all units' facts,
// only the units that call a function the table knows: a unit whose
// helpers are all in its own file keeps its phase-one findings, so the
// pass costs what the cross-unit calls cost. See docs/check.md, "Project
// view".
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_PROJECTPASS_H
#define GREENLINT_TOOLS_PROJECTPASS_H

#include "LintConsumer.h"
#include "UnitLinter.h"

#include "clang/Tooling/CompilationDatabase.h"

#include <string>
#include <vector>

namespace greenlint {

class ResultCache;

struct ProjectPassStats {
  /// Functions in the table that reach an API call.
  size_t Functions = 0;
  /// Units linted again with the table.
  size_t Relinted = 0;
};

/// Adds to \p Table the facts of \p Units not linted in this run (a
/// --diff-base run skips unchanged units) from their cache entries.
void addCachedFacts(ProjectTable &Table,
                    const clang::tooling::CompilationDatabase &DB,
                    const std::vector<std::string> &Units,
                    const LintOptions &Lint, ResultCache &Cache);

/// Lints again, with \p Table (which holds \p Results' facts and any
/// others), each unit of \p Units whose wanted functions the table knows,
/// replacing its result; a unit's phase-one facts are kept.
ProjectPassStats runProjectPass(const clang::tooling::CompilationDatabase &DB,
                                const std::vector<std::string> &Units,
                                std::vector<UnitResult> &Results,
                                const ProjectTable &Table,
                                const LintOptions &Lint, ResultCache *Cache,
                                unsigned Threads);

} // namespace greenlint

#endif
