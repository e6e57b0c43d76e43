
void boostRound(DMatrixHandle Train, int Round);

void trainEpochs(const char *Path, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) {
    DMatrixHandle Train;
    XGDMatrixCreateFromFile(Path, 1, &Train);
    boostRound(Train, Round);
    XGDMatrixFree(Train);
  }
}
