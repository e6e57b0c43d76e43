// hw-thread-config-in-loop over LibTorch (TORCH part) and ONNX Runtime,
// llama.cpp and XGBoost (the other part).
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-hw-thread-config-in-loop -DTORCH_PART -Xclang -verify=torch %s
// RUN: echo "options: {hw-thread-config-in-loop: {RequestHandlerRegex: '^handle'}}" > %t.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-hw-thread-config-in-loop -fplugin-arg-greenlint-config=%t.yaml -DTORCH_PART -Xclang -verify=torch,handler %s
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-hw-thread-config-in-loop -I%inputs/onnxruntime -I%inputs/llama -Xclang -verify=other %s
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-hw-thread-config-in-loop -fplugin-arg-greenlint-config=%t.yaml -I%inputs/onnxruntime -I%inputs/llama -Xclang -verify=other,otherhandler %s

#ifdef TORCH_PART
#include <torch/script.h>
#include <torch/torch.h>
#include <string>
#include <thread>
#include <vector>

std::vector<torch::jit::IValue> nextRequest();
int threadsFor(const torch::Tensor &Batch);
void runBenchmark(torch::jit::Module &M);

// The thread count is reset before every request of a serving loop
// (torch::set_num_threads is `using at::set_num_threads`).
void serve(torch::jit::Module &M, int Requests) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < Requests; ++I) { // torch-note {{loop is here}}
    torch::set_num_threads(4); // torch-warning {{'at::set_num_threads' sets the same thread count on every iteration of this loop; set it once before the loop}}
    M.forward(nextRequest());
  }
}

void serveInterop(torch::jit::Module &M, int InteropThreads) {
  while (true) { // torch-note {{loop is here}}
    at::set_num_interop_threads(InteropThreads); // torch-warning {{'at::set_num_interop_threads' sets the same thread count on every iteration}}
    std::vector<torch::jit::IValue> In = nextRequest();
    if (In.empty())
      break;
    M.forward(In);
  }
}

// CLEAN: set once at start-up, before the loop.
void serveConfigured(torch::jit::Module &M, int Requests) {
  torch::set_num_threads(4);
  at::set_num_interop_threads(1);
  for (int I = 0; I < Requests; ++I)
    M.forward(nextRequest());
}

// CLEAN: a benchmark sweep over thread counts.
void sweepThreads(torch::jit::Module &M) {
  for (int Threads : {1, 2, 4, 8}) {
    torch::set_num_threads(Threads);
    runBenchmark(M);
  }
  for (int Threads = 1; Threads <= 16; Threads *= 2) {
    at::set_num_threads(Threads);
    runBenchmark(M);
  }
}

// CLEAN: a retry loop sets the count again only after a failure.
void configureWithRetry(int Threads) {
  for (int Attempt = 0; Attempt < 3; ++Attempt) {
    try {
      at::set_num_interop_threads(Threads);
      return;
    } catch (const c10::Error &) {
    }
  }
}

// CLEAN: the count is changed only when the wanted size changes.
void adaptThreads(torch::jit::Module &M,
                  const std::vector<torch::Tensor> &Batches) {
  int Current = 0;
  for (const torch::Tensor &Batch : Batches) {
    int Wanted = 4;
    if (Current != Wanted) {
      torch::set_num_threads(Wanted);
      Current = Wanted;
    }
    M.forward({Batch});
  }
}

// CLEAN: configured lazily on the first iteration only.
void serveLazily(torch::jit::Module &M, int Requests) {
  for (int I = 0; I < Requests; ++I) {
    if (I == 0)
      torch::set_num_threads(4);
    M.forward(nextRequest());
  }
}

// CLEAN: each worker thread sets its own count once when it starts.
void startWorkers(int Workers) {
  std::vector<std::thread> Pool;
  for (int I = 0; I < Workers; ++I)
    Pool.emplace_back([] { at::set_num_threads(1); });
  for (std::thread &T : Pool)
    T.join();
}

// With RequestHandlerRegex '^handle': once per request with a fixed count.
void handleRequest(torch::jit::Module &M) {
  torch::set_num_threads(4); // handler-warning {{'at::set_num_threads' sets the same thread count on every call of request handler 'handleRequest'; set it once at start-up}}
  M.forward(nextRequest());
}

