// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-zero-grad-false %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: cp %s %t.cpp && %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-zero-grad-false -Xclang -fixit %t.cpp 2>/dev/null; FileCheck --check-prefix=FIXED %s < %t.cpp
// RUN: %clangxx %torch -fsyntax-only -Werror %t.cpp
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

void train(Net Model, torch::optim::SGD &Opt, torch::Tensor X, int Steps) {
  for (int I = 0; I < Steps; ++I) {
    Model->zero_grad();
    // CHECK: :[[@LINE-1]]:12: warning: 'zero_grad' defaults to set_to_none=false and writes zeros into every gradient each step; pass true {{.*}} [greenlint-retrain-zero-grad-false]
    // FIXED: Model->zero_grad(/*set_to_none=*/true);
    torch::Tensor Loss = Model->forward(X).sum();
    Loss.backward();
    Opt.step();
  }
}

void trainExplicit(Net Model, torch::Tensor X) {
  Model->zero_grad(false);
  // CHECK: :[[@LINE-1]]:10: warning: 'zero_grad' is called with set_to_none=false
  // FIXED: Model->zero_grad(true);
  Model->forward(X).sum().backward();
}

// CLEAN: already releasing gradients.
void trainReleasing(Net Model, torch::Tensor X) {
  Model->zero_grad(true);
  Model->forward(X).sum().backward();
}

// CLEAN: the flag comes from a variable; the author chose it on purpose.
void trainConfigured(Net Model, torch::Tensor X, bool SetToNone) {
  Model->zero_grad(SetToNone);
  Model->forward(X).sum().backward();
}

// CLEAN: a user class with its own zero_grad(bool) is not a LibTorch module.
struct Accumulator {
  void zero_grad(bool Keep = false) {}
};
void resetAccumulator(Accumulator &A) { A.zero_grad(); }

// CLEAN: the optimizer's zero_grad in LibTorch 1.13 has no set_to_none flag.
void stepOptimizer(torch::optim::SGD &Opt) { Opt.zero_grad(); }
