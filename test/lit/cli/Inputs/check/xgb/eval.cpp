// Evaluation re-reads the validation file for every model.
#include <xgboost/c_api.h>

void evaluate(const char *ValidPath, int Models) {
  for (int M = 0; M < Models; ++M) {
    DMatrixHandle Valid;
    XGDMatrixCreateFromFile(ValidPath, 1, &Valid);
    XGDMatrixFree(Valid);
  }
}
