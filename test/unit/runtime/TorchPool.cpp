// A measured LibTorch program: one region runs element-wise tensor work on
// LibTorch's intra-op pool (at::set_num_threads(3)), whose threads never
// call greenlint. Element-wise kernels split the range into one static chunk
// per thread, so the pool's two workers do about two thirds of the work
// however busy the machine is (a BLAS product would run on BLAS's own threads
// and split unevenly). Prints "done" when finished.
//   greenlint_rt_torch_pool SECONDS   (wall time of the work, roughly)
#include "greenlint/region.hpp"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

int main(int Argc, char **Argv) {
  double Seconds = Argc > 1 ? std::atof(Argv[1]) : 0.5;
  at::set_num_threads(3);
  // 1 Mi elements: far above the intra-op grain (32 Ki), so every kernel
  // uses all three threads.
  at::Tensor A = at::rand({1 << 20});
  at::Tensor B = at::rand({1 << 20});
  {
    GREENLINT_REGION("work");
    auto End = std::chrono::steady_clock::now() +
               std::chrono::duration<double>(Seconds);
    while (std::chrono::steady_clock::now() < End)
      A = A.mul(B).add_(0.5).sin_().exp_().tanh_();
  }
  std::printf("done %g\n", A.sum().item<double>());
  std::fflush(stdout);
  return 0;
}
