// Units of whisper.cpp and LightGBM (rules/apis/whispercpp.yaml, lightgbm.yaml): a transcription
// counts one inference, a boosting round one step, and a function that boosts is a train: region
// even when it also predicts (a validation score inside the loop is training work).
// RUN: %clangxx -std=c++17 -O0 -S -emit-llvm -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-instrument=on -I%inputs/whisper -I%inputs/lightgbm %s -o %t.ll
// RUN: FileCheck %s < %t.ll
// CHECK-LABEL: define {{.*}}@{{.*}}transcribe{{.*}}(
// CHECK: call void @greenlint_region_begin(ptr @[[INFER:greenlint.str[.0-9]*]])
// CHECK: call void @greenlint_units(ptr @[[INFERENCE:greenlint.str[.0-9]*]], i64 1)
// CHECK-NEXT: {{call|invoke}} {{.*}}@whisper_full(
// CHECK: call void @greenlint_region_end()
// CHECK-LABEL: define {{.*}}@{{.*}}boost{{.*}}(
// CHECK: call void @greenlint_region_begin(ptr @[[TRAIN:greenlint.str[.0-9]*]])
// CHECK: call void @greenlint_units(ptr @[[STEP:greenlint.str[.0-9]*]], i64 1)
// CHECK-NEXT: {{call|invoke}} {{.*}}@LGBM_BoosterUpdateOneIter(
// CHECK-NOT: greenlint_units
// CHECK: call void @greenlint_region_end()
// RUN: FileCheck %s --check-prefix=GLOBALS < %t.ll
// GLOBALS-DAG: c"infer:transcribe\00"
// GLOBALS-DAG: c"train:boost\00"
// GLOBALS-DAG: c"inference\00"
// GLOBALS-DAG: c"step\00"
#include <LightGBM/c_api.h>
#include <whisper.h>

int transcribe(whisper_context *Ctx, const float *Samples, int N) {
  return whisper_full(Ctx, whisper_full_default_params(WHISPER_SAMPLING_GREEDY), Samples, N);
}

void boost(BoosterHandle Booster, const double *Valid, int Rows, int Cols, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) {
    int Finished = 0;
    LGBM_BoosterUpdateOneIter(Booster, &Finished);
    int64_t Len = 0;
    double Out[8];
    LGBM_BoosterPredictForMat(Booster, Valid, C_API_DTYPE_FLOAT64, Rows, Cols, 1,
                              C_API_PREDICT_NORMAL, 0, -1, "", &Len, Out);
  }
}
