// End to end with Debian's libxgboost: a program built with the plugin and run with a ledger
// reports its boosting rounds as `step` units of its train: region and its predictions as
// `inference` units of its infer: region, with no source change.
// RUN: rm -rf %t && mkdir %t
// RUN: %clangxx -std=c++17 -O0 -fplugin=%plugin -fplugin-arg-greenlint-instrument=on -fplugin-arg-greenlint-rules=-* %s -o %t/prog %link_runtime -lxgboost
// RUN: env GREENLINT_LEDGER=%t/ledger GREENLINT_PROFILE=amd-epyc-7b13 OMP_NUM_THREADS=1 %t/prog 2>/dev/null
// RUN: tail -n 1 %t/ledger/*.jsonl | FileCheck %s
// CHECK: "type":"footer"
// CHECK-SAME: {"name":"train:boost",{{[^}]*}}}{{[^}]*}}}{{[^}]*}}}{{[^}]*}}"calls":1,"units":{"step":5}}
// CHECK-SAME: {"name":"infer:predict",{{[^}]*}}}{{[^}]*}}}{{[^}]*}}}{{[^}]*}}"calls":3,"units":{"inference":3}}
#include <xgboost/c_api.h>

static const int Rows = 32, Cols = 3;

void boost(BoosterHandle Booster, DMatrixHandle Train, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round)
    XGBoosterUpdateOneIter(Booster, Round, Train);
}

float predict(BoosterHandle Booster, DMatrixHandle Rows) {
  bst_ulong Len = 0;
  const float *Out = nullptr;
  XGBoosterPredict(Booster, Rows, 0, 0, 0, &Len, &Out);
  return Len ? Out[0] : 0.0f;
}

int main() {
  float Features[Rows * Cols], Labels[Rows];
  for (int R = 0; R < Rows; ++R) {
    for (int C = 0; C < Cols; ++C)
      Features[R * Cols + C] = static_cast<float>((R * 5 + C) % 7);
    Labels[R] = Features[R * Cols] + 0.5f * Features[R * Cols + 1];
  }
  DMatrixHandle Train;
  if (XGDMatrixCreateFromMat(Features, Rows, Cols, -1.0f, &Train) != 0)
    return 1;
  XGDMatrixSetFloatInfo(Train, "label", Labels, Rows);
  BoosterHandle Booster;
  XGBoosterCreate(&Train, 1, &Booster);
  XGBoosterSetParam(Booster, "nthread", "1");
  boost(Booster, Train, 5);
  float Sum = 0;
  for (int I = 0; I < 3; ++I)
    Sum += predict(Booster, Train);
  XGBoosterFree(Booster);
  XGDMatrixFree(Train);
  return Sum >= 0 ? 0 : 1;
}
