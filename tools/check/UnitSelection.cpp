//===- UnitSelection.cpp - The units a change touches ---------------------===//
#include "UnitSelection.h"
#include "Paths.h"

namespace greenlint {

UnitSelection selectChangedUnits(
    std::vector<std::string> &Units, const ChangedLines &Changed,
    ResultCache *Cache,
    const std::function<std::string(const std::string &)> &KeyOf) {
  UnitSelection S;
  S.Total = Units.size();
  std::vector<std::string> Kept;
  for (std::string &Unit : Units) {
    if (Changed.isTouched(Unit)) {
      ++S.ChangedSource;
      Kept.push_back(std::move(Unit));
      continue;
    }
    std::vector<std::string> Inputs;
    bool Current = false;
    if (!Cache || !Cache->recordedInputs(KeyOf(Unit), Inputs, Current)) {
      ++S.Unknown;
      Kept.push_back(std::move(Unit));
      continue;
    }
    bool Touched = false;
    for (const std::string &Input : Inputs)
      if (Changed.isTouched(Input)) {
        ++S.ChangedHeaders[Input];
        Touched = true;
      }
    // A file that changed before REV (after the entry was written) may have
    // changed what the unit includes: linted, as one not in the cache.
    if (Touched)
      ++S.ChangedInclude;
    else if (!Current)
      ++S.Unknown;
    if (Touched || !Current)
      Kept.push_back(std::move(Unit));
  }
  Units = std::move(Kept);
  return S;
}

void printSelection(llvm::raw_ostream &OS, const UnitSelection &S,
                    size_t Selected, llvm::StringRef SourceRoot) {
  OS << "greenlint check: --diff-base: " << Selected << " of " << S.Total
     << " units";
  const char *Separator = ": ";
  if (S.ChangedSource) {
    OS << Separator << S.ChangedSource << " changed source";
    Separator = ", ";
  }
  if (S.ChangedInclude) {
    OS << Separator << S.ChangedInclude << " include a changed file (";
    unsigned Listed = 0;
    for (const auto &[Header, Count] : S.ChangedHeaders) {
      if (Listed++ == 3) {
        OS << ", ...";
        break;
      }
      OS << (Listed > 1 ? ", " : "") << relativeTo(Header, SourceRoot);
    }
    OS << ")";
    Separator = ", ";
  }
  if (S.Unknown)
    OS << Separator << S.Unknown
       << " not in the cache or out of date (what they include now is unknown)";
  OS << "\n";
}

} // namespace greenlint
