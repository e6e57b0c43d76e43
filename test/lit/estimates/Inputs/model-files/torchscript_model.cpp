// Saves a small TorchScript module built with LibTorch's torch::jit API, for
// `greenlint estimate`. By hand: parameters 4x3 + 3 (float32) + 10 (float16)
// + a submodule's 5x2 (float32) = 35 in 4 tensors, 48 + 12 + 20 + 40 = 120
// bytes; buffers 7 (float32, 28 bytes) + 2 (int64, 16 bytes) = 9 elements,
// 44 bytes.
// usage: torchscript_model OUT.pt
#include <torch/script.h>
#include <torch/torch.h>

int main(int Argc, char **Argv) {
  if (Argc != 2)
    return 2;
  torch::jit::Module Root("Root");
  Root.register_parameter("weight", torch::zeros({4, 3}), false);
  Root.register_parameter("bias", torch::zeros({3}), false);
  Root.register_parameter("half", torch::zeros({10}, torch::kHalf), false);
  Root.register_buffer("running_mean", torch::zeros({7}));
  Root.register_buffer("steps", torch::zeros({2}, torch::kLong));
  torch::jit::Module Sub("Sub");
  Sub.register_parameter("weight", torch::zeros({5, 2}), false);
  Root.register_module("sub", Sub);
  Root.save(Argv[1]);
  return 0;
}
