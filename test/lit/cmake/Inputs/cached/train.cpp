// Boosts with XGBoost's C API: a training loop, built at -O0 (no CMAKE_BUILD_TYPE).
#include <xgboost/c_api.h>

int trainRounds(DMatrixHandle Train, int Rounds) {
  BoosterHandle Booster;
  if (XGBoosterCreate(&Train, 1, &Booster) != 0)
    return 1;
  for (int Round = 0; Round < Rounds; ++Round)
    XGBoosterUpdateOneIter(Booster, Round, Train);
  return XGBoosterFree(Booster);
}
