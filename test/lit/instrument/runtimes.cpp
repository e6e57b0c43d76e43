// Hot paths of runtimes without autograd (here ONNX Runtime, through the API-signature header in
// test/Inputs): a function that runs a session is an infer: region and each Run counts one
// inference; a helper without inference calls is left alone.
// RUN: %clangxx -std=c++17 -O0 -S -emit-llvm -fplugin=%plugin -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-instrument=on -I%inputs/onnxruntime %s -o %t.ll
// RUN: FileCheck %s < %t.ll
// CHECK-LABEL: define {{.*}} @_Z5serveRN3Ort7SessionEPKPKcS5_i(
// CHECK: call void @greenlint_region_begin(ptr @[[REGION:greenlint.str[.0-9]*]])
// CHECK: call void @greenlint_units(ptr @[[UNIT:greenlint.str[.0-9]*]], i64 1)
// CHECK-NEXT: invoke {{.*}}SessionImpl{{.*}}Run
// CHECK: call void @greenlint_region_end()
// CHECK-LABEL: define {{.*}} @_Z6helperi(
// CHECK-NOT: greenlint_region
// CHECK: ret i32
// RUN: FileCheck %s --check-prefix=GLOBALS < %t.ll
// GLOBALS-DAG: c"infer:serve\00"
// GLOBALS-DAG: c"inference\00"
#include <onnxruntime_cxx_api.h>
#include <vector>

std::vector<Ort::Value> nextInputs();

void serve(Ort::Session &Session, const char *const *In, const char *const *Out, int N) {
  for (int I = 0; I < N; ++I) {
    std::vector<Ort::Value> X = nextInputs();
    Session.Run(Ort::RunOptions{nullptr}, In, X.data(), X.size(), Out, 1);
  }
}

int helper(int X) { return X + 1; }
