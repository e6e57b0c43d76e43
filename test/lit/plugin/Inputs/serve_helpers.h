#pragma once
#include <torch/script.h>

inline void reloadEveryTime(const std::string &Path, int N) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < N; ++I)
    auto M = torch::jit::load(Path);
}
