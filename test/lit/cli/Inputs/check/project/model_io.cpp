// Helpers in their own unit: the loops that call them are in other files.
#include "model_io.h"
#include <string>

BoosterHandle openModel(const char *Path) {
  BoosterHandle Booster;
  XGBoosterCreate(nullptr, 0, &Booster);
  XGBoosterLoadModel(Booster, Path);
  return Booster;
}

// Memoised: only the first call loads.
BoosterHandle openModelOnce(const char *Path) {
  static BoosterHandle Booster = openModel(Path);
  return Booster;
}

BoosterHandle openVersion(int Version) {
  std::string Path = "model-v" + std::to_string(Version) + ".json";
  return openModel(Path.c_str());
}

DMatrixHandle readTable(const char *Path) {
  DMatrixHandle Table;
  XGDMatrixCreateFromFile(Path, 1, &Table);
  return Table;
}

void describe(BoosterHandle Booster) {
  bst_ulong Features = 0;
  XGBoosterGetNumFeature(Booster, &Features);
}

namespace serving {
Scorer::Scorer(const char *Path) : Booster(openModel(Path)) {}
} // namespace serving
