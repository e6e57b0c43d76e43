// End to end: the plugin instruments a LibTorch program with no source change, the program
// links the runtime, runs with GREENLINT_LEDGER set, and the ledger holds one region per hot
// path with the real numbers of calls and units.
// RUN: rm -rf %t && mkdir %t
// RUN: %clangxx %torch -O0 -fplugin=%plugin -fplugin-arg-greenlint-instrument=on -fplugin-arg-greenlint-rules=-* -fplugin-arg-greenlint-facts=%t/facts -I%runtime_include %s -o %t/prog %link_runtime %link_torch
// RUN: env GREENLINT_LEDGER=%t/ledger GREENLINT_PROFILE=amd-epyc-7b13 %t/prog 2>/dev/null
// RUN: tail -n 1 %t/ledger/*.jsonl | FileCheck %s
// The footer: one region per hot path, calls and units as executed below. The one extra
// greenlint_region_end() in main is the only unbalanced end: the region of mayThrow was closed
// while the exception unwound through it.
// CHECK: "type":"footer"
// CHECK-SAME: "unbalanced_ends":1
// CHECK-SAME: {"name":"train:train",{{[^}]*}}}{{[^}]*}}}{{[^}]*}}}{{[^}]*}}"calls":1,"units":{"step":7}}
// CHECK-SAME: {"name":"infer:serve",{{[^}]*}}}{{[^}]*}}}{{[^}]*}}}{{[^}]*}}"calls":3,"units":{"inference":15}}
// CHECK-SAME: {"name":"region:mayThrow",{{[^}]*}}}{{[^}]*}}}{{[^}]*}}}{{[^}]*}}"calls":2,"units":{}}
// The facts file maps each region to its source line, phase and framework.
// RUN: cat %t/facts/*.json | FileCheck %s --check-prefix=FACTS
// FACTS: "regions": [
// FACTS: "name": "train:train",
// FACTS-NEXT: "phase": "train",
// FACTS-NEXT: "framework": "libtorch",
// FACTS-NEXT: "file": "{{.*}}ledger.cpp",
// FACTS-NEXT: "line": [[@LINE+18]],
// FACTS-NEXT: "end_line": [[@LINE+23]],
// FACTS: "name": "infer:serve",
// FACTS: "unit_sites": [
// FACTS-NEXT: {
// FACTS-NEXT: "unit": "inference",
// FACTS-NEXT: "line": [[@LINE+25]]
#include <greenlint/greenlint.h>
#include <stdexcept>
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

[[clang::annotate("greenlint::region")]] void mayThrow(bool Throw) {
  if (Throw)
    throw std::runtime_error("thrown through an instrumented function");
}

[[clang::annotate("greenlint::no_region")]] double serveUnmeasured(Net Model) {
  torch::InferenceMode Guard;
  return Model->forward(torch::ones({1, 4})).sum().item<double>();
}

int main() {
  Net Model;
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  train(Model, Opt, 7);
  for (int I = 0; I < 3; ++I)
    serve(Model, 5);
  serveUnmeasured(Model);
  try {
    mayThrow(true);
  } catch (const std::runtime_error &) {
  }
  mayThrow(false);
  greenlint_region_end();
  return 0;
}
