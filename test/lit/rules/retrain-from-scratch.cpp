// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-retrain-from-scratch -Xclang -verify %s
// RUN: echo "options: {retrain-from-scratch: {EntryFunctionRegex: '^(main|run.*)$'}}" > %t.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-retrain-from-scratch -fplugin-arg-greenlint-config=%t.yaml -Xclang -verify=expected,entry %s
#include <torch/torch.h>
#include <xgboost/c_api.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

torch::Tensor nextBatch();
void loadModel(Net &Model, const std::string &Path); // defined elsewhere

void trainEpochs(Net &Model, torch::optim::SGD &Opt, int Epochs) {
  for (int E = 0; E < Epochs; ++E) {
    Opt.zero_grad();
    torch::Tensor Loss = Model->forward(nextBatch()).sum();
    Loss.backward(); // entry-note {{the training happens here}}
    Opt.step();
  }
}

// Every run trains the network anew and overwrites the saved file.
int main() {
  Net Model;
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  for (int E = 0; E < 10; ++E) {
    Opt.zero_grad();
    torch::Tensor Loss = Model->forward(nextBatch()).sum();
    Loss.backward(); // expected-warning {{'main' trains a model and saves it but never loads a saved model, so every run trains again from scratch; load the saved model when it exists and train only when it does not}}
    Opt.step();
  }
  torch::save(Model, "model.pt"); // expected-note {{the model is saved here}}
}

// XGBoost: boosting rounds, then a save; the existence check is on the
// data directory, not on the saved model.
int runXgb(DMatrixHandle Train) {
  if (!std::filesystem::exists("data/"))
    return 1;
  BoosterHandle Booster;
  XGBoosterCreate(&Train, 1, &Booster);
  for (int Iter = 0; Iter < 50; ++Iter)
    XGBoosterUpdateOneIter(Booster, Iter, Train); // entry-warning {{'runXgb' trains a model and saves it but never loads a saved model}}
  XGBoosterSaveModel(Booster, "xgb.json"); // entry-note {{the model is saved here}}
  return 0;
}

// Training in a helper defined in this file.
int runViaHelper() {
  Net Model;
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  trainEpochs(Model, Opt, 5); // entry-warning {{'runViaHelper' trains a model and saves it}}
  torch::save(Model, "helper.pt"); // entry-note {{the model is saved here}}
  return 0;
}

// CLEAN: loads the model when the file exists, trains otherwise.
int runLoadIfExists() {
  Net Model;
  const std::string Path = "cached.pt";
  if (std::filesystem::exists(Path)) {
    torch::load(Model, Path);
  } else {
    torch::optim::SGD Opt(Model->parameters(), 0.01);
    trainEpochs(Model, Opt, 5);
    torch::save(Model, Path);
  }
  return 0;
}

// CLEAN: stops early when the saved model is already there.
int runSkipIfTrained() {
  std::ifstream Existing("skip.pt");
  if (Existing.good()) {
    std::cout << "already trained\n";
    return 0;
  }
  Net Model;
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  trainEpochs(Model, Opt, 5);
  torch::save(Model, "skip.pt");
  return 0;
}

// CLEAN: an existence check decides whether training runs.
int runGuarded(const std::string &Dir) {
  Net Model;
  if (!std::filesystem::exists(Dir + "/done")) {
    torch::optim::SGD Opt(Model->parameters(), 0.01);
    trainEpochs(Model, Opt, 5);
  }
  torch::save(Model, Dir + "/model.pt");
  return 0;
}

// CLEAN: fine-tuning a pretrained backbone reuses weights.
int runFineTune() {
  Net Backbone;
  torch::load(Backbone, "pretrained.pt");
  torch::optim::SGD Opt(Backbone->parameters(), 0.001);
  trainEpochs(Backbone, Opt, 2);
  torch::save(Backbone, "finetuned.pt");
  return 0;
}

// CLEAN: resumes through a load helper defined in another file.
int runResume() {
  Net Model;
  loadModel(Model, "resume.pt");
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  trainEpochs(Model, Opt, 5);
  torch::save(Model, "resume.pt");
  return 0;
}

// CLEAN: not a program entry (the name does not match the entry regex).
void trainAndSave() {
  Net Model;
  torch::optim::SGD Opt(Model->parameters(), 0.01);
  trainEpochs(Model, Opt, 5);
  torch::save(Model, "lib.pt");
}
