// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-checkpoint %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: echo "options: {retrain-no-checkpoint: {UnknownCountIsLong: true}}" > %t.unknown.yaml
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-checkpoint -fplugin-arg-greenlint-config=%t.unknown.yaml %s 2>&1 | FileCheck %s --check-prefixes=CHECK,UNKNOWN --implicit-check-not="warning:"
// RUN: echo "options: {retrain-no-checkpoint: {RequireSaveInLoop: true, UnknownCountIsLong: true}}" > %t.yaml
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-checkpoint -fplugin-arg-greenlint-config=%t.yaml %s 2>&1 | FileCheck %s --check-prefixes=CHECK,UNKNOWN,INLOOP --implicit-check-not="warning:"
// LibTorch: epochs x passes over data loaders of known datasets (support/LoopLength).
// RUN: %clangxx %torch -DWITH_TORCH -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-checkpoint %s 2>&1 | FileCheck %s --check-prefix=TORCH --implicit-check-not="warning:"
// RUN: echo "options: {retrain-no-checkpoint: {UseDatasetSizes: false}}" > %t.nosizes.yaml
// RUN: %clangxx %torch -DWITH_TORCH -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-checkpoint -fplugin-arg-greenlint-config=%t.nosizes.yaml %s 2>&1 | FileCheck %s --check-prefix=NOSIZES --allow-empty --implicit-check-not="warning:"
// NOSIZES-NOT: warning:
#ifndef WITH_TORCH
#include <dlib/dnn.h>
#include <xgboost/c_api.h>
#include <string>
#include <vector>

using Net = dlib::loss_multiclass_log<dlib::fc<10, dlib::input<dlib::matrix<float>>>>;

// Boosting rounds passed in: no save anywhere; long only with UnknownCountIsLong.
void boost(BoosterHandle Booster, DMatrixHandle Train, int Rounds) {
  for (int I = 0; I < Rounds; ++I) {
  // UNKNOWN: :[[@LINE-1]]:3: warning: training loop never saves a checkpoint, so a crash or pre-emption repeats all training done so far; save the model state every few epochs and resume from the latest save [greenlint-retrain-no-checkpoint]
    XGBoosterUpdateOneIter(Booster, I, Train);
    // UNKNOWN: :[[@LINE-1]]:5: note: parameters are updated here by 'XGBoosterUpdateOneIter'
    // UNKNOWN: :[[@LINE-4]]:3: note: the loop counts as long: its count is not a constant (UnknownCountIsLong)
  }
}

// A constant budget above MinIterations (5000 rounds).
void boostLong(BoosterHandle Booster, DMatrixHandle Train) {
  const int NumRounds = 5000;
  for (int I = 0; I < NumRounds; ++I)
  // CHECK: :[[@LINE-1]]:3: warning: training loop never saves a checkpoint
    XGBoosterUpdateOneIter(Booster, I, Train);
  // CHECK: note: parameters are updated here
  // CHECK: :[[@LINE-4]]:3: note: the loop counts as long: 5000 updates (MinIterations: 1000)
}

// A dlib trainer stepped until the learning rate decays, never synced: open-ended, so long only
// with UnknownCountIsLong (by default, CLEAN: tiny examples train this way for seconds).
void trainSteps(Net &Model, const std::vector<dlib::matrix<float>> &X,
                const std::vector<unsigned long> &Y) {
  dlib::dnn_trainer<Net> Trainer(Model);
  while (Trainer.get_learning_rate() >= 1e-5)
  // UNKNOWN: :[[@LINE-1]]:3: warning: training loop never saves a checkpoint
    Trainer.train_one_step(X, Y);
  // UNKNOWN: note: parameters are updated here by 'dlib::dnn_trainer::train_one_step'
}

// dnn_trainer::train runs the whole loop itself.
void trainAll(Net &Model, const std::vector<dlib::matrix<float>> &X,
              const std::vector<unsigned long> &Y) {
  dlib::dnn_trainer<Net> Trainer(Model);
  Trainer.train(X, Y);
  // CHECK: :[[@LINE-1]]:3: warning: 'dlib::dnn_trainer::train' runs a whole training without ever saving its state
}

