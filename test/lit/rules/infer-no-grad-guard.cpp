// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-no-grad-guard %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: echo "options: {infer-no-grad-guard: {InferenceFunctionRegex: '^predict'}}" > %t.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-no-grad-guard -fplugin-arg-greenlint-config=%t.yaml %s 2>&1 | FileCheck %s --check-prefixes=CHECK,REGEX --implicit-check-not="warning:"
#include <torch/script.h>
#include <torch/torch.h>
#include <vector>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

// eval() marks an inference path; nothing turns autograd off.
torch::Tensor evaluate(Net Model, const std::vector<torch::Tensor> &Batches) {
  Model->eval();
  torch::Tensor Sum = torch::zeros({2});
  for (const torch::Tensor &B : Batches)
    Sum += Model->forward(B).sum(0);
  // CHECK: :[[@LINE-1]]:12: warning: forward pass runs with autograd recording in an inference path; hold 'torch::InferenceMode guard;' (or 'torch::NoGradGuard') in this scope so no autograd graph is built or kept [greenlint-infer-no-grad-guard]
  // CHECK: :[[@LINE-5]]:3: note: inference path from here: no backward() or optimizer step follows before the forward pass
  return Sum;
}

// A TorchScript model loaded and run: inference, no guard. The call through
// ModuleHolder's operator() counts too.
void scoreFile(const std::string &Path, torch::Tensor X, Net Small) {
  torch::jit::Module M = torch::jit::load(Path);
  M.forward({X});
  // CHECK: :[[@LINE-1]]:3: warning: forward pass runs with autograd recording
  // CHECK: :[[@LINE-3]]:26: note: inference path from here
}

// Training and serving in one function: the serving loop after eval() is inference.
void trainThenServe(Net Model, torch::optim::SGD &Opt, torch::Tensor X, int N) {
  for (int I = 0; I < N; ++I) {
    Model->zero_grad(true);
    Model->forward(X).sum().backward();
    Opt.step();
  }
  Model->eval();
  for (int I = 0; I < N; ++I)
    Model->forward(X);
  // CHECK: :[[@LINE-1]]:5: warning: forward pass runs with autograd recording
  // CHECK: :[[@LINE-4]]:3: note: inference path from here
}

// Validation inside the epoch loop, after eval() and before train(), records a graph per batch.
void fit(Net Model, torch::optim::SGD &Opt, torch::Tensor X, torch::Tensor V) {
  for (int Epoch = 0; Epoch < 10; ++Epoch) {
    Model->train();
    for (int B = 0; B < 100; ++B) {
      Model->zero_grad(true);
      Model->forward(X).sum().backward();
      Opt.step();
    }
    Model->eval();
    for (int B = 0; B < 10; ++B)
      Model->forward(V);
    // CHECK: :[[@LINE-1]]:7: warning: forward pass runs with autograd recording
    // CHECK: :[[@LINE-4]]:5: note: inference path from here
  }
}

// Only with InferenceFunctionRegex: the name says inference.
torch::Tensor predictOne(Net Model, torch::Tensor X) {
  return Model->forward(X);
  // REGEX: :[[@LINE-1]]:10: warning: forward pass runs with autograd recording
}

// CLEAN: the guard is held in an enclosing scope of the loop.
torch::Tensor evaluateGuarded(Net Model, const std::vector<torch::Tensor> &Bs) {
  Model->eval();
  torch::InferenceMode Guard;
  torch::Tensor Sum = torch::zeros({2});
  for (const torch::Tensor &B : Bs) {
    Sum += Model->forward(B).sum(0);
  }
  return Sum;
}

// CLEAN: the spelling torch::NoGradGuard is an alias of c10::NoGradGuard;
// the guard also covers a lambda run in its scope.
void evaluateWithLambda(Net Model, const std::vector<torch::Tensor> &Bs) {
  torch::NoGradGuard NoGrad;
  Model->eval();
  auto Run = [&](const torch::Tensor &B) { return Model->forward(B); };
  for (const auto &B : Bs)
    Run(B);
}

// CLEAN: the caller holds the guard for this helper.
torch::Tensor runModel(torch::jit::Module &M, torch::Tensor X) {
  M.eval();
  return M.forward({X}).toTensor();
}
void serve(torch::jit::Module &M, torch::Tensor X) {
  c10::InferenceMode Guard;
  runModel(M, X);
}

// CLEAN: training code: backward and step in the same function.
void trainStep(Net Model, torch::optim::SGD &Opt, torch::Tensor X) {
  Model->eval(); // e.g. frozen batch-norm statistics
  torch::Tensor Loss = Model->forward(X).sum();
  Loss.backward();
  Opt.step();
}

// CLEAN: gradients with respect to the input (saliency) need autograd.
torch::Tensor saliency(Net Model, torch::Tensor X) {
  Model->eval();
  X.set_requires_grad(true);
  torch::Tensor Out = Model->forward(X).sum();
  return torch::autograd::grad({Out}, {X})[0];
}

// CLEAN: AutoGradMode(false) is a guard; AutoGradMode(true) would not be.
void evaluateAutoGrad(Net Model, torch::Tensor X) {
  Model->eval();
  torch::AutoGradMode Off(false);
  Model->forward(X);
}
