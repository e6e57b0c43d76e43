// retrain-sweep-no-pruning over XGBoost's C API (rules/apis/xgboost.yaml) and
// LibTorch (rules/apis/libtorch.yaml).
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-retrain-sweep-no-pruning -Xclang -verify %s
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-retrain-sweep-no-pruning %s 2>&1 | FileCheck --check-prefix=ID %s
// ID: [greenlint-retrain-sweep-no-pruning]
#include <torch/torch.h>
#include <xgboost/c_api.h>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

double validationError(BoosterHandle Booster);

// A grid over learning rate and depth: every booster runs all 500 rounds.
// Reported once, at the outer loop.
void gridSearch(DMatrixHandle Train, const std::vector<int> &Depths) {
  for (double Eta : {0.3, 0.1, 0.03}) { // expected-warning {{sweep over 'Eta' trains every configuration to the end; abandon unpromising ones early}}
    for (int Depth : Depths) {
      BoosterHandle Booster;
      XGBoosterCreate(&Train, 1, &Booster);
      XGBoosterSetParam(Booster, "eta", std::to_string(Eta).c_str());
      XGBoosterSetParam(Booster, "max_depth", std::to_string(Depth).c_str());
      for (int Round = 0; Round < 500; ++Round)
        XGBoosterUpdateOneIter(Booster, Round, Train);
      validationError(Booster);
      XGBoosterFree(Booster);
    }
  }
}

// Each value trained by a helper of the file.
double trainOne(DMatrixHandle Train, double Lambda) {
  BoosterHandle Booster;
  XGBoosterCreate(&Train, 1, &Booster);
  XGBoosterSetParam(Booster, "lambda", std::to_string(Lambda).c_str());
  for (int Round = 0; Round < 300; ++Round)
    XGBoosterUpdateOneIter(Booster, Round, Train);
  double Error = validationError(Booster);
  XGBoosterFree(Booster);
  return Error;
}

void lambdaSweep(DMatrixHandle Train, const std::vector<double> &Lambdas, std::vector<double> &Errors) {
  for (double Lambda : Lambdas) // expected-warning {{sweep over 'Lambda' trains every configuration}}
    Errors.push_back(trainOne(Train, Lambda));
}

// CLEAN: a configuration that falls behind the best so far is abandoned.
void sweepWithPruning(DMatrixHandle Train) {
  double Best = 1e9;
  for (double Eta : {0.3, 0.1, 0.03}) {
    BoosterHandle Booster;
    XGBoosterCreate(&Train, 1, &Booster);
    XGBoosterSetParam(Booster, "eta", std::to_string(Eta).c_str());
    for (int Round = 0; Round < 500; ++Round) {
      XGBoosterUpdateOneIter(Booster, Round, Train);
      if (Round % 50 == 49 && validationError(Booster) > 1.2 * Best)
        break;
    }
    Best = std::min(Best, validationError(Booster));
    XGBoosterFree(Booster);
  }
}

// CLEAN: one training run, a loop over rounds only.
void trainFinal(DMatrixHandle Train) {
  BoosterHandle Booster;
  XGBoosterCreate(&Train, 1, &Booster);
  for (int Round = 0; Round < 500; ++Round)
    XGBoosterUpdateOneIter(Booster, Round, Train);
  XGBoosterFree(Booster);
}

// CLEAN: a loop over data sets, not over hyperparameter values.
void perDataset(const std::vector<DMatrixHandle> &Datasets) {
  for (DMatrixHandle Data : Datasets) {
    BoosterHandle Booster;
    XGBoosterCreate(&Data, 1, &Booster);
    for (int Round = 0; Round < 200; ++Round)
      XGBoosterUpdateOneIter(Booster, Round, Data);
    XGBoosterFree(Booster);
  }
}

