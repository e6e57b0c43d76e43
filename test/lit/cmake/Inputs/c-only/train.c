/* Boosts a fixed number of rounds on a small synthetic regression set: no early stop. */
#include <stdio.h>
#include <stdlib.h>
#include <xgboost/c_api.h>

#define ROWS 64
#define COLS 4

int main(void) {
  float Features[ROWS * COLS];
  float Labels[ROWS];
  for (int R = 0; R < ROWS; ++R) {
    for (int C = 0; C < COLS; ++C)
      Features[R * COLS + C] = (float)((R * 7 + C * 3) % 11);
    Labels[R] = Features[R * COLS] * 0.5f + Features[R * COLS + 1];
  }
  DMatrixHandle Train;
  if (XGDMatrixCreateFromMat(Features, ROWS, COLS, -1.0f, &Train) != 0)
    return 1;
  XGDMatrixSetFloatInfo(Train, "label", Labels, ROWS);
  BoosterHandle Booster;
  XGBoosterCreate(&Train, 1, &Booster);
  XGBoosterSetParam(Booster, "max_depth", "3");
  for (int Round = 0; Round < 200; ++Round)
    XGBoosterUpdateOneIter(Booster, Round, Train);
  XGBoosterFree(Booster);
  XGDMatrixFree(Train);
  puts("trained");
  return 0;
}
