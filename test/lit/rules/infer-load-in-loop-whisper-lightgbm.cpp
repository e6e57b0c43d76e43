// infer-load-in-loop over the API data of whisper.cpp and LightGBM
// (rules/apis/whispercpp.yaml, lightgbm.yaml).
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-load-in-loop -I%inputs/whisper -I%inputs/lightgbm -Xclang -verify %s
// RUN: echo "options: {infer-load-in-loop: {RequestHandlerRegex: '^handle'}}" > %t.yaml
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-load-in-loop -fplugin-arg-greenlint-config=%t.yaml -I%inputs/whisper -I%inputs/lightgbm -Xclang -verify=expected,handler %s
#include <LightGBM/c_api.h>
#include <string>
#include <thread>
#include <vector>
#include <whisper.h>

bool nextRequest(std::vector<float> &Audio);

// whisper.cpp: the model file read again for every audio file.
void transcribeAll(const char *ModelPath, const std::vector<std::vector<float>> &Clips) {
  whisper_context_params CParams = whisper_context_default_params();
  whisper_full_params FParams = whisper_full_default_params(WHISPER_SAMPLING_GREEDY);
  for (const std::vector<float> &Clip : Clips) { // expected-note {{loop is here}}
    whisper_context *Ctx = whisper_init_from_file_with_params(ModelPath, CParams); // expected-warning {{'whisper_init_from_file_with_params' loads the same model on every iteration of this loop}}
    whisper_full(Ctx, FParams, Clip.data(), static_cast<int>(Clip.size()));
    whisper_free(Ctx);
  }
}

// A fresh decoding state (KV caches, compute buffers) per request.
void serveRequests(whisper_context *Ctx) {
  whisper_full_params FParams = whisper_full_default_params(WHISPER_SAMPLING_GREEDY);
  std::vector<float> Audio;
  while (nextRequest(Audio)) { // expected-note {{loop is here}}
    whisper_state *State = whisper_init_state(Ctx); // expected-warning {{'whisper_init_state' loads the same model on every iteration}}
    whisper_full_with_state(Ctx, State, FParams, Audio.data(), static_cast<int>(Audio.size()));
    whisper_free_state(State);
  }
}

// The deprecated loader, in a counted loop.
void benchmarkDecode(int Runs, const std::vector<float> &Audio) {
  for (int I = 0; I < Runs; ++I) { // expected-note {{loop is here}}
    whisper_context *Ctx = whisper_init_from_file("ggml-base.en.bin"); // expected-warning {{'whisper_init_from_file' loads the same model}}
    whisper_full(Ctx, whisper_full_default_params(WHISPER_SAMPLING_GREEDY), Audio.data(),
                 static_cast<int>(Audio.size()));
    whisper_free(Ctx);
  }
}

// LightGBM: the booster re-read from its model file for every row; the
// iteration count and handle are outputs, not what is loaded.
void scoreRows(const std::vector<std::vector<double>> &Rows, std::vector<double> &Scores) {
  for (const std::vector<double> &Row : Rows) { // expected-note {{loop is here}}
    BoosterHandle Booster = nullptr;
    int Iterations = 0;
    LGBM_BoosterCreateFromModelfile("model.txt", &Iterations, &Booster); // expected-warning {{'LGBM_BoosterCreateFromModelfile' loads the same model}}
    int64_t Len = 0;
    double Out = 0;
    LGBM_BoosterPredictForMat(Booster, Row.data(), C_API_DTYPE_FLOAT64, 1,
                              static_cast<int32_t>(Row.size()), 1, C_API_PREDICT_NORMAL, 0, -1,
                              "", &Len, &Out);
    Scores.push_back(Out);
    LGBM_BoosterFree(Booster);
  }
}

// The same from a model string kept in memory.
void scoreFromString(const std::string &ModelText, int Batches) {
  for (int B = 0; B < Batches; ++B) { // expected-note {{loop is here}}
    BoosterHandle Booster = nullptr;
    int Iterations = 0;
    LGBM_BoosterLoadModelFromString(ModelText.c_str(), &Iterations, &Booster); // expected-warning {{'LGBM_BoosterLoadModelFromString' loads the same model}}
    LGBM_BoosterFree(Booster);
  }
}

// Reported only with RequestHandlerRegex '^handle': a model per call.
int handleTranscribe(const std::vector<float> &Audio) {
  whisper_context *Ctx = whisper_init_from_file_with_params( // handler-warning {{'whisper_init_from_file_with_params' loads a model on every call of request handler 'handleTranscribe'}}
      "ggml-small.bin", whisper_context_default_params());
  int Rc = whisper_full(Ctx, whisper_full_default_params(WHISPER_SAMPLING_GREEDY), Audio.data(),
                        static_cast<int>(Audio.size()));
  whisper_free(Ctx);
  return Rc;
}

// CLEAN: a loop over distinct models (a model-size comparison).
void compareModels(const std::vector<std::string> &ModelPaths, const std::vector<float> &Audio) {
  whisper_context_params CParams = whisper_context_default_params();
  for (const std::string &Path : ModelPaths) {
    whisper_context *Ctx = whisper_init_from_file_with_params(Path.c_str(), CParams);
    whisper_full(Ctx, whisper_full_default_params(WHISPER_SAMPLING_GREEDY), Audio.data(),
                 static_cast<int>(Audio.size()));
    whisper_free(Ctx);
  }
}

// CLEAN: one state per worker thread, made inside the thread's body.
void startWorkers(whisper_context *Ctx, int Threads, std::vector<std::thread> &Workers) {
  for (int T = 0; T < Threads; ++T)
    Workers.emplace_back([Ctx] {
      whisper_state *State = whisper_init_state(Ctx);
      whisper_free_state(State);
    });
}

// CLEAN: one booster per cross-validation fold, each from its own file.
void scoreFolds(int Folds) {
  for (int Fold = 0; Fold < Folds; ++Fold) {
    std::string Path = "fold" + std::to_string(Fold) + ".txt";
    BoosterHandle Booster = nullptr;
    int Iterations = 0;
    LGBM_BoosterCreateFromModelfile(Path.c_str(), &Iterations, &Booster);
    LGBM_BoosterFree(Booster);
  }
}

// CLEAN: training creates one booster, then runs rounds in the loop.
void train(DatasetHandle Train, int Rounds) {
  BoosterHandle Booster = nullptr;
  LGBM_BoosterCreate(Train, "objective=binary", &Booster);
  for (int Round = 0; Round < Rounds; ++Round) {
    int Finished = 0;
    LGBM_BoosterUpdateOneIter(Booster, &Finished);
    if (Finished)
      break;
  }
  LGBM_BoosterSaveModel(Booster, 0, -1, C_API_FEATURE_IMPORTANCE_SPLIT, "model.txt");
  LGBM_BoosterFree(Booster);
}
