// Units of XGBoost and dlib (rules/apis/xgboost.yaml, dlib.yaml) and of lambdas: a boosting round
// counts one step, a prediction outside a boosting function one inference, a dlib trainer step one
// step, and a lambda holding an inference call is a region of its own (its enclosing function is not).
// RUN: %clangxx -std=c++17 -O0 -S -emit-llvm -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-instrument=on %s -o %t.ll
// RUN: FileCheck %s < %t.ll
// RUN: FileCheck %s --check-prefix=GLOBALS < %t.ll
// GLOBALS-DAG: c"train:boost\00"
// GLOBALS-DAG: c"infer:predict\00"
// GLOBALS-DAG: c"train:dlibStep\00"
// GLOBALS-DAG: c"inference\00"
// GLOBALS-DAG: c"step\00"
// GLOBALS-DAG: c"infer:serveAll::lambda@[[#@LINE+56]]\00"
// GLOBALS-NOT: c"{{[a-z]+}}:serveAll\00"
#include <dlib/dnn.h>
#include <xgboost/c_api.h>

// CHECK-LABEL: define {{.*}}@{{.*}}boost{{.*}}(
// CHECK: call void @greenlint_region_begin(
// CHECK: call void @greenlint_units(ptr @[[STEP:greenlint.str[.0-9]*]], i64 1)
// CHECK-NEXT: {{call|invoke}} {{.*}}@XGBoosterUpdateOneIter(
// CHECK-NOT: greenlint_units
// CHECK: call void @greenlint_region_end()
void boost(BoosterHandle Booster, DMatrixHandle Train, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) {
    XGBoosterUpdateOneIter(Booster, Round, Train);
    // A validation score inside the boosting loop is training work: no unit.
    bst_ulong Len = 0;
    const float *Out = nullptr;
    XGBoosterPredict(Booster, Train, 0, 0, 0, &Len, &Out);
  }
}

// CHECK-LABEL: define {{.*}}@{{.*}}predict{{.*}}(
// CHECK: call void @greenlint_region_begin(
// CHECK: call void @greenlint_units(ptr @[[INFERENCE:greenlint.str[.0-9]*]], i64 1)
// CHECK-NEXT: {{call|invoke}} {{.*}}@XGBoosterPredictFromDMatrix(
// CHECK: call void @greenlint_region_end()
int predict(BoosterHandle Booster, DMatrixHandle Rows) {
  const bst_ulong *Shape = nullptr;
  bst_ulong Dim = 0;
  const float *Out = nullptr;
  return XGBoosterPredictFromDMatrix(Booster, Rows, "{\"type\": 0}", &Shape, &Dim, &Out);
}

using Net = dlib::loss_mean_squared<dlib::fc<1, dlib::input<dlib::matrix<float>>>>;
// CHECK-LABEL: define {{.*}}@{{.*}}dlibStep{{.*}}(
// CHECK: call void @greenlint_region_begin(
// CHECK: call void @greenlint_units(ptr @[[STEP]], i64 1)
// CHECK-NEXT: {{call|invoke}} {{.*}}train_one_step
// CHECK: call void @greenlint_region_end()
void dlibStep(dlib::dnn_trainer<Net> &Trainer, const std::vector<dlib::matrix<float>> &X,
              const std::vector<float> &Y) {
  Trainer.train_one_step(X, Y);
}

// The lambda is the hot path: the counted call sits in its call operator.
// CHECK-LABEL: define {{.*}}@{{.*}}serveAll{{.*}}clEv{{"?}}(
// CHECK: call void @greenlint_region_begin(
// CHECK: call void @greenlint_units(ptr @[[INFERENCE]], i64 1)
// CHECK-NEXT: {{call|invoke}} {{.*}}@XGBoosterPredictFromDense(
// CHECK: call void @greenlint_region_end()
template <typename F> void forEachBatch(int N, F Body) {
  for (int I = 0; I < N; ++I)
    Body();
}
extern BoosterHandle Served;
void serveAll(const float *Data, int N) {
  forEachBatch(N, [&] {
    const bst_ulong *Shape = nullptr;
    bst_ulong Dim = 0;
    const float *Out = nullptr;
    XGBoosterPredictFromDense(Served, reinterpret_cast<const char *>(Data), "{}", nullptr,
                              &Shape, &Dim, &Out);
  });
}
