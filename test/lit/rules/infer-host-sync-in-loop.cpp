// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-host-sync-in-loop %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -DCPU_ONLY -fplugin-arg-greenlint-rules=-*,infer-host-sync-in-loop %s 2>&1 | FileCheck %s --check-prefix=CPU --allow-empty --implicit-check-not="warning:"
// RUN: echo "options: {infer-host-sync-in-loop: {OnlyWhenCuda: false}}" > %t.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -DCPU_ONLY -fplugin-arg-greenlint-rules=-*,infer-host-sync-in-loop -fplugin-arg-greenlint-config=%t.yaml %s 2>&1 | FileCheck %s --check-prefix=ANY
// CPU-NOT: warning:
#include <torch/torch.h>
#include <chrono>
#include <cstdio>
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
    std::cout << Model->forward(B) << "\n";
    // CHECK: :[[@LINE-1]]:15: warning: 'operator<<' makes the host wait
    // CLEAN: Out is on the host already; printing it waits for nothing.
    std::cout << Out << "\n";
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
    // A sample saved every 500 steps, read back inside a declaration.
    if (Step % 500 == 0) {
      torch::Tensor Image = B.to(torch::kCPU).clone().clamp_(0, 1);
      (void)Image;
    }
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

#ifndef CPU_ONLY
// The device is chosen at run time and given to the training function; the
// batch moved to it is read back every step.
void trainOnDevice(Net Model, torch::Device Device, torch::optim::SGD &Opt,
                   const std::vector<torch::Tensor> &Batches) {
  for (const torch::Tensor &B : Batches) {
    torch::Tensor Data = B.to(Device);
    torch::Tensor Loss = Model->forward(Data).sum();
    Loss.backward();
    Opt.step();
    std::printf("%f\n", Loss.item<float>());
    // CHECK: :[[@LINE-1]]:30: warning: 'item' makes the host wait
    // CHECK: :[[@LINE-7]]:3: note: loop runs a model or a training step
  }
}

void runTraining(bool UseCuda, const std::vector<torch::Tensor> &Batches) {
  torch::DeviceType Type = UseCuda ? torch::kCUDA : torch::kCPU;
  torch::Device Device(Type);
  Net Model;
  Model->to(Device);
  // CHECK: :[[@LINE-1]]:10: note: the value can be on the GPU: it comes from here
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  trainOnDevice(Model, Device, Opt, Batches);
}

// The module is moved to CUDA when a GPU is there; the output of every batch
// is read back.
float evaluate(const std::vector<torch::Tensor> &Batches) {
  Net Model;
  if (torch::cuda::is_available())
    Model->to(torch::kCUDA);
  torch::NoGradGuard Guard;
  float Correct = 0;
  for (const torch::Tensor &B : Batches) {
    torch::Tensor Pred = Model->forward(B).argmax(1);
    Correct += Pred.sum().item<float>();
    // CHECK: :[[@LINE-1]]:27: warning: 'item' makes the host wait
  }
  return Correct;
}

// CLEAN: a CPU-only training loop in a file that uses CUDA elsewhere: the
// model and its data never leave the host.
double trainOnCpu() {
  Net Model;
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  double Total = 0;
  for (int Epoch = 0; Epoch < 10; ++Epoch) {
    torch::Tensor X = torch::randn({8, 4});
    torch::Tensor Loss = Model->forward(X).sum();
    Loss.backward();
    Opt.step();
    Total += Loss.item<double>();
  }
  return Total;
}

// CLEAN: the device is named, and it is the CPU.
double trainExplicitCpu(const std::vector<torch::Tensor> &Batches) {
  torch::Device Device(torch::kCPU);
  Net Model;
  Model->to(Device);
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  double Total = 0;
  for (const torch::Tensor &B : Batches) {
    torch::Tensor Loss = Model->forward(B.to(Device)).sum();
    Loss.backward();
    Opt.step();
    Total += Loss.item<double>();
  }
  return Total;
}

