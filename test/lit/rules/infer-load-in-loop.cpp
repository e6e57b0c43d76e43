// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-load-in-loop -Xclang -verify %s
// RUN: echo "options: {infer-load-in-loop: {RequestHandlerRegex: '^handle'}}" > %t.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-load-in-loop -fplugin-arg-greenlint-config=%t.yaml -Xclang -verify=expected,handler %s
#include <torch/script.h>
#include <torch/torch.h>
#include <string>
#include <vector>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

std::vector<torch::jit::IValue> nextRequest();
std::string nextModelPath();

// The same TorchScript file re-read for every request.
void serveRequests(const std::string &ModelPath, int Requests) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < Requests; ++I) { // expected-note {{loop is here}}
    torch::jit::Module M = torch::jit::load(ModelPath); // expected-warning {{'torch::jit::load' loads the same model on every iteration of this loop; load it once before the loop and reuse it}}
    M.forward(nextRequest());
  }
}

// Weights reloaded into a module for each frame; the path is built from
// loop-invariant pieces.
void classifyFrames(Net Model, const std::vector<torch::Tensor> &Frames,
                    const std::string &Dir) {
  torch::NoGradGuard Guard;
  for (const torch::Tensor &Frame : Frames) { // expected-note {{loop is here}}
    torch::load(Model, Dir + "/weights.pt"); // expected-warning {{'torch::load' loads the same model on every iteration}}
    Model->forward(Frame);
  }
}

void pollForever(const char *Path) {
  while (true) { // expected-note {{loop is here}}
    auto M = torch::jit::load(Path); // expected-warning {{'torch::jit::load' loads the same model}}
    if (nextRequest().empty())
      break;
  }
}

// CLEAN: a loop over distinct model files (an ensemble, a model zoo).
void evaluateZoo(const std::vector<std::string> &Paths) {
  for (const std::string &Path : Paths) {
    torch::jit::Module M = torch::jit::load(Path);
    M.eval();
  }
  for (size_t I = 0; I < Paths.size(); ++I) {
    torch::jit::Module M = torch::jit::load(Paths[I]);
    M.eval();
  }
}

// CLEAN: the path changes inside the loop (hot reload of a new version).
void hotReload(int Rounds) {
  std::string Path = "model.pt";
  for (int I = 0; I < Rounds; ++I) {
    torch::jit::Module M = torch::jit::load(Path);
    Path = nextModelPath();
  }
}

// CLEAN: a retry loop repeats the load only when it failed.
torch::jit::Module loadWithRetry(const std::string &Path) {
  for (int Attempt = 0; Attempt < 3; ++Attempt) {
    try {
      return torch::jit::load(Path);
    } catch (const c10::Error &) {
    }
  }
  return torch::jit::load(Path);
}

// CLEAN: the output module is declared outside the loop, but each iteration
// reads a different checkpoint.
void averageCheckpoints(Net Model, const std::vector<std::string> &Files) {
  for (size_t I = 0; I < Files.size(); ++I)
    torch::load(Model, Files[I]);
}

// CLEAN: loaded once, before the loop.
void serveOnce(const std::string &ModelPath, int Requests) {
  torch::NoGradGuard Guard;
  torch::jit::Module M = torch::jit::load(ModelPath);
  for (int I = 0; I < Requests; ++I)
    M.forward(nextRequest());
}

// CLEAN: the loop body always leaves after its first pass.
void firstAvailable(const std::string &Path) {
  do {
    auto M = torch::jit::load(Path);
    break;
  } while (true);
}

// Only with RequestHandlerRegex set: a handler loads per call.
torch::Tensor handleRequest(const std::string &Path, torch::Tensor X) {
  torch::NoGradGuard Guard;
  torch::jit::Module M = torch::jit::load(Path); // handler-warning {{'torch::jit::load' loads a model on every call of request handler 'handleRequest'; load it once at start-up}}
  return M.forward({X}).toTensor();
}

// The device chosen inline from torch::cuda::is_available() (pure-call in
// the API data) is the same on every iteration; so is a helper's load.
torch::jit::Module loadScripted(const std::string &Path) {
  return torch::jit::load(Path); // expected-note {{'torch::jit::load' loads the model here}}
}
void perRequestOnDevice(const std::string &Path, int Requests) {
  for (int I = 0; I < Requests; ++I) { // expected-note 2 {{loop is here}}
    torch::jit::Module M = torch::jit::load(Path, torch::Device(torch::cuda::is_available() ? torch::kCUDA : torch::kCPU)); // expected-warning {{'torch::jit::load' loads the same model on every iteration}}
    torch::jit::Module H = loadScripted(Path); // expected-warning {{'loadScripted' loads the same model on every iteration of this loop (through 'torch::jit::load')}}
  }
}

// CLEAN: a helper called once per distinct checkpoint.
void evaluateCheckpoints(const std::vector<std::string> &Checkpoints) {
  for (const std::string &C : Checkpoints)
    loadScripted(C);
}
