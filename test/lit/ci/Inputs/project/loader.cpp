// Loads the training data once.
#include <xgboost/c_api.h>

DMatrixHandle loadOnce(const char *Path) {
  DMatrixHandle Train;
  XGDMatrixCreateFromFile(Path, 1, &Train);
  return Train;
}
