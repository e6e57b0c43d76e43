// Code points before the call: SARIF's column counts them, not the bytes.
#include "shared.h"

void first(const char *Path, int Rounds) {
  reloadEvery(Path, Rounds);
  firstLoader(Path, Rounds);
  for (int Round = 0; Round < Rounds; ++Round) {
    DMatrixHandle Data;
    /* é€ */ XGDMatrixCreateFromFile(Path, 1, &Data);
    XGDMatrixFree(Data);
  }
}
