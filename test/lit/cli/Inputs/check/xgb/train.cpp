// A training job that re-reads its data file every boosting round.
#include <xgboost/c_api.h>

void boostRound(DMatrixHandle Train, int Round);

void trainEpochs(const char *Path, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) {
    DMatrixHandle Train;
    XGDMatrixCreateFromFile(Path, 1, &Train);
    boostRound(Train, Round);
    XGDMatrixFree(Train);
  }
}

void trainMeasured(const char *Path, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) {
    DMatrixHandle Train;
    XGDMatrixCreateFromFile(Path, 1, &Train); // NOLINT(greenlint-data-load-in-loop): a benchmark
    XGDMatrixFree(Train);
  }
}
