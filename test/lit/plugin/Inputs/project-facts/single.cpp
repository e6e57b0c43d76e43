// A one-file scoring job. Built with -DOPEN_MODEL_IN_LIBRARY, the loader is
// the one of a prebuilt library that no unit of the project defines.
#include <xgboost/c_api.h>

BoosterHandle openModel(const char *Path);

#ifndef OPEN_MODEL_IN_LIBRARY
BoosterHandle openModel(const char *Path) {
  BoosterHandle Booster;
  XGBoosterCreate(nullptr, 0, &Booster);
  XGBoosterLoadModel(Booster, Path);
  return Booster;
}
#endif

void scoreAll(const char *ModelPath, DMatrixHandle *Batches, int N) {
  for (int I = 0; I < N; ++I) {
    BoosterHandle Booster = openModel(ModelPath);
    bst_ulong Length;
    const float *Scores;
    XGBoosterPredict(Booster, Batches[I], 0, 0, 0, &Length, &Scores);
    XGBoosterFree(Booster);
  }
}
