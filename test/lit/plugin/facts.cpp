// facts=DIR writes one JSON file per translation unit with the findings (suppressed ones
// flagged), notes and fixes; an unwritable folder is a warning, not a failed build.
// RUN: rm -rf %t && mkdir %t
// RUN: %clangxx %torch -fsyntax-only %s -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/facts 2>/dev/null
// RUN: cat %t/facts/facts.cpp-*.json | FileCheck %s
// CHECK: "format": "greenlint-facts",
// CHECK: "version": 1,
// CHECK: "rule": "infer-load-in-loop",
// CHECK-NEXT: "level": "warning",
// CHECK: "line": [[@LINE+20]],
// CHECK: "suppressed": false,
// CHECK: "message": "loop is here"
// CHECK: "rule": "retrain-zero-grad-false",
// CHECK: "suppressed": true,
// CHECK: "fixes": [
// CHECK-NEXT: {
// CHECK-NEXT: "file": "{{.*}}facts.cpp",
// CHECK-NEXT: "offset": {{[0-9]+}},
// CHECK-NEXT: "length": 0,
// CHECK-NEXT: "text": "/*set_to_none=*/true"
// RUN: touch %t/file
// RUN: %clangxx %torch -fsyntax-only %s -fplugin=%plugin -fplugin-arg-greenlint-facts=%t/file/sub 2>&1 | FileCheck %s --check-prefix=UNWRITABLE
// UNWRITABLE: warning: greenlint: {{.*}}file/sub: cannot create facts folder: {{.*}}; check facts= (no facts written)
#include <torch/script.h>
#include <torch/torch.h>

void serve(const std::string &Path, int N) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < N; ++I)
    auto M = torch::jit::load(Path);
}

void train(torch::nn::Linear Model) {
  Model->zero_grad(); // NOLINT(greenlint-retrain-zero-grad-false)
}
