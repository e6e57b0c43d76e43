#include "model_io.h"
BoosterHandle setup(const char *Path) {
  BoosterHandle Booster;
  XGBoosterCreate(nullptr, 0, &Booster);
  XGBoosterLoadModel(Booster, Path);
  return Booster;
}
int main() { return setup("a.json") != nullptr; }
