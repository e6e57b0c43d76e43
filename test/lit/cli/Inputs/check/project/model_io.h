// The project's model and data helpers, shared by its programs.
#include <xgboost/c_api.h>

BoosterHandle openModel(const char *Path);
BoosterHandle openModelOnce(const char *Path);
BoosterHandle openVersion(int Version);
DMatrixHandle readTable(const char *Path);
void describe(BoosterHandle Booster);

namespace serving {
struct Scorer {
  explicit Scorer(const char *Path);
  float score(DMatrixHandle Rows) const;
  BoosterHandle Booster;
};
} // namespace serving

// Defined differently by the two command-line tools of the project.
BoosterHandle setup(const char *Path);