// A save after the loop counts by default; with RequireSaveInLoop it does not.
void boostThenSave(BoosterHandle Booster, DMatrixHandle Train, int Rounds) {
  for (int I = 0; I < Rounds; ++I)
  // INLOOP: :[[@LINE-1]]:3: warning: training loop never saves a checkpoint
    XGBoosterUpdateOneIter(Booster, I, Train);
  // INLOOP: note: parameters are updated here
  XGBoosterSaveModel(Booster, "model.json");
}

// CLEAN: a checkpoint every N rounds under a modulo guard.
void boostWithCheckpoints(BoosterHandle Booster, DMatrixHandle Train,
                          int Rounds) {
  for (int I = 0; I < Rounds; ++I) {
    XGBoosterUpdateOneIter(Booster, I, Train);
    if (I % 50 == 0)
      XGBoosterSaveModel(Booster, "checkpoint.json");
  }
}

// CLEAN: the dlib trainer syncs its state to a file and resumes from it.
void trainSynced(Net &Model, const std::vector<dlib::matrix<float>> &X,
                 const std::vector<unsigned long> &Y) {
  dlib::dnn_trainer<Net> Trainer(Model);
  Trainer.set_synchronization_file("mnist_sync", std::chrono::minutes(5));
  Trainer.train(X, Y);
}

// CLEAN: a tiny fixed budget (10 rounds x 20 steps) is cheaper to rerun.
void smokeTest(BoosterHandle Booster, DMatrixHandle Train) {
  for (int Epoch = 0; Epoch < 10; ++Epoch)
    for (int I = 0; I < 20; ++I)
      XGBoosterUpdateOneIter(Booster, Epoch * 20 + I, Train);
}

// CLEAN: a helper defined elsewhere whose name says it saves.
void saveCheckpoint(BoosterHandle Booster, int Round);
void boostWithHelper(BoosterHandle Booster, DMatrixHandle Train, int Rounds) {
  for (int I = 0; I < Rounds; ++I) {
    XGBoosterUpdateOneIter(Booster, I, Train);
    saveCheckpoint(Booster, I);
  }
}

// CLEAN: the training function's caller saves the trainer state.
template <typename T>
void trainEpochs(dlib::dnn_trainer<T> &Trainer,
                 const std::vector<dlib::matrix<float>> &X,
                 const std::vector<unsigned long> &Y) {
  while (Trainer.get_learning_rate() >= 1e-5)
  // INLOOP: :[[@LINE-1]]:3: warning: training loop never saves a checkpoint
    Trainer.train_one_step(X, Y);
  // INLOOP: note: parameters are updated here
}
int main() {
  Net Model;
  dlib::dnn_trainer<Net> Trainer(Model);
  std::vector<dlib::matrix<float>> X;
  std::vector<unsigned long> Y;
  trainEpochs(Trainer, X, Y);
  Model.clean();
  dlib::serialize("mnist.dat") << Model;
}
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

constexpr int64_t kEpochs = 10;
const int64_t kBatch = 64;

// Epochs over a loader of the MNIST training set (the default split) in one
// function: 10 x ceil(60000 / 64) = 9380 updates.
void fitInPlace(const std::string &Root) {
  DigitNet Net;
  torch::optim::SGD Sgd(Net->parameters(), 0.01);
  auto Digits = torch::data::datasets::MNIST(Root).map(
      torch::data::transforms::Stack<>());
  auto Loader = torch::data::make_data_loader(std::move(Digits), kBatch);
  for (int64_t Epoch = 0; Epoch < kEpochs; ++Epoch) {
    for (auto &Batch : *Loader) {
    // TORCH: :[[@LINE-2]]:3: warning: training loop never saves a checkpoint, so a crash or pre-emption repeats all training done so far; save the model state every few epochs and resume from the latest save [greenlint-retrain-no-checkpoint]
      Sgd.zero_grad();
      torch::nll_loss(Net->forward(Batch.data), Batch.target).backward();
      Sgd.step();
      // TORCH: :[[@LINE-1]]:7: note: parameters are updated here by 'torch::optim::Optimizer::step'
      // TORCH: :[[@LINE-7]]:3: note: the loop counts as long: 10 epochs x 938 batches (MNIST training set, 60000 samples, batch size 64) = 9380 updates (MinIterations: 1000)
    }
  }
}

