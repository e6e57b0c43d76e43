// Shared by both forms of the demo: the model, the synthetic data and the
// request stream, so that the two programs differ only in the energy-relevant
// habits greenlint reports.
#pragma once
#include <torch/torch.h>

struct MlpImpl : torch::nn::Module {
  MlpImpl()
      : In(register_module("input", torch::nn::Linear(32, 256))),
        Hidden(register_module("hidden", torch::nn::Linear(256, 256))),
        Out(register_module("out", torch::nn::Linear(256, 1))) {}
  torch::Tensor forward(torch::Tensor X) {
    X = torch::relu(In->forward(X));
    return Out->forward(torch::relu(Hidden->forward(X)));
  }
  torch::nn::Linear In, Hidden, Out;
};
TORCH_MODULE(Mlp);

// y = sum of the first 8 features plus noise: learnable by the MLP in a few
// hundred steps.
struct SyntheticData {
  torch::Tensor X, Y;
  explicit SyntheticData(int64_t Rows) {
    torch::manual_seed(7);
    X = torch::randn({Rows, 32});
    Y = X.narrow(1, 0, 8).sum(1, /*keepdim=*/true) +
        0.01 * torch::randn({Rows, 1});
  }
};

constexpr int64_t TrainRows = 256;
constexpr int TrainSteps = 100;
constexpr int Requests = 2000;
constexpr const char *ModelFile = "mlp-demo.pt";