// CLEAN: repetitions over seeds measure variance; none can be pruned.
void seedRepeats(DMatrixHandle Train) {
  for (int Seed : {1, 2, 3}) {
    BoosterHandle Booster;
    XGBoosterCreate(&Train, 1, &Booster);
    XGBoosterSetParam(Booster, "seed", std::to_string(Seed).c_str());
    for (int Round = 0; Round < 200; ++Round)
      XGBoosterUpdateOneIter(Booster, Round, Train);
    XGBoosterFree(Booster);
  }
}

// CLEAN: successive halving; the candidate list is cut between rounds.
void successiveHalving(DMatrixHandle Train, std::vector<double> Etas) {
  int Budget = 50;
  while (Etas.size() > 1) {
    for (double Eta : Etas) {
      BoosterHandle Booster;
      XGBoosterCreate(&Train, 1, &Booster);
      XGBoosterSetParam(Booster, "eta", std::to_string(Eta).c_str());
      for (int Round = 0; Round < Budget; ++Round)
        XGBoosterUpdateOneIter(Booster, Round, Train);
      XGBoosterFree(Booster);
    }
    Etas.resize(Etas.size() / 2);
    Budget *= 2;
  }
}

// ---- Index loops, integer counters and settings structs ----

struct RegressorImpl : torch::nn::Module {
  explicit RegressorImpl(int64_t Hidden)
      : Hidden(register_module("hidden", torch::nn::Linear(8, Hidden))),
        Out(register_module("out", torch::nn::Linear(Hidden, 1))) {}
  torch::Tensor forward(torch::Tensor X) {
    return Out(torch::relu(Hidden(X)));
  }
  torch::nn::Linear Hidden, Out;
};
TORCH_MODULE(Regressor);

// An index over a list of learning rates, read into a local; every optimizer
// runs all 30 epochs.
void learningRateIndexSweep(const std::vector<torch::Tensor> &Inputs,
                            const std::vector<torch::Tensor> &Targets) {
  const std::vector<double> LearningRates = {1e-1, 3e-2, 1e-2, 3e-3};
  for (size_t I = 0; I < LearningRates.size(); ++I) { // expected-warning {{sweep over 'LearningRates' trains every configuration to the end}}
    double Lr = LearningRates[I];
    Regressor Model(32);
    torch::optim::Adam Optimizer(Model->parameters(),
                                 torch::optim::AdamOptions(Lr));
    for (int Epoch = 0; Epoch < 30; ++Epoch)
      for (size_t Batch = 0; Batch < Inputs.size(); ++Batch) {
        Optimizer.zero_grad();
        torch::mse_loss(Model->forward(Inputs[Batch]), Targets[Batch]).backward();
        Optimizer.step();
      }
  }
}

// An index bounded by a constant over a plain array of hidden sizes.
void hiddenSizeIndexSweep(torch::Tensor Inputs, torch::Tensor Targets) {
  const int64_t HiddenSizes[] = {16, 64, 256};
  for (int I = 0; I < 3; ++I) { // expected-warning {{sweep over 'HiddenSizes' trains every configuration}}
    Regressor Model(HiddenSizes[I]);
    torch::optim::SGD Optimizer(Model->parameters(), 0.01);
    for (int Step = 0; Step < 1000; ++Step) {
      Optimizer.zero_grad();
      torch::mse_loss(Model->forward(Inputs), Targets).backward();
      Optimizer.step();
    }
  }
}

// An integer counter over tree depths, formatted into the booster's value.
void depthCounterSweep(DMatrixHandle Train) {
  for (int Depth = 2; Depth <= 8; Depth += 2) { // expected-warning {{sweep over 'Depth' trains every configuration}}
    BoosterHandle Booster;
    XGBoosterCreate(&Train, 1, &Booster);
    char Value[16];
    std::snprintf(Value, sizeof Value, "%d", Depth);
    XGBoosterSetParam(Booster, "max_depth", Value);
    for (int Round = 0; Round < 400; ++Round)
      XGBoosterUpdateOneIter(Booster, Round, Train);
    XGBoosterFree(Booster);
  }
}

