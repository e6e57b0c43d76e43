// The instrumentation pass in IR: region begin at entry, end on every exit including unwinding,
// unit counts before the counted calls; at -O0 and -O2; once even when the same greenlint.so is
// also given as a pass plugin; nothing without instrument=on; a clear link error without the
// runtime.
// RUN: rm -rf %t && mkdir %t
// RUN: %clangxx %torch -O0 -S -emit-llvm -fplugin=%plugin -fplugin-arg-greenlint-instrument=on %s -o %t/o0.ll 2>/dev/null
// RUN: FileCheck %s --check-prefix=O0 < %t/o0.ll
// O0-LABEL: define {{.*}} @_Z5train3NetRN5torch5optim3SGDEi(
// O0: call void @greenlint_region_begin(ptr @[[TRAIN:greenlint.str[.0-9]*]])
// O0: call void @greenlint_units(ptr @[[STEP:greenlint.str[.0-9]*]], i64 1)
// O0-NEXT: invoke void %{{[0-9]+}}(
// O0: call void @greenlint_region_end()
// O0-NEXT: ret void
// O0: landingpad
// O0: call void @greenlint_region_end()
// O0: resume
// O0-LABEL: define {{.*}} @_Z6helperi(
// O0-NOT: greenlint_region
// O0: ret i32
// RUN: FileCheck %s --check-prefix=GLOBALS < %t/o0.ll
// GLOBALS-DAG: @greenlint.str{{[.0-9]*}} = private constant [12 x i8] c"train:train\00"
// GLOBALS-DAG: @greenlint.str{{[.0-9]*}} = private constant [12 x i8] c"infer:serve\00"
// GLOBALS-DAG: @greenlint.str{{[.0-9]*}} = private constant [5 x i8] c"step\00"
// GLOBALS-DAG: @greenlint.str{{[.0-9]*}} = private constant [10 x i8] c"inference\00"
//
// RUN: %clangxx %torch_headers -O2 -S -emit-llvm -fplugin=%plugin -fplugin-arg-greenlint-instrument=on %s -o %t/o2.ll 2>/dev/null
// RUN: FileCheck %s --check-prefix=O2 < %t/o2.ll
// O2-LABEL: define {{.*}} @_Z5train3NetRN5torch5optim3SGDEi(
// O2: call void @greenlint_region_begin(
// O2: call void @greenlint_units(
// O2: call void @greenlint_region_end()
//
// Given twice (plugin and pass plugin), the pass still instruments once.
// RUN: %clangxx %torch -O0 -S -emit-llvm -fplugin=%plugin -fpass-plugin=%plugin -fplugin-arg-greenlint-instrument=on %s -o %t/twice.ll 2>/dev/null
// RUN: grep -c "call void @greenlint_region_begin" %t/o0.ll > %t/once.count
// RUN: grep -c "call void @greenlint_region_begin" %t/twice.ll | diff - %t/once.count
// RUN: grep -c "call void @greenlint_region_begin" %t/twice.ll | FileCheck %s --check-prefix=COUNT
// COUNT: {{^}}2{{$}}
//
// Lint only (the default): no runtime calls at all.
// RUN: %clangxx %torch -O0 -S -emit-llvm -fplugin=%plugin %s -o - 2>/dev/null | not grep greenlint_
//
// Linking instrumented code without the runtime names the fix.
// RUN: %clangxx %torch -O0 -c -fplugin=%plugin -fplugin-arg-greenlint-instrument=on %s -o %t/prog.o 2>/dev/null
// RUN: not %clangxx %t/prog.o -o %t/prog %link_torch 2>&1 | FileCheck %s --check-prefix=LINK
// LINK: undefined reference to `greenlint_instrumented_code_needs_libgreenlint_rt'
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

void train(Net Model, torch::optim::SGD &Opt, int Steps) {
  for (int I = 0; I < Steps; ++I) {
    Model->zero_grad(true);
    Model->forward(torch::ones({3, 4})).sum().backward();
    Opt.step();
  }
}

double serve(Net Model, int Requests) {
  torch::InferenceMode Guard;
  Model->eval();
  double Sum = 0;
  for (int I = 0; I < Requests; ++I)
    Sum += Model->forward(torch::ones({1, 4})).sum().item<double>();
  return Sum;
}

int helper(int X) { return X * 2; }

int main() {
  Net Model;
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  train(Model, Opt, 2);
  return serve(Model, 2) > 0 ? helper(1) : 0;
}