// The loader is a parameter of a template that runs one epoch; the caller
// passes it inside its epoch loop: the caller's loader and loop count.
template <typename BatchSource>
void oneEpoch(DigitNet &Net, BatchSource &Source, torch::optim::Optimizer &Opt) {
  Net->train();
  for (auto &Batch : Source) {
  // TORCH: :[[@LINE-1]]:3: warning: training loop never saves a checkpoint
    Opt.zero_grad();
    torch::nll_loss(Net->forward(Batch.data), Batch.target).backward();
    Opt.step();
    // TORCH: :[[@LINE-1]]:5: note: parameters are updated here
  }
}

void fitByEpoch(const std::string &Root) {
  DigitNet Net;
  torch::optim::Adam Adam(Net->parameters());
  namespace ds = torch::data::datasets;
  auto Train = ds::MNIST(Root, ds::MNIST::Mode::kTrain)
                   .map(torch::data::transforms::Normalize<>(0.5, 0.5))
                   .map(torch::data::transforms::Stack<>());
  const size_t TrainBatch = 128;
  auto Batches =
      torch::data::make_data_loader<torch::data::samplers::SequentialSampler>(
          std::move(Train), TrainBatch);
  for (size_t Epoch = 1; Epoch <= kEpochs; ++Epoch)
    // TORCH: :[[@LINE-1]]:3: note: the loop counts as long: 10 epochs x 469 batches (MNIST training set, 60000 samples, batch size 128) = 4690 updates (MinIterations: 1000)
    oneEpoch(Net, *Batches, Adam);
}

// Options built apart, with the last partial batch dropped: the test split,
// 3 x floor(10000 / 24) = 1248 updates.
void fitOnTestSplit(const std::string &Root) {
  DigitNet Net;
  torch::optim::SGD Sgd(Net->parameters(), 0.1);
  const int Rounds = 3;
  auto Options =
      torch::data::DataLoaderOptions().batch_size(24).workers(2).drop_last(true);
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root, torch::data::datasets::MNIST::Mode::kTest)
          .map(torch::data::transforms::Stack<>()),
      Options);
  for (int Round = 0; Round < Rounds; ++Round)
    for (auto &Batch : *Loader) {
    // TORCH: :[[@LINE-2]]:3: warning: training loop never saves a checkpoint
      Sgd.zero_grad();
      torch::nll_loss(Net->forward(Batch.data), Batch.target).backward();
      Sgd.step();
      // TORCH: note: parameters are updated here
      // TORCH: :[[@LINE-7]]:3: note: the loop counts as long: 3 epochs x 416 batches (MNIST test set, 10000 samples, batch size 24, last partial batch dropped) = 1248 updates
    }
}

// CLEAN: 2 epochs over the test split at batch 1000 are 20 updates.
void smokeEpochs(const std::string &Root) {
  DigitNet Net;
  torch::optim::SGD Sgd(Net->parameters(), 0.1);
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root, torch::data::datasets::MNIST::Mode::kTest)
          .map(torch::data::transforms::Stack<>()),
      torch::data::DataLoaderOptions(1000));
  for (int Epoch = 0; Epoch < 2; ++Epoch)
    for (auto &Batch : *Loader) {
      Sgd.zero_grad();
      torch::nll_loss(Net->forward(Batch.data), Batch.target).backward();
      Sgd.step();
    }
}

