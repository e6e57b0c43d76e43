#include "mine.h"

void epochs(const char *Path, int N) {
  for (int I = 0; I < N; ++I)
    mydata_load(Path);
}
