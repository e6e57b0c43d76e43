// The workload of test/bench/instrument_overhead: a LibTorch training loop
// (1,000 steps) and an inference loop (5,000 single-sample requests), small
// enough that per-call overhead would show.
#include <chrono>
#include <cstdio>
#include <torch/torch.h>

struct TinyImpl : torch::nn::Module {
  TinyImpl() : Fc(register_module("fc", torch::nn::Linear(16, 8))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Tiny);

void trainStep(Tiny Model, torch::optim::SGD &Opt, const torch::Tensor &X) {
  Model->zero_grad(true);
  Model->forward(X).sum().backward();
  Opt.step();
}

double inferOne(Tiny Model, const torch::Tensor &X) {
  torch::InferenceMode Guard;
  return Model->forward(X).sum().item<double>();
}

int main() {
  torch::manual_seed(1);
  Tiny Model;
  torch::optim::SGD Opt(Model->parameters(), 0.001);
  torch::Tensor Batch = torch::randn({32, 16}), One = torch::randn({1, 16});
  auto Start = std::chrono::steady_clock::now();
  for (int Step = 0; Step < 1000; ++Step)
    trainStep(Model, Opt, Batch);
  double Sum = 0;
  for (int Request = 0; Request < 5000; ++Request)
    Sum += inferOne(Model, One);
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  std::printf("%.6f %f\n", Seconds, Sum);
  return 0;
}