// An index read with at(), the value kept in a string first.
void etaAtSweep(DMatrixHandle Train, const std::vector<double> &Etas) {
  for (size_t I = 0; I < Etas.size(); ++I) { // expected-warning {{sweep over 'Etas' trains every configuration}}
    std::string Eta = std::to_string(Etas.at(I));
    BoosterHandle Booster;
    XGBoosterCreate(&Train, 1, &Booster);
    XGBoosterSetParam(Booster, "eta", Eta.c_str());
    for (int Round = 0; Round < 300; ++Round)
      XGBoosterUpdateOneIter(Booster, Round, Train);
    XGBoosterFree(Booster);
  }
}

// A counter over a power of two, formatted through a string stream.
void leafCounterSweep(DMatrixHandle Train) {
  for (int Exponent = 3; Exponent < 8; ++Exponent) { // expected-warning {{sweep over 'Exponent' trains every configuration}}
    BoosterHandle Booster;
    XGBoosterCreate(&Train, 1, &Booster);
    std::ostringstream Leaves;
    Leaves << (1 << Exponent);
    XGBoosterSetParam(Booster, "max_leaves", Leaves.str().c_str());
    for (int Round = 0; Round < 200; ++Round)
      XGBoosterUpdateOneIter(Booster, Round, Train);
    XGBoosterFree(Booster);
  }
}

struct TrialSettings {
  double LearningRate;
  double WeightDecay;
  int64_t Hidden;
  std::string Label;
};

// A range over settings structs whose fields configure model and optimizer.
void settingsSweep(const std::vector<TrialSettings> &Trials,
                   torch::Tensor Inputs, torch::Tensor Targets) {
  for (const TrialSettings &Trial : Trials) { // expected-warning {{sweep over 'Trial' trains every configuration}}
    Regressor Model(Trial.Hidden);
    torch::optim::SGD Optimizer(
        Model->parameters(), torch::optim::SGDOptions(Trial.LearningRate)
                                 .weight_decay(Trial.WeightDecay));
    for (int Step = 0; Step < 500; ++Step) {
      Optimizer.zero_grad();
      torch::mse_loss(Model->forward(Inputs), Targets).backward();
      Optimizer.step();
    }
  }
}

struct BoosterSettings {
  double Eta;
  int Depth;
};

// The project's own training function reads the struct's fields.
double fitBooster(DMatrixHandle Train, const BoosterSettings &Settings) {
  BoosterHandle Booster;
  XGBoosterCreate(&Train, 1, &Booster);
  XGBoosterSetParam(Booster, "eta", std::to_string(Settings.Eta).c_str());
  XGBoosterSetParam(Booster, "max_depth",
                    std::to_string(Settings.Depth).c_str());
  for (int Round = 0; Round < 300; ++Round)
    XGBoosterUpdateOneIter(Booster, Round, Train);
  double Error = validationError(Booster);
  XGBoosterFree(Booster);
  return Error;
}

// An index over settings structs, each trained by the helper above; and a
// range over a grid of pairs unpacked by structured bindings.
void settingsIndexSweep(DMatrixHandle Train,
                        const std::vector<BoosterSettings> &Candidates,
                        std::vector<double> &Errors) {
  for (size_t I = 0; I < Candidates.size(); ++I) // expected-warning {{sweep over 'Candidates' trains every configuration}}
    Errors.push_back(fitBooster(Train, Candidates[I]));
}

void pairGridSweep(DMatrixHandle Train,
                   const std::vector<std::pair<double, int>> &Grid) {
  for (const auto &[Eta, Depth] : Grid) { // expected-warning {{sweep over 'Grid' trains every configuration}}
    BoosterSettings Settings{Eta, Depth};
    fitBooster(Train, Settings);
  }
}

void reportEpoch(size_t Epoch, double Loss);