// CLEAN: a dataset of the user's own, whatever size() returns, is unknown.
struct Readings : torch::data::datasets::Dataset<Readings> {
  torch::data::Example<> get(size_t I) override {
    return {torch::ones({784}) * static_cast<double>(I), torch::zeros({}, torch::kLong)};
  }
  torch::optional<size_t> size() const override { return 60000; }
};
void fitReadings() {
  DigitNet Net;
  torch::optim::SGD Sgd(Net->parameters(), 0.1);
  auto Loader = torch::data::make_data_loader(
      Readings().map(torch::data::transforms::Stack<>()), kBatch);
  for (int Epoch = 0; Epoch < 50; ++Epoch)
    for (auto &Batch : *Loader) {
      Sgd.zero_grad();
      torch::nll_loss(Net->forward(Batch.data), Batch.target).backward();
      Sgd.step();
    }
}

// CLEAN: the batch size is chosen at run time.
void fitWithBatch(const std::string &Root, int64_t Batch) {
  DigitNet Net;
  torch::optim::SGD Sgd(Net->parameters(), 0.1);
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root).map(torch::data::transforms::Stack<>()),
      Batch);
  for (int Epoch = 0; Epoch < 10; ++Epoch)
    for (auto &B : *Loader) {
      Sgd.zero_grad();
      torch::nll_loss(Net->forward(B.data), B.target).backward();
      Sgd.step();
    }
}

// CLEAN: a run-time epoch count; one pass (938 updates) alone is short.
void fitFor(const std::string &Root, int Epochs) {
  DigitNet Net;
  torch::optim::SGD Sgd(Net->parameters(), 0.1);
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root).map(torch::data::transforms::Stack<>()),
      kBatch);
  for (int Epoch = 0; Epoch < Epochs; ++Epoch)
    for (auto &B : *Loader) {
      Sgd.zero_grad();
      torch::nll_loss(Net->forward(B.data), B.target).backward();
      Sgd.step();
    }
}

// CLEAN: a pass that may stop after a few batches is of unknown length.
void fitFewBatches(const std::string &Root) {
  DigitNet Net;
  torch::optim::SGD Sgd(Net->parameters(), 0.1);
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root).map(torch::data::transforms::Stack<>()),
      kBatch);
  for (int Epoch = 0; Epoch < 10; ++Epoch) {
    int Seen = 0;
    for (auto &B : *Loader) {
      Sgd.zero_grad();
      torch::nll_loss(Net->forward(B.data), B.target).backward();
      Sgd.step();
      if (++Seen == 50)
        break;
    }
  }
}

// CLEAN: the model is saved every epoch.
void fitAndSave(const std::string &Root) {
  DigitNet Net;
  torch::optim::SGD Sgd(Net->parameters(), 0.01);
  auto Loader = torch::data::make_data_loader(
      torch::data::datasets::MNIST(Root).map(torch::data::transforms::Stack<>()),
      kBatch);
  for (int64_t Epoch = 0; Epoch < kEpochs; ++Epoch) {
    for (auto &B : *Loader) {
      Sgd.zero_grad();
      torch::nll_loss(Net->forward(B.data), B.target).backward();
      Sgd.step();
    }
    torch::save(Net, "digits.pt");
  }
}

// CLEAN: the epoch function is called in a loop with a loader of the
// user's own dataset.
template <typename BatchSource>
void readingsEpoch(DigitNet &Net, BatchSource &Source,
                   torch::optim::Optimizer &Opt) {
  for (auto &Batch : Source) {
    Opt.zero_grad();
    torch::nll_loss(Net->forward(Batch.data), Batch.target).backward();
    Opt.step();
  }
}
void fitReadingsByEpoch() {
  DigitNet Net;
  torch::optim::SGD Sgd(Net->parameters(), 0.1);
  auto Loader = torch::data::make_data_loader(
      Readings().map(torch::data::transforms::Stack<>()), kBatch);
  for (int64_t Epoch = 0; Epoch < kEpochs; ++Epoch)
    readingsEpoch(Net, *Loader, Sgd);
}
#endif
