// A LibTorch regression program in the shape of LibTorch's tutorials: fit a
// linear model, switch it to eval() and predict one row at a time with
// autograd still recording.
#include <torch/torch.h>
#include <cstdio>

int main() {
  torch::manual_seed(1);
  torch::Tensor X = torch::randn({128, 4});
  torch::Tensor Y = X.matmul(torch::tensor({0.5f, -1.0f, 2.0f, 0.1f})).unsqueeze(1);
  torch::nn::Linear Model(4, 1);
  torch::optim::SGD Optimizer(Model->parameters(), /*lr=*/0.1);
  for (int Epoch = 0; Epoch < 50; ++Epoch) {
    Optimizer.zero_grad();
    torch::Tensor Loss = torch::mse_loss(Model->forward(X), Y);
    Loss.backward();
    Optimizer.step();
  }
  Model->eval();
  double Sum = 0;
  for (int Row = 0; Row < 32; ++Row)
    Sum += Model->forward(X.narrow(0, Row, 1)).item<double>();
  std::printf("sum of predictions %.3f\n", Sum);
  return 0;
}