// The project's training function takes the epoch only to log it.
void trainOneEpoch(size_t Epoch, Regressor &Model,
                   torch::optim::Optimizer &Optimizer,
                   const std::vector<torch::data::Example<>> &Batches) {
  double Total = 0;
  for (const auto &Batch : Batches) {
    Optimizer.zero_grad();
    auto Loss = torch::mse_loss(Model->forward(Batch.data), Batch.target);
    Loss.backward();
    Optimizer.step();
    Total += Loss.item<double>();
  }
  reportEpoch(Epoch, Total);
}

// CLEAN: an index loop over epochs of one model; the counter only counts
// (it names the checkpoint and decays the learning rate through a setter).
void epochLoop(const std::vector<torch::data::Example<>> &Batches) {
  Regressor Model(64);
  torch::optim::SGD Optimizer(Model->parameters(), 0.1);
  for (size_t Epoch = 1; Epoch <= 20; ++Epoch) {
    static_cast<torch::optim::SGDOptions &>(
        Optimizer.param_groups()[0].options())
        .lr(0.1 * std::pow(0.5, Epoch / 5));
    trainOneEpoch(Epoch, Model, Optimizer, Batches);
    torch::save(Model, "regressor-" + std::to_string(Epoch) + ".pt");
  }
}

struct ProgressLine {
  explicit ProgressLine(int Epoch);
  ~ProgressLine();
};

// CLEAN: epochs of one model with the batch loop inline; the counter reaches
// a project class (a progress line) but nothing is trained afresh.
void inlineEpochs(const std::vector<torch::data::Example<>> &Batches) {
  Regressor Model(64);
  torch::optim::Adam Optimizer(Model->parameters(), 1e-3);
  for (int Epoch = 0; Epoch < 10; ++Epoch) {
    ProgressLine Line(Epoch);
    for (const auto &Batch : Batches) {
      Optimizer.zero_grad();
      torch::mse_loss(Model->forward(Batch.data), Batch.target).backward();
      Optimizer.step();
    }
  }
}

// Training by levels: each level rebuilds the optimizer with its own rate
// over the same model (a schedule, as in warm restarts).
class LevelTrainer {
public:
  void trainLevel(int Level, const std::vector<torch::data::Example<>> &Batches) {
    torch::optim::Adam Optimizer(Model->parameters(),
                                 torch::optim::AdamOptions(Rates[Level]));
    for (const auto &Batch : Batches) {
      Optimizer.zero_grad();
      torch::mse_loss(Model->forward(Batch.data), Batch.target).backward();
      Optimizer.step();
    }
  }

private:
  Regressor Model{32};
  std::vector<double> Rates{1e-2, 3e-3, 1e-3};
};

// CLEAN: the counter picks each level's rate, but nothing is trained afresh.
void levelSchedule(LevelTrainer &Trainer,
                   const std::vector<torch::data::Example<>> &Batches) {
  for (int Level = 0; Level < 3; ++Level)
    Trainer.trainLevel(Level, Batches);
}

// CLEAN: an index over data batches, a few inner steps on each (as in
// meta-learning); the element is data, not a setting.
void innerStepsPerBatch(const std::vector<torch::data::Example<>> &Batches) {
  Regressor Model(64);
  torch::optim::SGD Optimizer(Model->parameters(), 0.05);
  for (size_t B = 0; B < Batches.size(); ++B) {
    const torch::data::Example<> &Batch = Batches[B];
    for (int Inner = 0; Inner < 3; ++Inner) {
      Optimizer.zero_grad();
      torch::mse_loss(Model->forward(Batch.data), Batch.target).backward();
      Optimizer.step();
    }
  }
}

// Rows K of N of a tensor: the fold's validation part.
torch::Tensor foldRows(torch::Tensor Data, int K, int N) {
  int64_t Size = Data.size(0) / N;
  return Data.narrow(0, K * Size, Size);
}

