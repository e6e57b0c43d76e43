// A fixed amount of CPU work per functional unit, scaled by argv[1]: the
// program whose runs test/lit/cli/diff-real.test diffs. Everything runs inside
// one inference region so that sampling attributes nearly all CPU time to it.
#include <greenlint/greenlint.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

static volatile uint64_t Sink;

int main(int argc, char **argv) {
  double Factor = argc > 1 ? std::atof(argv[1]) : 1.0;
  const int Units = 40;
  const uint64_t StepsPerUnit = static_cast<uint64_t>(4e6 * Factor);
  uint64_t X = 88172645463325252ull;
  greenlint_region_begin("infer:Work::unit");
  for (int U = 0; U < Units; ++U) {
    for (uint64_t I = 0; I < StepsPerUnit; ++I) {
      X ^= X << 13;
      X ^= X >> 7;
      X ^= X << 17;
    }
    Sink = X;
    greenlint_units("inference", 1);
  }
  greenlint_region_end();
  std::printf("%llu\n", static_cast<unsigned long long>(Sink));
  return 0;
}
