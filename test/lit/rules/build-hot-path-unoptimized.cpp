// RUN: %clangxx -std=c++17 -O0 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-build-hot-path-unoptimized -I%inputs/llama -I%inputs/onnxruntime -Xclang -verify=o0 %s
// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-build-hot-path-unoptimized -I%inputs/llama -I%inputs/onnxruntime -Xclang -verify=o0 %s
// CLEAN: optimised builds; -Og is optimisation level 1.
// RUN: %clangxx -std=c++17 -O2 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-build-hot-path-unoptimized -I%inputs/llama -I%inputs/onnxruntime -Xclang -verify=opt %s
// RUN: %clangxx -std=c++17 -Og -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-build-hot-path-unoptimized -I%inputs/llama -I%inputs/onnxruntime -Xclang -verify=opt %s
// CLEAN: a TU at -O0 with no hot path (it only configures and loads).
// RUN: %clangxx -std=c++17 -O0 -DNO_HOT_PATH -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-build-hot-path-unoptimized -I%inputs/llama -I%inputs/onnxruntime -Xclang -verify=opt %s
// Training in LibTorch: the model's own forward is not the hot path.
// RUN: %clangxx %torch -DWITH_TORCH -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-build-hot-path-unoptimized -Xclang -verify=torch %s
// opt-no-diagnostics
#ifdef WITH_TORCH
#include <torch/torch.h>
struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(4, 1))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

void train(Net Model, torch::optim::SGD &Opt, torch::Tensor X) {
  for (int Epoch = 0; Epoch < 10; ++Epoch) {
    Opt.zero_grad();
    torch::Tensor Loss = Model->forward(X).sum(); // torch-warning {{this translation unit runs training but is compiled without optimisation (-O0)}} torch-note {{first inference call of this translation unit}}
    Loss.backward();
    Opt.step();
  }
}
#else
#include <llama.h>
#include <onnxruntime_cxx_api.h>

llama_model *load(const char *Path) {
  return llama_model_load_from_file(Path, llama_model_default_params());
}

#ifndef NO_HOT_PATH
void generate(llama_context *Ctx, llama_sampler *Smpl, llama_token Tok) {
  for (int I = 0; I < 64; ++I) {
    llama_decode(Ctx, llama_batch_get_one(&Tok, 1)); // o0-warning {{this translation unit runs inference but is compiled without optimisation (-O0), so the host code around every step runs several times slower; build it with -O2}} o0-note {{first inference call of this translation unit}}
    Tok = llama_sampler_sample(Smpl, Ctx, -1);
  }
}

void serve(Ort::Session &S, const char *const *In, const Ort::Value *X,
           const char *const *Out) {
  S.Run(Ort::RunOptions{nullptr}, In, X, 1, Out, 1);
}
#endif
#endif
