// Keeps one region busy for argv[1] seconds, counting an inference every
// millisecond or so: the program Prometheus scrapes in export.test.
#include <greenlint/greenlint.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>

static volatile uint64_t Sink;

int main(int argc, char **argv) {
  double Seconds = argc > 1 ? std::atof(argv[1]) : 1.0;
  auto End = std::chrono::steady_clock::now() +
             std::chrono::duration<double>(Seconds);
  uint64_t X = 88172645463325252ull;
  greenlint_region_begin("infer:Busy::run");
  while (std::chrono::steady_clock::now() < End) {
    for (int I = 0; I < 100000; ++I) {
      X ^= X << 13;
      X ^= X >> 7;
      X ^= X << 17;
    }
    Sink = X;
    greenlint_units("inference", 1);
  }
  greenlint_region_end();
  return 0;
}
