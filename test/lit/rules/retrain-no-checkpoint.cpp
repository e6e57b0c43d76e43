// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-checkpoint %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: echo "options: {retrain-no-checkpoint: {UnknownCountIsLong: true}}" > %t.unknown.yaml
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-checkpoint -fplugin-arg-greenlint-config=%t.unknown.yaml %s 2>&1 | FileCheck %s --check-prefixes=CHECK,UNKNOWN --implicit-check-not="warning:"
// RUN: echo "options: {retrain-no-checkpoint: {RequireSaveInLoop: true, UnknownCountIsLong: true}}" > %t.yaml
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,retrain-no-checkpoint -fplugin-arg-greenlint-config=%t.yaml %s 2>&1 | FileCheck %s --check-prefixes=CHECK,UNKNOWN,INLOOP --implicit-check-not="warning:"
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
  }
}

// A constant budget above MinIterations (5000 rounds).
void boostLong(BoosterHandle Booster, DMatrixHandle Train) {
  const int NumRounds = 5000;
  for (int I = 0; I < NumRounds; ++I)
  // CHECK: :[[@LINE-1]]:3: warning: training loop never saves a checkpoint
    XGBoosterUpdateOneIter(Booster, I, Train);
  // CHECK: note: parameters are updated here
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
