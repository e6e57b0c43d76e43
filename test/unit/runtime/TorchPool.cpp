// A measured LibTorch program: one region runs matrix products on
// LibTorch's intra-op pool (at::set_num_threads(3)), whose threads never
// call greenlint. Prints "done" when finished.
//   greenlint_rt_torch_pool SECONDS   (wall time of products, roughly)
#include "greenlint/region.hpp"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int Argc, char **Argv) {
  double Seconds = Argc > 1 ? std::atof(Argv[1]) : 0.5;
  at::set_num_threads(3);
  at::Tensor A = at::rand({384, 384});
  at::Tensor B = at::rand({384, 384});
  {
    GREENLINT_REGION("work");
    auto End = std::chrono::steady_clock::now() +
               std::chrono::duration<double>(Seconds);
    while (std::chrono::steady_clock::now() < End)
      A = at::matmul(A, B).tanh_();
  }
  std::printf("done %g\n", A.sum().item<double>());
  std::fflush(stdout);
  return 0;
}