// CLEAN: per-request tuning from the request itself.
void handleTuned(torch::jit::Module &M, int RequestThreads) {
  torch::set_num_threads(RequestThreads);
  M.forward(nextRequest());
}

#else
#include <llama.h>
#include <onnxruntime_cxx_api.h>
#include <string>
#include <vector>
#include <xgboost/c_api.h>

// --- Declarations test/Inputs/llama/llama.h lacks (from llama.cpp's
// include/llama.h) ---
extern "C" void llama_set_n_threads(struct llama_context *ctx,
                                    int32_t n_threads,
                                    int32_t n_threads_batch);
// --- end of llama.h additions ---

const char *nextModelPath();
std::vector<Ort::Value> nextInputs();
llama_batch nextBatch();

// ONNX Runtime: one options object, re-sized before each session.
void serveOrt(Ort::Env &Env, const char *Path) {
  Ort::SessionOptions Opts;
  while (true) { // other-note 2 {{loop is here}}
    Opts.SetIntraOpNumThreads(4); // other-warning {{'SetIntraOpNumThreads' sets the same thread count on every iteration of this loop}}
    Opts.SetInterOpNumThreads(1); // other-warning {{'SetInterOpNumThreads' sets the same thread count}}
    Ort::Session S(Env, Path, Opts);
    if (nextInputs().empty())
      break;
  }
}

// CLEAN: a fresh options object per distinct model.
void loadZoo(Ort::Env &Env, const std::vector<std::string> &Paths) {
  for (const std::string &Path : Paths) {
    Ort::SessionOptions Opts;
    Opts.SetIntraOpNumThreads(2);
    Ort::Session S(Env, Path.c_str(), Opts);
  }
}

// llama.cpp: the generation loop re-sets the same context's threads.
void generate(llama_context *Ctx, int MaxTokens) {
  for (int I = 0; I < MaxTokens; ++I) { // other-note {{loop is here}}
    llama_set_n_threads(Ctx, 8, 8); // other-warning {{'llama_set_n_threads' sets the same thread count on every iteration}}
    llama_decode(Ctx, nextBatch());
  }
}

// CLEAN: one setting per distinct context.
void configureContexts(const std::vector<llama_context *> &Contexts) {
  for (llama_context *Ctx : Contexts)
    llama_set_n_threads(Ctx, 4, 8);
}

// XGBoost: "nthread" set again before every boosting round.
void trainXgb(BoosterHandle Booster, DMatrixHandle Train) {
  for (int Iter = 0; Iter < 100; ++Iter) { // other-note {{loop is here}}
    XGBoosterSetParam(Booster, "nthread", "8"); // other-warning {{'XGBoosterSetParam("nthread")' sets the same thread count on every iteration}}
    XGBoosterUpdateOneIter(Booster, Iter, Train);
  }
}

// CLEAN: other parameters per round (a learning-rate schedule).
void trainWithSchedule(BoosterHandle Booster, DMatrixHandle Train,
                       const std::vector<std::string> &Etas) {
  for (int Iter = 0; Iter < 100; ++Iter) {
    XGBoosterSetParam(Booster, "eta", Etas[Iter].c_str());
    XGBoosterSetParam(Booster, "max_depth", "6");
    XGBoosterUpdateOneIter(Booster, Iter, Train);
  }
}

// CLEAN: cross-validation: a new booster per fold, configured once.
void crossValidate(DMatrixHandle *Folds, int NumFolds) {
  for (int Fold = 0; Fold < NumFolds; ++Fold) {
    BoosterHandle Booster;
    XGBoosterCreate(&Folds[Fold], 1, &Booster);
    XGBoosterSetParam(Booster, "nthread", "4");
    XGBoosterFree(Booster);
  }
}

// With RequestHandlerRegex '^handle': a shared context re-sized per request.
struct Server {
  llama_context *Ctx;
  Ort::SessionOptions Opts;
  void handleCompletion() {
    llama_set_n_threads(Ctx, 8, 8); // otherhandler-warning {{'llama_set_n_threads' sets the same thread count on every call of request handler 'handleCompletion'}}
    llama_decode(Ctx, nextBatch());
  }
  // CLEAN: options built fresh for a session of this request.
  void handleLoad(Ort::Env &Env) {
    Ort::SessionOptions Local;
    Local.SetIntraOpNumThreads(2);
    Ort::Session S(Env, nextModelPath(), Local);
  }
};
#endif
