#include "encode.h"

torch::Tensor embed(torch::jit::Module &Encoder, const torch::Tensor &Image) {
  return Encoder.forward({Image.flatten()}).toTensor();
}

// Dropout on: repeated samples differ on purpose.
torch::Tensor embedNoisy(torch::jit::Module &Encoder,
                         const torch::Tensor &Image) {
  Encoder.train();
  return Encoder.forward({Image}).toTensor();
}

// Keeps its hidden state between calls.
torch::Tensor Tracker::step(const torch::Tensor &X) {
  Hidden = Cell.forward({X + Hidden}).toTensor();
  return Hidden;
}
