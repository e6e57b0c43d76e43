//===- ProjectPass.cpp ----------------------------------------------------===//
#include "ProjectPass.h"
#include "ResultCache.h"
#include "WorkerPool.h"

namespace greenlint {

void addCachedFacts(ProjectTable &Table,
                    const clang::tooling::CompilationDatabase &DB,
                    const std::vector<std::string> &Units,
                    const LintOptions &Lint, ResultCache &Cache) {
  for (const std::string &Unit : Units) {
    UnitResult Cached;
    if (Cache.lookup(Cache.unitKey(DB, Unit, Lint), Cached,
                     /*CountInStats=*/false))
      Table.add(Cached.Project);
  }
}

ProjectPassStats runProjectPass(const clang::tooling::CompilationDatabase &DB,
                                const std::vector<std::string> &Units,
                                std::vector<UnitResult> &Results,
                                const ProjectTable &Table,
                                const LintOptions &Lint, ResultCache *Cache,
                                unsigned Threads) {
  ProjectPassStats Stats;
  Stats.Functions = Table.helperCount();
  std::vector<size_t> Again;
  std::vector<std::string> Slices(Units.size());
  for (size_t I = 0; I < Units.size(); ++I) {
    // A unit that failed to parse has no facts worth a second try.
    if (Results[I].Failed || Results[I].Errors)
      continue;
    Slices[I] = Table.sliceFor(Results[I].Project);
    if (!Slices[I].empty())
      Again.push_back(I);
  }
  Stats.Relinted = Again.size();
  LintOptions WithTable = Lint;
  WithTable.Project = &Table;
  runInParallel(Again.size(), Threads, [&](size_t J) {
    size_t I = Again[J];
    // The findings depend on the unit and on the part of the table it
    // reads, nothing else: the cache keys on both.
    std::string Key;
    if (Cache)
      Key = Cache->derivedKey(Cache->unitKey(DB, Units[I], Lint), Slices[I]);
    UnitResult Second;
    if (!Cache || !Cache->lookup(Key, Second)) {
      Second = lintUnit(DB, Units[I], WithTable);
      Second.Project = Results[I].Project;
      if (Cache)
        Cache->store(Key, Second);
    }
    Second.Project = std::move(Results[I].Project);
    Results[I] = std::move(Second);
  });
  return Stats;
}

} // namespace greenlint
