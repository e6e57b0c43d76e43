// The plugin loaded twice — the same file, a symlink, a copy (as an installed greenlint.so in
// CMAKE_CXX_FLAGS beside the build tree's from greenlint_enable) — never crashes: the first
// load runs, a second copy is ignored with one note, and every finding appears once.
// RUN: rm -rf %t && mkdir -p %t/copy %t/link
// RUN: cp %plugin %t/copy/greenlint.so
// RUN: ln -s %plugin %t/link/greenlint.so
// RUN: %clangxx -fplugin-arg-greenlint-rules=-*,greenlint-data-load-in-loop -c -o %t/same.o -fplugin=%plugin -fplugin=%plugin %s 2>&1 | FileCheck %s --check-prefixes=ONCE,NONOTE
// RUN: %clangxx -fplugin-arg-greenlint-rules=-*,greenlint-data-load-in-loop -c -o %t/link.o -fplugin=%plugin -fplugin=%t/link/greenlint.so %s 2>&1 | FileCheck %s --check-prefixes=ONCE,NONOTE
// RUN: %clangxx -fplugin-arg-greenlint-rules=-*,greenlint-data-load-in-loop -c -o %t/copy.o -fplugin=%plugin -fplugin=%t/copy/greenlint.so %s 2> %t/copy.err
// RUN: FileCheck %s --check-prefixes=ONCE,NOTE < %t/copy.err
// A third copy: a note for each ignored copy, findings still once.
// RUN: cp %plugin %t/third.so
// RUN: %clangxx -fplugin-arg-greenlint-rules=-*,greenlint-data-load-in-loop -c -o %t/three.o -fplugin=%plugin -fplugin=%t/copy/greenlint.so -fplugin=%t/third.so %s 2>&1 | FileCheck %s --check-prefixes=ONCE,THIRD
// Instrumenting with two copies: one region, the module still verifies.
// NONOTE-NOT: loaded more than once
// NOTE: remark: greenlint: the greenlint plugin is loaded more than once ({{.*}}greenlint.so first, then {{.*}}copy/greenlint.so); only the first runs
// NOTE-NOT: loaded more than once
// THIRD: remark: greenlint: {{.*}} then {{.*}}copy/greenlint.so)
// THIRD-NEXT: remark: greenlint: {{.*}} then {{.*}}third.so)
#include <xgboost/c_api.h>

void trainEpochs(const char *Path, int Rounds) {
  for (int Round = 0; Round < Rounds; ++Round) {
    DMatrixHandle Train;
    XGDMatrixCreateFromFile(Path, 1, &Train);
    XGDMatrixFree(Train);
  }
}

void boost(BoosterHandle Booster, DMatrixHandle Train) {
  for (int Round = 0; Round < 10; ++Round)
    XGBoosterUpdateOneIter(Booster, Round, Train);
}
// ONCE: double-load.cpp:[[@LINE-9]]:5: warning: {{.*}}[greenlint-data-load-in-loop]
// ONCE-NOT: warning:
// RUN: %clangxx -S -emit-llvm -o %t/two.ll -fplugin=%plugin -fplugin=%t/copy/greenlint.so -fplugin-arg-greenlint-instrument=on %s 2>/dev/null
// RUN: grep -c 'call void @greenlint_region_begin' %t/two.ll | FileCheck %s --check-prefix=IR
// IR: {{^}}1{{$}}
