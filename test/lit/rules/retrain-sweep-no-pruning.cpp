// retrain-sweep-no-pruning over XGBoost's C API (rules/apis/xgboost.yaml).
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-retrain-sweep-no-pruning -Xclang -verify %s
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-retrain-sweep-no-pruning %s 2>&1 | FileCheck --check-prefix=ID %s
// ID: [greenlint-retrain-sweep-no-pruning]
#include <string>
#include <vector>
#include <xgboost/c_api.h>

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
