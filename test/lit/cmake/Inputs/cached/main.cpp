#include <cstdlib>

int trainRounds(void *Train, int Rounds);

// A user-marked region: instrumented with no runtime call in the source.
[[clang::annotate("greenlint::region")]] double work(long N) {
  double Sum = 0;
  for (long I = 0; I < N * 1000; ++I)
    Sum += static_cast<double>(I % 7);
  return Sum;
}

int main(int Argc, char **Argv) {
  long N = Argc > 1 ? std::atol(Argv[1]) : 1;
  if (Argc > 2)
    return trainRounds(nullptr, 1);
  return work(N) > 0 ? 0 : 1;
}
