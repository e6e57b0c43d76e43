// A unit whose parse costs about half a second of constant evaluation (with
// SPIN_ITERATIONS=300000), so that its compile is clearly dearer than a
// trivial one's.
constexpr long spin(long N) {
  long S = 0;
  for (long I = 0; I < N; ++I)
    S += I % 7;
  return S;
}
static_assert(spin(SPIN_ITERATIONS) > 0);
