// A header included by units of every shard: its findings are reported by
// each shard that lints such a unit, and only once by the merge.
#include <xgboost/c_api.h>

inline void reloadEvery(const char *Path, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) {
    DMatrixHandle Data;
    XGDMatrixCreateFromFile(Path, 1, &Data);
    XGDMatrixFree(Data);
  }
}

// The same line twice, seen by units of different shards: the same
// fingerprint hash, numbered :0 and :1 in the unsharded run, :0 in each
// shard.
#ifdef FIRST_LOADER
inline void firstLoader(const char *Path, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) {
    DMatrixHandle Data;
    XGDMatrixCreateFromFile(Path, 1, &Data);
    XGDMatrixFree(Data);
  }
}
#endif
#ifdef SECOND_LOADER
inline void secondLoader(const char *Path, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) {
    DMatrixHandle Data;
    XGDMatrixCreateFromFile(Path, 1, &Data);
    XGDMatrixFree(Data);
  }
}
#endif
