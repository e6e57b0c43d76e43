// Linting never changes code generation: the object file with the plugin loaded (and findings
// reported) is byte-for-byte the one built without it, at -O0 and -O2.
// RUN: rm -rf %t && mkdir %t
// RUN: %clangxx %torch -O0 -c %s -o %t/plain0.o
// RUN: %clangxx %torch -O0 -c %s -o %t/lint0.o -fplugin=%plugin 2>&1 | FileCheck %s
// RUN: cmp %t/plain0.o %t/lint0.o
// RUN: %clangxx %torch_headers -O2 -c %s -o %t/plain2.o
// RUN: %clangxx %torch_headers -O2 -c %s -o %t/lint2.o -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/facts 2>/dev/null
// RUN: cmp %t/plain2.o %t/lint2.o
// CHECK: warning: {{.*}}[greenlint-infer-load-in-loop]
// CHECK: warning: {{.*}}[greenlint-retrain-zero-grad-false]
#include <torch/script.h>
#include <torch/torch.h>

void serve(const std::string &Path, int N) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < N; ++I) {
    auto M = torch::jit::load(Path);
    M.forward({torch::ones({1, 4})});
  }
}

void train(torch::nn::Linear Model, torch::optim::SGD &Opt) {
  Model->zero_grad();
  Model->forward(torch::ones({1, 4})).sum().backward();
  Opt.step();
}
