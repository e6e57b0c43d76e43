#include <cstdlib>

// Work per unit; the head commit multiplies it (a regression the diff must catch).
constexpr long WorkFactor = 1;

[[clang::annotate("greenlint::region")]] double work(long N) {
  double Sum = 0;
  for (long I = 0; I < N * 1000 * WorkFactor; ++I)
    Sum += static_cast<double>(I % 7);
  return Sum;
}

int main(int Argc, char **Argv) {
  long N = Argc > 1 ? std::atol(Argv[1]) : 1;
  return work(N) > 0 ? 0 : 1;
}
