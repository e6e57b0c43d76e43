// A server whose loops call helpers defined in model_io.cpp.
#include "model_io.h"

void serveRequests(const char *ModelPath, DMatrixHandle *Requests, int N) {
  for (int I = 0; I < N; ++I) {
    BoosterHandle Booster = openModel(ModelPath);
    bst_ulong Length;
    const float *Scores;
    XGBoosterPredict(Booster, Requests[I], 0, 0, 0, &Length, &Scores);
    XGBoosterFree(Booster);
  }
}

void scoreBatches(const char *TablePath, BoosterHandle Booster, int Batches) {
  for (int B = 0; B < Batches; ++B) {
    DMatrixHandle Table = readTable(TablePath);
    bst_ulong Length;
    const float *Scores;
    XGBoosterPredict(Booster, Table, 0, 0, 0, &Length, &Scores);
    XGDMatrixFree(Table);
  }
}

void scoreWithScorer(const char *ModelPath, DMatrixHandle *Requests, int N) {
  for (int I = 0; I < N; ++I) {
    serving::Scorer S(ModelPath);
    (void)S;
  }
}

// Traps: a different model each time, a memoised helper, a helper with no
// load, a load before the loop, and a name two programs define differently.
void compareVersions(DMatrixHandle Rows, int Versions) {
  for (int V = 1; V <= Versions; ++V) {
    BoosterHandle Booster = openVersion(V);
    bst_ulong Length;
    const float *Scores;
    XGBoosterPredict(Booster, Rows, 0, 0, 0, &Length, &Scores);
  }
}

void serveMemoised(const char *ModelPath, int N) {
  for (int I = 0; I < N; ++I)
    describe(openModelOnce(ModelPath));
}

void serveLoadedOnce(const char *ModelPath, DMatrixHandle *Requests, int N) {
  BoosterHandle Booster = openModel(ModelPath);
  for (int I = 0; I < N; ++I) {
    describe(Booster);
    bst_ulong Length;
    const float *Scores;
    XGBoosterPredict(Booster, Requests[I], 0, 0, 0, &Length, &Scores);
  }
}

void serveTools(const char *ModelPath, int N) {
  for (int I = 0; I < N; ++I)
    describe(setup(ModelPath));
}
