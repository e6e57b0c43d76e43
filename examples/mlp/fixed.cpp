// The demo's fixed form: the same training and the same requests, with the
// model loaded once and inference run under InferenceMode; gradients are
// released rather than zero-filled.
#include "Common.h"
#include <cstdio>

void train(Mlp Model, const SyntheticData &Data) {
  torch::optim::SGD Opt(Model->parameters(), /*lr=*/0.01);
  for (int Step = 0; Step < TrainSteps; ++Step) {
    Model->zero_grad(/*set_to_none=*/true);
    torch::Tensor Loss = torch::mse_loss(Model->forward(Data.X), Data.Y);
    Loss.backward();
    Opt.step();
  }
}

double serve(const SyntheticData &Data) {
  torch::InferenceMode Guard;
  Mlp Server;
  torch::load(Server, ModelFile);
  Server->eval();
  double Checksum = 0;
  for (int Request = 0; Request < Requests; ++Request) {
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
