// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-early-stop %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: echo "options: {retrain-no-early-stop: {MinIterations: 5000}}" > %t.yaml
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-early-stop -fplugin-arg-greenlint-config=%t.yaml %s 2>&1 | FileCheck %s --check-prefix=BUDGET --implicit-check-not="warning:"
// LibTorch epochs (Frameworks: libtorch), with passes over data loaders of known datasets.
// RUN: echo "options: {retrain-no-early-stop: {Frameworks: libtorch}}" > %t.torch.yaml
// RUN: %clangxx %torch -DWITH_TORCH -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-early-stop -fplugin-arg-greenlint-config=%t.torch.yaml %s 2>&1 | FileCheck %s --check-prefixes=TORCH,SIZES --implicit-check-not="warning:"
// RUN: echo "options: {retrain-no-early-stop: {Frameworks: libtorch, UseDatasetSizes: false}}" > %t.nosizes.yaml
// RUN: %clangxx %torch -DWITH_TORCH -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-early-stop -fplugin-arg-greenlint-config=%t.nosizes.yaml %s 2>&1 | FileCheck %s --check-prefix=TORCH --implicit-check-not="warning:"
#ifndef WITH_TORCH
#include <dlib/dnn.h>
#include <xgboost/c_api.h>
#include <vector>

using Net = dlib::loss_multiclass_log<dlib::fc<10, dlib::input<dlib::matrix<float>>>>;

// A fixed 1000 boosting rounds, no evaluation, no exit.
void boost(BoosterHandle Booster, DMatrixHandle Train) {
  for (int Iter = 0; Iter < 1000; ++Iter)
  // CHECK: :[[@LINE-1]]:3: warning: loop always runs 1000 training rounds with no validation and no early exit, so it keeps training after the model stops improving; evaluate on held-out data each round and stop when the score has not improved for a while [greenlint-retrain-no-early-stop]
    XGBoosterUpdateOneIter(Booster, Iter, Train);
  // CHECK: :[[@LINE-1]]:5: note: parameters are updated here by 'XGBoosterUpdateOneIter'
}

// The count comes from a local initialised once; 50 epochs of 20 trainer steps.
void trainDlib(dlib::dnn_trainer<Net> &Trainer,
               const std::vector<dlib::matrix<float>> &X,
               const std::vector<unsigned long> &Y) {
  int Epochs = 50;
  for (int E = 1; E <= Epochs; ++E)
  // CHECK: :[[@LINE-1]]:3: warning: loop always runs 50 epochs with no validation
    for (int B = 0; B < 20; ++B)
      Trainer.train_one_step(X, Y);
  // CHECK: note: parameters are updated here by 'dlib::dnn_trainer::train_one_step'
}

// CLEAN: evaluation every round, XGBoost's early-stopping shape.
void boostWithEval(BoosterHandle Booster, DMatrixHandle Train,
                   DMatrixHandle Valid) {
  DMatrixHandle Sets[2] = {Train, Valid};
  const char *Names[2] = {"train", "valid"};
  const char *Result = nullptr;
  for (int Iter = 0; Iter < 1000; ++Iter) {
    XGBoosterUpdateOneIter(Booster, Iter, Train);
    XGBoosterEvalOneIter(Booster, Iter, Sets, Names, 2, &Result);
  }
}

// CLEAN: a break on a metric.
double validationLoss(BoosterHandle Booster);
void boostUntilConverged(BoosterHandle Booster, DMatrixHandle Train) {
  for (int Iter = 0; Iter < 1000; ++Iter) {
    XGBoosterUpdateOneIter(Booster, Iter, Train);
    if (Iter % 10 == 0 && validationLoss(Booster) < 0.01)
      break;
  }
}

// CLEAN: dlib's own termination, learning-rate decay.
void trainUntilDecay(dlib::dnn_trainer<Net> &Trainer,
                     const std::vector<dlib::matrix<float>> &X,
                     const std::vector<unsigned long> &Y) {
  while (Trainer.get_learning_rate() >= 1e-6)
    Trainer.train_one_step(X, Y);
}

// CLEAN: the official C demo's 10 rounds, below MinIterations.
void demo(BoosterHandle Booster, DMatrixHandle Train) {
  for (int Iter = 0; Iter < 10; ++Iter)
    XGBoosterUpdateOneIter(Booster, Iter, Train);
}

// CLEAN: the number of rounds is a parameter (tuned by the caller).
void boostRounds(BoosterHandle Booster, DMatrixHandle Train, int Rounds) {
  for (int Iter = 0; Iter < Rounds; ++Iter)
    XGBoosterUpdateOneIter(Booster, Iter, Train);
}

// A deliberate fixed budget (benchmark): reported by default, quiet once
// MinIterations is raised above it (then only the epoch loop, counted by
// MinEpochs, is reported).
void benchmarkBoosting(BoosterHandle Booster, DMatrixHandle Train) {
  constexpr int BenchRounds = 500;
  for (int Iter = 0; Iter < BenchRounds; ++Iter)
  // CHECK: :[[@LINE-1]]:3: warning: loop always runs 500 training rounds
    XGBoosterUpdateOneIter(Booster, Iter, Train);
  // CHECK: note: parameters are updated here
}
// BUDGET: :29:3: warning: loop always runs 50 epochs
// BUDGET: note: parameters are updated here
#else
#include <torch/torch.h>
#include <cstdint>
#include <string>

