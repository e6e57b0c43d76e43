// Feature networks of a style-transfer tool: declared here, built in
// features.cpp, run by paint.cpp.
#include <torch/torch.h>
#include <string>

struct FeaturesImpl : torch::nn::Module {
  explicit FeaturesImpl(const std::string &Path);
  torch::Tensor forward(torch::Tensor X);
  torch::nn::Sequential Layers;
};
TORCH_MODULE(Features);

struct FrozenFeaturesImpl : torch::nn::Module {
  explicit FrozenFeaturesImpl(const std::string &Path);
  torch::Tensor forward(torch::Tensor X);
  torch::nn::Sequential Layers;
};
TORCH_MODULE(FrozenFeatures);

torch::Tensor loadPicture(const std::string &Path);
