/* A measured XGBoost program through the C API: training rounds and
 * predictions in regions, the boosting itself on XGBoost's OpenMP threads.
 * Prints "done" when finished.
 *   greenlint_rt_xgboost ROUNDS */
#include "greenlint/greenlint.h"

#include <stdio.h>
#include <stdlib.h>
#include <xgboost/c_api.h>

#define CHECK(Call)                                                            \
  do {                                                                         \
    if ((Call) != 0) {                                                         \
      fprintf(stderr, "xgboost: %s\n", XGBGetLastError());                     \
      return 1;                                                                \
    }                                                                          \
  } while (0)

enum { Rows = 20000, Cols = 16 };

int main(int Argc, char **Argv) {
  int Rounds = Argc > 1 ? atoi(Argv[1]) : 20;
  float *X = malloc(sizeof(float) * Rows * Cols);
  float *Y = malloc(sizeof(float) * Rows);
  unsigned Seed = 7;
  for (int R = 0; R < Rows; ++R) {
    float Sum = 0;
    for (int C = 0; C < Cols; ++C) {
      Seed = Seed * 1103515245u + 12345u;
      X[R * Cols + C] = (float)(Seed >> 8) / (float)(1u << 24);
      Sum += X[R * Cols + C] * (float)(C % 3);
    }
    Y[R] = Sum;
  }
  DMatrixHandle Train;
  BoosterHandle Booster;
  CHECK(XGDMatrixCreateFromMat(X, Rows, Cols, -1.0f, &Train));
  CHECK(XGDMatrixSetFloatInfo(Train, "label", Y, Rows));
  CHECK(XGBoosterCreate(&Train, 1, &Booster));
  CHECK(XGBoosterSetParam(Booster, "max_depth", "6"));
  CHECK(XGBoosterSetParam(Booster, "nthread", "3"));
  for (int I = 0; I < Rounds; ++I) {
    GREENLINT_REGION("train:round");
    greenlint_units("step", 1);
    CHECK(XGBoosterUpdateOneIter(Booster, I, Train));
  }
  bst_ulong Len = 0;
  const float *Pred = NULL;
  for (int I = 0; I < 5; ++I) {
    GREENLINT_REGION("infer:predict");
    greenlint_units("inference", 1);
    CHECK(XGBoosterPredict(Booster, Train, 0, 0, 0, &Len, &Pred));
  }
  printf("done %lu %g\n", (unsigned long)Len, Len ? Pred[0] : 0.0);
  XGBoosterFree(Booster);
  XGDMatrixFree(Train);
  free(X);
  free(Y);
  return 0;
}
