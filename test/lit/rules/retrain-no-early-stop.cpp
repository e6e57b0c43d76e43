// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-early-stop %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: echo "options: {retrain-no-early-stop: {MinIterations: 5000}}" > %t.yaml
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-early-stop -fplugin-arg-greenlint-config=%t.yaml %s 2>&1 | FileCheck %s --check-prefix=BUDGET --implicit-check-not="warning:"
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
// BUDGET: :23:3: warning: loop always runs 50 epochs
// BUDGET: note: parameters are updated here
