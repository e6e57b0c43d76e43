// A model defined in a project header, outside the lint's header filter.
#include <torch/torch.h>
struct HeaderNetImpl : torch::nn::Module {
  HeaderNetImpl()
      : Fc(register_module("fc", torch::nn::Linear(32, 8))) {}
  torch::nn::Linear Fc;
};
TORCH_MODULE(HeaderNet);
