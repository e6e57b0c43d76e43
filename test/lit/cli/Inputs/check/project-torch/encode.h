// Encoders of a video search tool, used by search.cpp, defined in encode.cpp.
#include <torch/script.h>

torch::Tensor embed(torch::jit::Module &Encoder, const torch::Tensor &Image);
torch::Tensor embedNoisy(torch::jit::Module &Encoder,
                         const torch::Tensor &Image);
torch::Tensor nextFrame();

struct Tracker {
  torch::jit::Module Cell;
  torch::Tensor Hidden;
  torch::Tensor step(const torch::Tensor &X);
};
