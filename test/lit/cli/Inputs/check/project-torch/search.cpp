// The search loop: the query's embedding is the same for every frame.
#include "encode.h"

float bestMatch(torch::jit::Module &Encoder, torch::Tensor Query, int Frames) {
  torch::NoGradGuard Guard;
  float Best = 0;
  for (int I = 0; I < Frames; ++I) {
    torch::Tensor Q = embed(Encoder, Query);
    torch::Tensor F = embed(Encoder, nextFrame());
    Best = std::max(Best, torch::cosine_similarity(Q, F, 0).item<float>());
  }
  return Best;
}

// Traps: a helper that turns dropout on, a helper that keeps state.
void sample(torch::jit::Module &Encoder, torch::Tensor Image,
            std::vector<torch::Tensor> &Out) {
  for (int I = 0; I < 8; ++I)
    Out.push_back(embedNoisy(Encoder, Image));
}

void track(Tracker &T, torch::Tensor Token, std::vector<torch::Tensor> &Out) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < 8; ++I)
    Out.push_back(T.step(Token));
}
