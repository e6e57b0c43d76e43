/* Trains a small XGBoost booster with its C API, saves it as JSON and UBJSON,
 * and prints the trees, nodes, leaves and depth XGBoost's own text dump shows
 * (one line per node, indented one tab per level), for the test to compare with
 * `greenlint estimate`. usage: xgboost_model OUTDIR */
#include <stdio.h>
#include <string.h>
#include <xgboost/c_api.h>

#define CHECK(call)                                                            \
  if ((call) != 0) {                                                           \
    fprintf(stderr, "%s\n", XGBGetLastError());                                \
    return 2;                                                                  \
  }

int main(int argc, char **argv) {
  enum { Rows = 200, Cols = 4 };
  static float X[Rows * Cols], Y[Rows];
  unsigned Seed = 12345;
  for (int I = 0; I < Rows * Cols; ++I) {
    Seed = Seed * 1103515245u + 12345u;
    X[I] = (float)((Seed >> 8) % 1000) / 100.0f;
  }
  for (int R = 0; R < Rows; ++R)
    Y[R] = X[R * Cols] * 2 - X[R * Cols + 1] + (X[R * Cols + 2] > 5 ? 3 : 0);
  DMatrixHandle D;
  BoosterHandle B;
  CHECK(XGDMatrixCreateFromMat(X, Rows, Cols, -1, &D));
  CHECK(XGDMatrixSetFloatInfo(D, "label", Y, Rows));
  CHECK(XGBoosterCreate(&D, 1, &B));
  CHECK(XGBoosterSetParam(B, "max_depth", "3"));
  CHECK(XGBoosterSetParam(B, "nthread", "1"));
  CHECK(XGBoosterSetParam(B, "seed", "0"));
  for (int Round = 0; Round < 7; ++Round)
    CHECK(XGBoosterUpdateOneIter(B, Round, D));
  char Path[4096];
  snprintf(Path, sizeof Path, "%s/booster.json", argv[1]);
  CHECK(XGBoosterSaveModel(B, Path));
  snprintf(Path, sizeof Path, "%s/booster.ubj", argv[1]);
  CHECK(XGBoosterSaveModel(B, Path));

  bst_ulong Trees = 0;
  const char **Dump = NULL;
  CHECK(XGBoosterDumpModel(B, "", 0, &Trees, &Dump));
  long Nodes = 0, Leaves = 0, Depth = 0, Comparisons = 0;
  for (bst_ulong T = 0; T < Trees; ++T) {
    long TreeDepth = 0;
    for (const char *Line = Dump[T]; *Line;) {
      long Tabs = 0;
      while (Line[Tabs] == '\t')
        ++Tabs;
      const char *End = strchr(Line, '\n');
      size_t Len = End ? (size_t)(End - Line) : strlen(Line);
      if (Len > (size_t)Tabs) {
        ++Nodes;
        if (strstr(Line, "leaf=") && strstr(Line, "leaf=") < Line + Len)
          ++Leaves;
        if (Tabs > TreeDepth)
          TreeDepth = Tabs;
      }
      Line += Len + (End ? 1 : 0);
    }
    if (TreeDepth > Depth)
      Depth = TreeDepth;
    Comparisons += TreeDepth;
  }
  printf(
      "{\"trees\": %lu, \"nodes\": %ld, \"leaves\": %ld, \"max_depth\": %ld, "
      "\"max_comparisons_per_sample\": %ld}\n",
      (unsigned long)Trees, Nodes, Leaves, Depth, Comparisons);
  XGBoosterFree(B);
  XGDMatrixFree(D);
  return 0;
}
