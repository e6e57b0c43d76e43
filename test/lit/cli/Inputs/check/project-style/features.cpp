#include "features.h"

FeaturesImpl::FeaturesImpl(const std::string &Path)
    : Layers(torch::nn::Conv2d(3, 16, 3), torch::nn::ReLU()) {
  register_module("layers", Layers);
  torch::load(Layers, Path);
}

torch::Tensor FeaturesImpl::forward(torch::Tensor X) {
  return Layers->forward(X);
}

// This one is only ever a fixed feature extractor: it freezes itself.
FrozenFeaturesImpl::FrozenFeaturesImpl(const std::string &Path)
    : Layers(torch::nn::Conv2d(3, 16, 3), torch::nn::ReLU()) {
  register_module("layers", Layers);
  torch::load(Layers, Path);
  for (torch::Tensor &P : parameters())
    P.set_requires_grad(false);
}

torch::Tensor FrozenFeaturesImpl::forward(torch::Tensor X) {
  return Layers->forward(X);
}
