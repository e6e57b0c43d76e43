// Each budget: a model over it warns with the figures, one under it stays
// quiet. Models whose sizes are not constants are never estimated.
//
// RUN: %clangxx %torch -fsyntax-only -DHUGE -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,model-oversized %s 2>&1 | FileCheck %s --check-prefix=DEFAULT --implicit-check-not="warning:"
// RUN: printf 'budgets: {parameters: 100000}\n' > %t.params.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,model-oversized -fplugin-arg-greenlint-config=%t.params.yaml %s 2>&1 | FileCheck %s --check-prefix=PARAMS --implicit-check-not="warning:"
// RUN: printf 'budgets: {weight_bytes: 500000}\n' > %t.bytes.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,model-oversized -fplugin-arg-greenlint-config=%t.bytes.yaml %s 2>&1 | FileCheck %s --check-prefix=BYTES --implicit-check-not="warning:"
// RUN: printf 'budgets: {joules_per_call: 0.00015}\nprofile: nvidia-a100-sxm4-80gb\n' > %t.joules.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,model-oversized -fplugin-arg-greenlint-config=%t.joules.yaml %s 2>&1 | FileCheck %s --check-prefix=JOULES --implicit-check-not="warning:"
// Without a profile there are no joules, so the joules budget is silent.
// RUN: printf 'budgets: {joules_per_call: 0.00015}\n' > %t.noprofile.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,model-oversized -fplugin-arg-greenlint-config=%t.noprofile.yaml %s 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty --implicit-check-not="warning:"
// An unknown profile is an error that names it.
// RUN: not %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,model-oversized -fplugin-arg-greenlint-profile=nvidia-z999 %s 2>&1 | FileCheck %s --check-prefix=BADPROFILE
#include <torch/torch.h>

// 203,530 parameters, 814 kB at float32, 406,528 FLOPs per vector:
// 400 W x (406,528 / 9.75e12 + 814,120 / 1.6312e12) = 216 uJ on an A100.
struct Mlp : torch::nn::Module {
  // PARAMS: :[[@LINE-1]]:8: warning: model 'Mlp' is over budget: 203,530 parameters (budget 100,000 in {{.*}}.params.yaml); a smaller, distilled or quantised model costs less energy on every call [greenlint-model-oversized]
  // BYTES: :[[@LINE-2]]:8: warning: model 'Mlp' is over budget: 814 kB of weights at float32 (budget 500 kB in {{.*}}.bytes.yaml); a smaller
  // JOULES: :[[@LINE-3]]:8: warning: model 'Mlp' is over budget: about 216 uJ per call on nvidia-a100-sxm4-80gb (budget 150 uJ in {{.*}}.joules.yaml; modelled: 400 W x (FLOPs / (19.5 TFLOP/s x 0.5) + weight bytes / (2039 GB/s x 0.8)), profile nvidia-a100-sxm4-80gb
  Mlp() {
    register_module("fc1", torch::nn::Linear(784, 256));
    register_module("fc2", torch::nn::Linear(256, 10));
  }
};

// The same layers in half precision: 407 kB, under the weight budget, and
// 101 uJ per call (fp16 peak), under the joules budget.
struct HalfMlp : torch::nn::Module {
  // PARAMS: :[[@LINE-1]]:8: warning: model 'HalfMlp' is over budget: 203,530 parameters
  HalfMlp() {
    register_module("fc1", torch::nn::Linear(784, 256));
    register_module("fc2", torch::nn::Linear(256, 10));
  }
};

void serveInHalfPrecision() {
  auto Net = std::make_shared<HalfMlp>();
  Net->to(torch::kHalf);
}

// Far under every budget.
struct Tiny : torch::nn::Module {
  Tiny() { register_module("fc", torch::nn::Linear(10, 10)); }
};

// Sized at run time: no estimate, so no budget applies.
struct Dynamic : torch::nn::Module {
  explicit Dynamic(int64_t Width) {
    register_module("fc", torch::nn::Linear(Width, Width));
  }
};

int makeDynamic(int Argc) {
  Dynamic D(Argc * 100000);
  return 0;
}

// Registered in a loop: the count is a run-time matter here too.
struct Looped : torch::nn::Module {
  Looped() {
    for (int I = 0; I < 4; ++I)
      register_module("fc" + std::to_string(I),
                      torch::nn::Linear(4096, 4096));
  }
};

#ifdef HUGE
// 40,000 x 30,000 + 30,000 = 1,200,030,000 parameters, 4.8 GB at float32:
// over both default budgets.
struct Huge : torch::nn::Module {
  // DEFAULT: :[[@LINE-1]]:8: warning: model 'Huge' is over budget: 1,200,030,000 parameters (budget 1,000,000,000, greenlint's default), 4.8 GB of weights at float32 (budget 4 GB, greenlint's default); a smaller
  Huge() { register_module("fc", torch::nn::Linear(40000, 30000)); }
};
#endif

// QUIET-NOT: warning
// BADPROFILE: error: greenlint: -fplugin-arg-greenlint-profile: unknown hardware profile 'nvidia-z999'
