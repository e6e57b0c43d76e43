// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-frozen-params-grad %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-frozen-params-grad -DFREEZE_ELSEWHERE %s 2>&1 | FileCheck %s --check-prefix=FROZEN --allow-empty --implicit-check-not="warning:"
// FROZEN-NOT: warning:
#include <torch/torch.h>
#include <vector>

struct BackboneImpl : torch::nn::Module {
  BackboneImpl() : Conv(register_module("conv", torch::nn::Conv2d(3, 8, 3))) {}
  torch::Tensor forward(torch::Tensor X) {
    return torch::adaptive_avg_pool2d(Conv->forward(X), 1).flatten(1);
  }
  torch::nn::Conv2d Conv;
};
TORCH_MODULE(Backbone);

using Batch = std::pair<torch::Tensor, torch::Tensor>;

// Transfer learning: only the head is optimised, but the backbone keeps
// requires_grad on, so every backward fills its gradients.
void fineTune(Backbone Features, torch::nn::Linear Head,
              const std::vector<Batch> &Data) {
  torch::optim::SGD Optimizer(Head->parameters(), 0.01);
  for (const Batch &B : Data) {
    Optimizer.zero_grad();
    torch::Tensor Logits = Head->forward(Features->forward(B.first));
    // CHECK: :[[@LINE-1]]:42: warning: 'Features' runs with gradients on in this training loop, but no optimizer updates its parameters; backward computes and stores gradients nothing uses: set requires_grad to false on its parameters or run it under 'torch::NoGradGuard' [greenlint-retrain-frozen-params-grad]
    // CHECK: :[[@LINE-5]]:21: note: optimizer is built from other modules' parameters only
    torch::Tensor Loss = torch::cross_entropy_loss(Logits, B.second);
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: both modules are optimised.
void trainBoth(Backbone Features, torch::nn::Linear Head,
               const std::vector<Batch> &Data) {
  std::vector<torch::Tensor> Params = Features->parameters();
  torch::optim::SGD Optimizer(Params, 0.01);
  torch::optim::SGD HeadOptimizer(Head->parameters(), 0.01);
  for (const Batch &B : Data) {
    torch::Tensor Loss =
        torch::cross_entropy_loss(Head->forward(Features->forward(B.first)),
                                  B.second);
    Loss.backward();
    Optimizer.step();
    HeadOptimizer.step();
  }
}

// CLEAN: the backbone runs under a guard.
void fineTuneGuarded(Backbone Features, torch::nn::Linear Head,
                     const std::vector<Batch> &Data) {
  torch::optim::SGD Optimizer(Head->parameters(), 0.01);
  for (const Batch &B : Data) {
    torch::Tensor F;
    {
      torch::NoGradGuard Guard;
      F = Features->forward(B.first);
    }
    torch::Tensor Loss = torch::cross_entropy_loss(Head->forward(F), B.second);
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: the backbone's output is detached.
void fineTuneDetached(Backbone Features, torch::nn::Linear Head,
                      const std::vector<Batch> &Data) {
  torch::optim::SGD Optimizer(Head->parameters(), 0.01);
  for (const Batch &B : Data) {
    torch::Tensor F = Features->forward(B.first).detach();
    torch::Tensor Loss = torch::cross_entropy_loss(Head->forward(F), B.second);
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: a loss module has no parameters to compute gradients for.
void trainWithCriterion(torch::nn::Linear Model, torch::nn::MSELoss Criterion,
                        const std::vector<Batch> &Data) {
  torch::optim::Adam Optimizer(Model->parameters());
  for (const Batch &B : Data) {
    torch::Tensor Loss = Criterion(Model->forward(B.first), B.second);
    Loss.backward();
    Optimizer.step();
  }
}

// CLEAN: the optimizer comes from the caller and may hold every parameter.
void trainWith(Backbone Features, torch::nn::Linear Head,
               torch::optim::Optimizer &Optimizer,
               const std::vector<Batch> &Data) {
  for (const Batch &B : Data) {
    torch::Tensor Loss = Head->forward(Features->forward(B.first)).sum();
    Loss.backward();
    Optimizer.step();
  }
}

// The optimizer is a parameter, and the only caller builds it from the
// head alone (pytorch/examples' transfer-learning shape).
void trainLoaded(torch::jit::Module Net, torch::nn::Linear Lin,
                 torch::optim::Optimizer &Optimizer,
                 const std::vector<Batch> &Data) {
  for (const Batch &B : Data) {
    torch::Tensor Out = Lin(Net.forward({B.first}).toTensor());
    // CHECK: :[[@LINE-1]]:29: warning: 'Net' runs with gradients on in this training loop
    // CHECK: :[[@LINE+11]]:22: note: optimizer is built from other modules' parameters only
    torch::Tensor Loss = torch::nll_loss(Out, B.second);
    Loss.backward();
    Optimizer.step();
  }
}

void runTransferLearning(const std::string &Path,
                         const std::vector<Batch> &Data) {
  torch::jit::Module Module = torch::jit::load(Path);
  torch::nn::Linear Lin(512, 2);
  torch::optim::Adam Opt(Lin->parameters(), torch::optim::AdamOptions(1e-3));
  trainLoaded(Module, Lin, Opt, Data);
}

// CLEAN: the caller's optimizer holds both modules' parameters.
void trainJointly(Backbone Features, torch::nn::Linear Head,
                  torch::optim::Optimizer &Optimizer,
                  const std::vector<Batch> &Data) {
  for (const Batch &B : Data) {
    torch::Tensor Loss = Head->forward(Features->forward(B.first)).sum();
    Loss.backward();
    Optimizer.step();
  }
}

void runJointly(const std::vector<Batch> &Data) {
  Backbone Features;
  torch::nn::Linear Head(8, 2);
  std::vector<torch::Tensor> Params = Features->parameters();
  for (const torch::Tensor &P : Head->parameters())
    Params.push_back(P);
  torch::optim::SGD Optimizer(Params, 0.01);
  trainJointly(Features, Head, Optimizer, Data);
}

#ifdef FREEZE_ELSEWHERE
// With freezing anywhere in the file, the backbone may be frozen by the
// caller of fineTune: nothing is reported.
void freeze(Backbone Features) {
  for (torch::Tensor &P : Features->parameters())
    P.set_requires_grad(false);
}
#endif
