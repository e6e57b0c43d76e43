
void trainAgain(const char *Path, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) {
    DMatrixHandle Train;
    XGDMatrixCreateFromFile(Path, 1, &Train);
    XGDMatrixFree(Train);
  }
}