// CLEAN: on the GPU, but the host reads the loss once, after the loop.
double trainThenRead(const std::vector<torch::Tensor> &Batches) {
  torch::Device Device(torch::kCUDA);
  Net Model;
  Model->to(Device);
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  torch::Tensor Total = torch::zeros({}, Device);
  for (const torch::Tensor &B : Batches) {
    torch::Tensor Loss = Model->forward(B.to(Device)).sum();
    Loss.backward();
    Opt.step();
    Total += Loss.detach();
  }
  return Total.item<double>();
}
// Metrics in the project's own helpers, called on every batch of a model
// that runs on the GPU when one is there.
float accuracyOf(const torch::Tensor &Logits, const torch::Tensor &Labels) {
  return Logits.argmax(1).eq(Labels).sum().item<float>() / Labels.size(0);
}

void logLoss(const torch::Tensor &Loss) {
  std::printf("loss %f\n", Loss.item<float>());
}

float meanOf(const std::vector<float> &Values) {
  float Sum = 0;
  for (float V : Values)
    Sum += V;
  return Sum / static_cast<float>(Values.size());
}

// An evaluation pass with its own loop: judged inside, not at the caller.
float evaluateAll(Net &Model, const std::vector<torch::Tensor> &Batches) {
  float Correct = 0;
  for (const torch::Tensor &B : Batches)
    Correct += Model->forward(B.to(Gpu)).argmax(1).sum().item<float>();
  // CHECK: :[[@LINE-1]]:58: warning: 'item' makes the host wait
  // CHECK: :[[@LINE-3]]:3: note: loop runs a model or a training step
  return Correct;
}

void trainWithMetrics(bool UseCuda, const std::vector<torch::Tensor> &Batches,
                      const torch::Tensor &Labels) {
  torch::Device Device(UseCuda ? torch::kCUDA : torch::kCPU);
  Net Model;
  Model->to(Device);
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  std::vector<float> HostValues;
  for (int Epoch = 0; Epoch < 5; ++Epoch) {
    for (const torch::Tensor &B : Batches) {
      torch::Tensor Logits = Model->forward(B.to(Device));
      torch::Tensor Loss = torch::cross_entropy_loss(Logits, Labels.to(Device));
      Loss.backward();
      Opt.step();
      float Acc = accuracyOf(Logits, Labels);
      // CHECK: :[[@LINE-1]]:19: warning: 'accuracyOf' makes the host wait for the GPU on every iteration of this loop (through 'item'); keep the value on the device (accumulate with tensor ops) and read it once after the loop or every N steps [greenlint-infer-host-sync-in-loop]
      // CHECK: :[[@LINE-7]]:5: note: loop is here
      // CHECK: :[[@LINE-40]]:10: note: 'item' reads the value on the host here
      logLoss(Loss);
      // CHECK: :[[@LINE-1]]:7: warning: 'logLoss' makes the host wait for the GPU
      HostValues.push_back(Acc);
      // CLEAN: a helper over host values reads nothing back.
      (void)meanOf(HostValues);
    }
    // CLEAN: the evaluation's own loop is where its read-back is reported.
    (void)evaluateAll(Model, Batches);
  }
}

// CLEAN: the model and the batches stay on the CPU; a helper reading the
// loss back waits for nothing.
void trainOnHost(int Steps) {
  Net Model;
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  for (int Step = 0; Step < Steps; ++Step) {
    torch::Tensor Loss = Model->forward(torch::randn({8, 4})).sum();
    Loss.backward();
    Opt.step();
    logLoss(Loss);
  }
}

// CLEAN: the helper reads back only every 100 steps.
void trainLoggedHelper(const std::vector<torch::Tensor> &Batches) {
  Net Model;
  Model->to(Gpu);
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  int Step = 0;
  for (const torch::Tensor &B : Batches) {
    torch::Tensor Loss = Model->forward(B.to(Gpu)).sum();
    Loss.backward();
    Opt.step();
    if (++Step % 100 == 0)
      logLoss(Loss);
  }
}
#endif
