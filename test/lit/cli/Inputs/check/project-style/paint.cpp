#include "features.h"

// Both optimise the picture only; the network of the first keeps
// requires_grad on, the second froze its own in features.cpp.
void paint(const std::string &Weights, const std::string &Photo) {
  Features Net(Weights);
  torch::Tensor Content = loadPicture(Photo);
  torch::Tensor Picture = Content.clone();
  torch::optim::Adam Optimizer(
      std::vector<torch::Tensor>{Picture.requires_grad_(true)},
      torch::optim::AdamOptions(0.01));
  for (int Step = 0; Step < 500; ++Step) {
    torch::Tensor Loss = torch::mse_loss(Net->forward(Picture), Net->forward(Content));
    Optimizer.zero_grad();
    Loss.backward();
    Optimizer.step();
  }
}

void paintFrozen(const std::string &Weights, const std::string &Photo) {
  FrozenFeatures Net(Weights);
  torch::Tensor Content = loadPicture(Photo);
  torch::Tensor Picture = Content.clone();
  torch::optim::Adam Optimizer(
      std::vector<torch::Tensor>{Picture.requires_grad_(true)},
      torch::optim::AdamOptions(0.01));
  for (int Step = 0; Step < 500; ++Step) {
    torch::Tensor Loss = torch::mse_loss(Net->forward(Picture), Net->forward(Content));
    Optimizer.zero_grad();
    Loss.backward();
    Optimizer.step();
  }
}