struct DigitNetImpl : torch::nn::Module {
  DigitNetImpl() : Out(register_module("out", torch::nn::Linear(784, 10))) {}
  torch::Tensor forward(torch::Tensor X) {
    return torch::log_softmax(Out->forward(X.view({X.size(0), 784})), 1);
  }
  torch::nn::Linear Out;
};
TORCH_MODULE(DigitNet);

constexpr int kEpochs = 20;

// Epochs around a pass over a loader in one function: reported without the
// dataset size too; with it, the note says how many updates that is.
void fitInPlace(const std::string &Root) {
  DigitNet Net;
  torch::optim::SGD Sgd(Net->parameters(), 0.01);
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root).map(torch::data::transforms::Stack<>()),
      torch::data::DataLoaderOptions().batch_size(100));
  for (int Epoch = 0; Epoch < kEpochs; ++Epoch)
  // TORCH: :[[@LINE-1]]:3: warning: loop always runs 20 epochs with no validation and no early exit
    for (auto &Batch : *Loader) {
      Sgd.zero_grad();
      torch::nll_loss(Net->forward(Batch.data), Batch.target).backward();
      Sgd.step();
      // TORCH: :[[@LINE-1]]:7: note: parameters are updated here by 'torch::optim::Optimizer::step'
      // SIZES: :[[@LINE-7]]:3: note: the loop runs 20 epochs x 600 batches (MNIST training set, 60000 samples, batch size 100) = 12000 updates
    }
}

// The epoch loop is in the caller, which passes the loader to a template:
// only followed with dataset sizes.
template <typename BatchSource>
void oneEpoch(DigitNet &Net, BatchSource &Source, torch::optim::Optimizer &Opt) {
  for (auto &Batch : Source) {
    Opt.zero_grad();
    torch::nll_loss(Net->forward(Batch.data), Batch.target).backward();
    Opt.step();
  }
}
void fitByEpoch(const std::string &Root) {
  DigitNet Net;
  torch::optim::Adam Adam(Net->parameters());
  const int64_t Batch = 32;
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root).map(torch::data::transforms::Stack<>()),
      Batch);
  for (int Epoch = 0; Epoch < kEpochs; ++Epoch)
  // SIZES: :[[@LINE-1]]:3: warning: loop always runs 20 epochs with no validation
  // SIZES: :[[@LINE-12]]:5: note: parameters are updated here by 'torch::optim::Optimizer::step'
  // SIZES: :[[@LINE-3]]:3: note: the loop runs 20 epochs x 1875 batches (MNIST training set, 60000 samples, batch size 32) = 37500 updates
    oneEpoch(Net, *Loader, Adam);
}

// CLEAN: the caller scores the model on the test split every epoch.
double testAccuracy(DigitNet &Net);
void fitAndTest(const std::string &Root) {
  DigitNet Net;
  torch::optim::Adam Adam(Net->parameters());
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root).map(torch::data::transforms::Stack<>()),
      64);
  for (int Epoch = 0; Epoch < kEpochs; ++Epoch) {
    oneEpoch(Net, *Loader, Adam);
    testAccuracy(Net);
  }
}

// CLEAN: the epoch loop stops on a condition.
bool plateaued(DigitNet &Net);
void fitUntilPlateau(const std::string &Root) {
  DigitNet Net;
  torch::optim::Adam Adam(Net->parameters());
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root).map(torch::data::transforms::Stack<>()),
      64);
  for (int Epoch = 0; Epoch < kEpochs; ++Epoch) {
    oneEpoch(Net, *Loader, Adam);
    if (plateaued(Net))
      break;
  }
}

// CLEAN: one pass of 938 batches is one epoch, not 938 rounds.
void singlePass(const std::string &Root) {
  DigitNet Net;
  torch::optim::SGD Sgd(Net->parameters(), 0.01);
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root).map(torch::data::transforms::Stack<>()),
      64);
  for (auto &Batch : *Loader) {
    Sgd.zero_grad();
    torch::nll_loss(Net->forward(Batch.data), Batch.target).backward();
    Sgd.step();
  }
}

// CLEAN: 2 epochs over the test split at batch 1000 (20 updates).
void smokeEpochs(const std::string &Root) {
  DigitNet Net;
  torch::optim::Adam Adam(Net->parameters());
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root, torch::data::datasets::MNIST::Mode::kTest)
          .map(torch::data::transforms::Stack<>()),
      1000);
  for (int Epoch = 0; Epoch < 2; ++Epoch)
    oneEpoch(Net, *Loader, Adam);
}

// CLEAN: a loader over the user's own dataset leaves the pass unknown, so
// the caller's epochs are not followed.
struct Readings : torch::data::datasets::Dataset<Readings> {
  torch::data::Example<> get(size_t I) override {
    return {torch::ones({784}) * static_cast<double>(I), torch::zeros({}, torch::kLong)};
  }
  torch::optional<size_t> size() const override { return 60000; }
};
void fitReadings() {
  DigitNet Net;
  torch::optim::Adam Adam(Net->parameters());
  auto Loader = torch::data::make_data_loader(
      Readings().map(torch::data::transforms::Stack<>()), 64);
  for (int Epoch = 0; Epoch < kEpochs; ++Epoch)
    oneEpoch(Net, *Loader, Adam);
}
#endif
