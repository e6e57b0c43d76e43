// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-host-sync-in-loop %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -DCPU_ONLY -fplugin-arg-greenlint-rules=-*,infer-host-sync-in-loop %s 2>&1 | FileCheck %s --check-prefix=CPU --allow-empty --implicit-check-not="warning:"
// RUN: echo "options: {infer-host-sync-in-loop: {OnlyWhenCuda: false}}" > %t.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -DCPU_ONLY -fplugin-arg-greenlint-rules=-*,infer-host-sync-in-loop -fplugin-arg-greenlint-config=%t.yaml %s 2>&1 | FileCheck %s --check-prefix=ANY
// CPU-NOT: warning:
#include <torch/torch.h>
#include <chrono>
#include <iostream>
#include <vector>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

#ifndef CPU_ONLY
static const torch::Device Gpu(torch::kCUDA);
#endif

// The running loss is read back on every step.
double train(Net Model, torch::optim::SGD &Opt,
             const std::vector<torch::Tensor> &Batches) {
  double Total = 0;
  for (const torch::Tensor &B : Batches) {
    Opt.zero_grad();
    torch::Tensor Loss = Model->forward(B).sum();
    Loss.backward();
    Opt.step();
    Total += Loss.item<double>();
    // CHECK: :[[@LINE-1]]:19: warning: 'item' makes the host wait for the GPU on every iteration of this loop; keep the value on the device (accumulate with tensor ops) and read it once after the loop or every N steps [greenlint-infer-host-sync-in-loop]
    // CHECK: :[[@LINE-7]]:3: note: loop runs a model or a training step
    // ANY: :[[@LINE-3]]:19: warning: 'item' makes the host wait
  }
  return Total;
}

// Predictions copied to the host and printed per batch.
void predict(Net Model, const std::vector<torch::Tensor> &Batches) {
  torch::NoGradGuard Guard;
  for (const torch::Tensor &B : Batches) {
    torch::Tensor Out = Model->forward(B).to(torch::kCPU);
    // CHECK: :[[@LINE-1]]:43: warning: 'to' makes the host wait
    std::cout << Out << "\n";
    // CHECK: :[[@LINE-1]]:15: warning: 'operator<<' makes the host wait
    torch::cuda::synchronize();
    // CHECK: :[[@LINE-1]]:5: warning: 'synchronize' makes the host wait
  }
}

// CLEAN: logging every N steps.
void trainLogged(Net Model, torch::optim::SGD &Opt,
                 const std::vector<torch::Tensor> &Batches) {
  int Step = 0;
  for (const torch::Tensor &B : Batches) {
    torch::Tensor Loss = Model->forward(B).sum();
    Loss.backward();
    Opt.step();
    if (++Step % 100 == 0)
      std::cout << Loss.item<float>() << "\n";
  }
}

// CLEAN: read once after the loop; the loop runs no model.
float sumAfter(const std::vector<torch::Tensor> &Parts) {
  torch::Tensor Total = torch::zeros({1});
  for (const torch::Tensor &P : Parts)
    Total += P.sum();
  float Values = 0;
  for (int I = 0; I < 3; ++I)
    Values += Parts[I].sum().item<float>();
  return Total.item<float>() + Values;
}

// CLEAN: a timed benchmark must wait for the GPU.
double timeForward(Net Model, torch::Tensor X) {
  torch::NoGradGuard Guard;
  auto Start = std::chrono::steady_clock::now();
  for (int I = 0; I < 10; ++I) {
    Model->forward(X);
    torch::cuda::synchronize();
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
      .count();
}

// CLEAN: moving to the device is not a read back.
void upload(Net Model, std::vector<torch::Tensor> &Batches, torch::Device D) {
  for (torch::Tensor &B : Batches)
    B = Model->forward(B.to(D));
}
