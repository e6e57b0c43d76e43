// The demo's naive form: trains an MLP, then serves requests the way code often
// does before anyone looks at its energy: the model is re-read from disk for
// every request, every forward pass records an autograd graph nobody uses, and
// gradients are zero-filled every step.
#include "Common.h"
#include <cstdio>

void train(Mlp Model, const SyntheticData &Data) {
  torch::optim::SGD Opt(Model->parameters(), /*lr=*/0.01);
  for (int Step = 0; Step < TrainSteps; ++Step) {
    Model->zero_grad();
    torch::Tensor Loss = torch::mse_loss(Model->forward(Data.X), Data.Y);
    Loss.backward();
    Opt.step();
  }
}

double serve(const SyntheticData &Data) {
  double Checksum = 0;
  for (int Request = 0; Request < Requests; ++Request) {
    Mlp Server;
    torch::load(Server, ModelFile);
    Server->eval();
    torch::Tensor Query = Data.X.narrow(0, Request % TrainRows, 1);
    Checksum += Server->forward(Query).item<double>();
  }
  return Checksum;
}

int main() {
  SyntheticData Data(TrainRows);
  Mlp Model;
  train(Model, Data);
  torch::save(Model, ModelFile);
  std::printf("served %d requests, checksum %.4f\n", Requests, serve(Data));
  return 0;
}
