// Only user code is linted: the main file, plus non-system headers matching header_filter.
// -w silences greenlint warnings too; rules= narrows the rule set; time-rules prints rule time.
// RUN: rm -rf %t && mkdir -p %t/include
// RUN: cp %S/Inputs/serve_helpers.h %t/include/
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -I%t/include %s 2>&1 | FileCheck %s --check-prefix=MAIN --implicit-check-not=serve_helpers.h
// MAIN: scope.cpp:{{[0-9]+}}:14: warning: {{.*}}[greenlint-infer-load-in-loop]
// RUN: printf 'header_filter: ".*/include/.*"\n' > %t/cfg.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-config=%t/cfg.yaml -I%t/include %s 2>&1 | FileCheck %s --check-prefix=HEADERS
// HEADERS-DAG: serve_helpers.h:{{[0-9]+}}:14: warning: {{.*}}[greenlint-infer-load-in-loop]
// HEADERS-DAG: scope.cpp:{{[0-9]+}}:14: warning: {{.*}}[greenlint-infer-load-in-loop]
// The same header included as a system header is never linted.
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-config=%t/cfg.yaml -isystem %t/include %s 2>&1 | FileCheck %s --check-prefix=MAIN --implicit-check-not=serve_helpers.h
// RUN: %clangxx %torch -fsyntax-only -w -fplugin=%plugin -I%t/include %s 2>&1 | count 0
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-infer-* -I%t/include %s 2>&1 | count 0
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-time-rules -I%t/include %s 2>&1 | FileCheck %s --check-prefix=TIME
// TIME: greenlint: rule time for {{.*}}scope.cpp (total {{[0-9.]+}} s wall)
// TIME-DAG: s  infer-load-in-loop
// TIME-DAG: s  infer-no-grad-guard
#include <torch/script.h>
#include "serve_helpers.h"

void serve(const std::string &Path, int N) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < N; ++I)
    auto M = torch::jit::load(Path);
}