// CLEAN: k-fold cross-validation; each fold trains the same configuration
// on other data, and every fold is needed for the estimate.
void crossValidate(torch::Tensor Inputs, torch::Tensor Targets) {
  for (int K = 0; K < 5; ++K) {
    torch::Tensor Part = foldRows(Inputs, K, 5);
    torch::Tensor Truth = foldRows(Targets, K, 5);
    Regressor Model(32);
    torch::optim::SGD Optimizer(Model->parameters(), 0.01);
    for (int Step = 0; Step < 200; ++Step) {
      Optimizer.zero_grad();
      torch::mse_loss(Model->forward(Part), Truth).backward();
      Optimizer.step();
    }
  }
  // Repetitions over seeds, whatever the counter is called.
  for (int R = 0; R < 3; ++R) {
    torch::manual_seed(R);
    Regressor Model(32);
    torch::optim::SGD Optimizer(Model->parameters(), 0.01);
    for (int Step = 0; Step < 200; ++Step) {
      Optimizer.zero_grad();
      torch::mse_loss(Model->forward(Inputs), Targets).backward();
      Optimizer.step();
    }
  }
}

// CLEAN: an index sweep that abandons a configuration behind the best.
void indexSweepWithPruning(DMatrixHandle Train, const std::vector<double> &Etas) {
  double Best = 1e9;
  for (size_t I = 0; I < Etas.size(); ++I) {
    BoosterHandle Booster;
    XGBoosterCreate(&Train, 1, &Booster);
    XGBoosterSetParam(Booster, "eta", std::to_string(Etas[I]).c_str());
    for (int Round = 0; Round < 500; ++Round) {
      XGBoosterUpdateOneIter(Booster, Round, Train);
      if (Round % 25 == 24 && validationError(Booster) > 1.1 * Best)
        break;
    }
    Best = std::min(Best, validationError(Booster));
    XGBoosterFree(Booster);
  }
}

// CLEAN: counters that only set the number of threads (a scaling benchmark).
void threadScaling(DMatrixHandle Train, torch::Tensor Inputs,
                   torch::Tensor Targets) {
  for (int Threads = 1; Threads <= 16; Threads *= 2) {
    BoosterHandle Booster;
    XGBoosterCreate(&Train, 1, &Booster);
    XGBoosterSetParam(Booster, "nthread", std::to_string(Threads).c_str());
    XGBoosterSetParam(Booster, "max_depth", "6");
    for (int Round = 0; Round < 100; ++Round)
      XGBoosterUpdateOneIter(Booster, Round, Train);
    XGBoosterFree(Booster);
  }
  for (int Workers : {1, 2, 4, 8}) {
    BoosterHandle Booster;
    XGBoosterCreate(&Train, 1, &Booster);
    XGBoosterSetParam(Booster, "nthread", std::to_string(Workers).c_str());
    for (int Round = 0; Round < 100; ++Round)
      XGBoosterUpdateOneIter(Booster, Round, Train);
    XGBoosterFree(Booster);
  }
  for (int Threads = 1; Threads <= 8; Threads *= 2) {
    torch::set_num_threads(Threads);
    Regressor Model(32);
    torch::optim::SGD Optimizer(Model->parameters(), 0.01);
    for (int Step = 0; Step < 100; ++Step) {
      Optimizer.zero_grad();
      torch::mse_loss(Model->forward(Inputs), Targets).backward();
      Optimizer.step();
    }
  }
}

// CLEAN: successive halving over an index; the candidates are cut between
// rungs.
void indexHalving(DMatrixHandle Train, std::vector<int> Depths) {
  int Budget = 50;
  while (Depths.size() > 1) {
    for (size_t I = 0; I < Depths.size(); ++I) {
      BoosterHandle Booster;
      XGBoosterCreate(&Train, 1, &Booster);
      XGBoosterSetParam(Booster, "max_depth",
                        std::to_string(Depths[I]).c_str());
      for (int Round = 0; Round < Budget; ++Round)
        XGBoosterUpdateOneIter(Booster, Round, Train);
      XGBoosterFree(Booster);
    }
    Depths.resize(Depths.size() / 2);
    Budget *= 2;
  }
}
