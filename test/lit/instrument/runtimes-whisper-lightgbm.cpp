// Units of whisper.cpp and LightGBM (rules/apis/whispercpp.yaml, lightgbm.yaml): a transcription
// counts one inference and its n_samples as milliseconds of audio (16 kHz: n_samples / 16), a
// boosting round one step, a prediction one inference and its nrow as rows, and a function that
// boosts is a train: region even when it also predicts (a validation score inside the loop is
// training work, so its rows do not count).
// RUN: rm -rf %t && mkdir %t
// RUN: %clangxx -std=c++17 -O0 -S -emit-llvm -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-instrument=on -I%inputs/whisper -I%inputs/lightgbm %s -o %t/gen.ll
// RUN: FileCheck %s < %t/gen.ll
// CHECK-LABEL: define {{.*}}@{{.*}}transcribe{{.*}}(
// CHECK: call void @greenlint_region_begin(ptr @[[INFER:greenlint.str[.0-9]*]])
// CHECK: call void @greenlint_units(ptr @[[INFERENCE:greenlint.str[.0-9]*]], i64 1)
// CHECK-NEXT: %[[N64:[0-9a-z.]+]] = sext i32 %[[N:[0-9a-z.]+]] to i64
// CHECK-NEXT: %[[NEG:[0-9a-z.]+]] = icmp slt i64 %[[N64]], 0
// CHECK-NEXT: %[[POS:[0-9a-z.]+]] = select i1 %[[NEG]], i64 0, i64 %[[N64]]
// CHECK-NEXT: %[[MS:[0-9a-z.]+]] = udiv i64 %[[POS]], 16
// CHECK-NEXT: call void @greenlint_units(ptr @[[AUDIO:greenlint.str[.0-9]*]], i64 %[[MS]])
// CHECK-NEXT: {{call|invoke}} {{.*}}@whisper_full({{.*}}, i32 {{.*}}%[[N]])
// CHECK: call void @greenlint_region_end()
// CHECK-LABEL: define {{.*}}@{{.*}}boost{{.*}}(
// CHECK: call void @greenlint_region_begin(ptr @[[TRAIN:greenlint.str[.0-9]*]])
// CHECK: call void @greenlint_units(ptr @[[STEP:greenlint.str[.0-9]*]], i64 1)
// CHECK-NEXT: {{call|invoke}} {{.*}}@LGBM_BoosterUpdateOneIter(
// CHECK-NOT: greenlint_units
// CHECK: call void @greenlint_region_end()
// CHECK-LABEL: define {{.*}}@{{.*}}score{{.*}}(
// CHECK: call void @greenlint_units(ptr @[[INFERENCE]], i64 1)
// CHECK-NEXT: %[[R64:[0-9a-z.]+]] = sext i32 %[[R:[0-9a-z.]+]] to i64
// CHECK: call void @greenlint_units(ptr @[[ROW:greenlint.str[.0-9]*]], i64 %{{[0-9a-z.]+}})
// CHECK-NEXT: {{call|invoke}} {{.*}}@LGBM_BoosterPredictForMat({{.*}}, i32 {{.*}}%[[R]], i32
// RUN: FileCheck %s --check-prefix=GLOBALS < %t/gen.ll
// GLOBALS-DAG: c"infer:transcribe\00"
// GLOBALS-DAG: c"train:boost\00"
// GLOBALS-DAG: c"inference\00"
// GLOBALS-DAG: c"step\00"
// GLOBALS-DAG: c"audio-ms\00"
// GLOBALS-DAG: c"row\00"
//
// Run: the fake library below stands in for libwhisper and lib_lightgbm. 3 s of audio (48,000
// samples) and 1,000 samples more (62.5 ms, counted as 62: whole milliseconds per call); two
// predictions of 5 rows and one of a negative row count (an error path, counted as 0 rows).
// RUN: %clangxx -std=c++17 -O0 -DFAKE_LIBS -I%inputs/whisper -I%inputs/lightgbm -c %s -o %t/fake.o
// RUN: %clangxx -std=c++17 -O1 -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-instrument=on -I%inputs/whisper -I%inputs/lightgbm -I%runtime_include %s %t/fake.o -o %t/prog %link_runtime 2>/dev/null
// RUN: env GREENLINT_LEDGER=%t/ledger GREENLINT_PROFILE=amd-epyc-7b13 GREENLINT_QUIET=1 %t/prog
// RUN: tail -n 1 %t/ledger/*.jsonl | python3 -c "import json,sys; r={g['name']: g['units'] for g in json.load(sys.stdin)['regions']}; print('transcribe', json.dumps(r['infer:transcribe'], sort_keys=True)); print('score', json.dumps(r['infer:score'], sort_keys=True))" | FileCheck %s --check-prefix=LEDGER
// LEDGER: transcribe {"audio-ms": 3062, "inference": 2}
// LEDGER: score {"inference": 3, "row": 10}
#include <LightGBM/c_api.h>
#include <whisper.h>

#if defined(FAKE_LIBS)
whisper_full_params whisper_full_default_params(whisper_sampling_strategy) { return {}; }
int whisper_full(whisper_context *, whisper_full_params, const float *, int N) { return N < 0; }
int LGBM_BoosterUpdateOneIter(BoosterHandle, int *Finished) {
  *Finished = 1;
  return 0;
}
int LGBM_BoosterPredictForMat(BoosterHandle, const void *, int, int32_t Rows, int32_t, int, int,
                              int, int, const char *, int64_t *Len, double *) {
  *Len = Rows;
  return 0;
}
#else
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

double score(BoosterHandle Booster, const double *Rows, int N, int Cols) {
  int64_t Len = 0;
  double Out[8] = {};
  LGBM_BoosterPredictForMat(Booster, Rows, C_API_DTYPE_FLOAT64, N, Cols, 1, C_API_PREDICT_NORMAL,
                            0, -1, "", &Len, Out);
  return Out[0];
}

int main() {
  static float Audio[48000] = {};
  transcribe(nullptr, Audio, 48000);
  transcribe(nullptr, Audio, 1000);
  double Rows[10] = {};
  score(nullptr, Rows, 5, 2);
  score(nullptr, Rows, 5, 2);
  score(nullptr, Rows, -1, 2);
  boost(nullptr, Rows, 5, 2, 2);
  return 0;
}
#endif
