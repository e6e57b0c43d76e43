// Waste estimates on findings (docs/rules/infer-load-in-loop.md and
// infer-no-grad-guard.md, "Waste estimate"): the note's figures against a
// hand computation, the unknown cases, and the facts file.
// RUN: rm -rf %t && mkdir -p %t && python3 -c "open('%t/model.pt','wb').truncate(1000000)"
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-load-in-loop,infer-no-grad-guard,infer-loop-invariant-forward,retrain-zero-grad-false -fplugin-arg-greenlint-profile=amd-epyc-7b13 -fplugin-arg-greenlint-facts=%t/facts -DMODEL_FILE='"%t/model.pt"' %s 2>&1 | FileCheck %s --implicit-check-not="waste estimate"
// RUN: python3 %S/Inputs/print_waste.py %t/facts | FileCheck %s --check-prefix=FACTS
// Without a profile the joules are unknown: no note, and the facts say why.
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,infer-load-in-loop,infer-no-grad-guard,infer-loop-invariant-forward -fplugin-arg-greenlint-facts=%t/noprofile -DMODEL_FILE='"%t/model.pt"' %s 2>&1 | FileCheck %s --check-prefix=NOPROFILE --implicit-check-not="waste estimate"
// RUN: python3 %S/Inputs/print_waste.py %t/noprofile | FileCheck %s --check-prefix=NOPROFILE-FACTS
//
// Hand computation on amd-epyc-7b13 (maximum power 1.02 x 280 W = 285.6 W,
// 204.8 GB/s): one byte through memory costs 285.6 / (204.8e9 x 0.8) =
// 1.74316e-9 J. NetImpl has 1000 x 500 + 500 = 500,500 parameters, 2,002,000
// bytes at float32: 3.4898 mJ per pass; 2 / 4 / 6 passes (waste.yaml) =
// 6.98 / 13.96 / 20.94 mJ per reload.
#include <torch/script.h>
#include <torch/torch.h>
#include <array>
#include <string>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(1000, 500))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

// 100 iterations, 99 reloads beyond the first: 0.691 / 1.382 / 2.073 J.
void reloadPerRequest(const std::string &Path, torch::Tensor X) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < 100; ++I) {
    Net S;
    torch::load(S, Path);
    // CHECK: waste-estimates.cpp:[[@LINE-1]]:5: warning: 'torch::load' loads the same model
    // CHECK: waste-estimates.cpp:[[@LINE-2]]:5: note: greenlint waste estimate: ~14 mJ per reload (range 6.98 mJ to 20.9 mJ; modelled: 2 MB of weights (500,500 parameters at float32) of model 'NetImpl' (static estimate, waste-estimates.cpp:{{[0-9]+}}) moved through memory 4 times (2 to 6) at 285.6 W / (204.8 GB/s x 0.8), profile amd-epyc-7b13 (2021); passes: runtime/data/waste.yaml model-reload-memory-passes (2026)), ~1.38 J per loop of 100 iterations (99 reloads beyond the first; range 691 mJ to 2.07 J)
    S->forward(X);
  }
}

// A range-for over std::array<_, 8>: 7 reloads beyond the first,
// 48.9 / 97.7 / 146.6 mJ.
void reloadPerName(const std::array<std::string, 8> &Names,
                   const std::string &Path) {
  for (const std::string &Name : Names) {
    Net S;
    torch::load(S, Path);
    // CHECK: waste-estimates.cpp:[[@LINE-1]]:5: note: greenlint waste estimate: ~14 mJ per reload ({{.*}}), ~97.7 mJ per loop of 8 iterations (7 reloads beyond the first; range 48.9 mJ to 147 mJ)
    (void)Name;
  }
}

// What torch::jit::load reads is a file the compiler does not see, and the
// loop's bound is a parameter: both unknown, with why.
void reloadUnknown(const std::string &Path, int N) {
  torch::NoGradGuard Guard;
  for (int I = 0; I < N; ++I)
    auto M = torch::jit::load(Path);
  // CHECK: waste-estimates.cpp:[[@LINE-1]]:14: note: greenlint waste estimate: unknown per reload (the size of what 'torch::jit::load' loads is not known: no static estimate of the module and no constant path to a file that exists at build time)
}

// A constant path to a file that exists: its 1,000,000 bytes, 3.49 / 6.97 /
// 10.5 mJ per reload; a while loop's trip count is unknown.
void reloadFile(bool &Running) {
  torch::NoGradGuard Guard;
  while (Running)
    auto M = torch::jit::load(MODEL_FILE);
  // CHECK: waste-estimates.cpp:[[@LINE-1]]:14: note: greenlint waste estimate: ~6.97 mJ per reload (range 3.49 mJ to 10.5 mJ; modelled: 1 MB read from '{{.*}}model.pt' (the file's size when this was compiled) moved through memory 4 times (2 to 6) {{.*}}; per loop unknown (a while or do loop's trip count is not known statically)
}

// The same forward on the same input 20 times: 19 forwards beyond the first
// at 3.604 mJ (above) = 68.5 mJ, a point figure (the roofline model gives no
// range).
torch::Tensor repeated(Net Model, torch::Tensor X) {
  torch::NoGradGuard Guard;
  torch::Tensor Out;
  for (int I = 0; I < 20; ++I)
    Out = Model->forward(X);
  // CHECK: waste-estimates.cpp:[[@LINE-1]]:11: warning: the same module runs on the same inputs
  // CHECK: waste-estimates.cpp:[[@LINE-2]]:11: note: greenlint waste estimate: ~3.6 mJ per forward (modelled: the roofline estimate of one forward of one sample of model 'NetImpl' (static estimate, waste-estimates.cpp:{{[0-9]+}}, 1 MFLOP per sample, profile amd-epyc-7b13) (docs/estimates.md)), ~68.5 mJ per loop of 20 iterations (19 forwards beyond the first)
  return Out;
}

// retrain-zero-grad-false: the gradients weigh what the weights do, 2,002,000
// bytes = 3.4898 mJ per pass; 2 / 4 / 4 more passes per step (waste.yaml
// zero-grad-memory-passes) = 6.98 / 13.96 / 13.96 mJ per step. 10 steps,
// 9 beyond the first (whose call finds no gradients yet) = 62.8 / 125.6 mJ.
void zeroFilledGradients(torch::Tensor X) {
  Net M;
  torch::optim::SGD Opt(M->parameters(), 0.1);
  for (int I = 0; I < 10; ++I) {
    M->zero_grad(false);
    // CHECK: waste-estimates.cpp:[[@LINE-1]]:8: warning: 'zero_grad' is called with set_to_none=false
    // CHECK: waste-estimates.cpp:[[@LINE-2]]:8: note: greenlint waste estimate: ~14 mJ per step (range 6.98 mJ to 14 mJ; modelled: 2 MB of gradients, all parameters trained (500,500 parameters at float32) of model 'NetImpl' (static estimate, waste-estimates.cpp:{{[0-9]+}}) moved through memory 4 times (2 to 4) at 285.6 W / (204.8 GB/s x 0.8), profile amd-epyc-7b13 (2021); passes: runtime/data/waste.yaml zero-grad-memory-passes (2026)), ~126 mJ per loop of 10 iterations (9 steps beyond the first; range 62.8 mJ to 126 mJ)
    M->forward(X).sum().backward();
    Opt.step();
  }
}

// Unknown: a module behind a base-class reference has no static estimate.
void zeroFilledUnknown(torch::nn::Module &Any) {
  Any.zero_grad(false);
  // CHECK: waste-estimates.cpp:[[@LINE-1]]:7: warning: 'zero_grad' is called with set_to_none=false
  // CHECK: waste-estimates.cpp:[[@LINE-2]]:7: note: greenlint waste estimate: unknown per step (no static estimate of the model whose gradients this clears
}

// A forward of NetImpl costs 285.6 W x (1,000,000 FLOP / (5 TFLOP/s x 0.5) +
// 2,002,000 B / (204.8 GB/s x 0.8)) = 3.604 mJ per sample; autograd adds
// 0 / 0.07 / 0.16 of it (waste.yaml): 0 / 252 / 577 uJ per forward, and 50
// times that per loop: 0 / 12.6 / 28.8 mJ.
double serve(Net Model, torch::Tensor X) {
  Model->eval();
  double Sum = 0;
  for (int I = 0; I < 50; ++I)
    Sum += Model->forward(X[I]).sum().item<double>();
  // CHECK: waste-estimates.cpp:[[@LINE-1]]:12: warning: forward pass runs with autograd recording
  // CHECK: waste-estimates.cpp:[[@LINE-2]]:12: note: greenlint waste estimate: ~252 uJ per forward (range 0 J to 577 uJ; modelled: 0.07 (0 to 0.16) x 3.6 mJ per forward of one sample of model 'NetImpl' (static estimate, waste-estimates.cpp:{{[0-9]+}}, 1 MFLOP per sample, profile amd-epyc-7b13); overhead: runtime/data/waste.yaml autograd-forward-overhead (2026)), ~12.6 mJ per loop of 50 iterations (50 forwards; range 0 J to 28.8 mJ)
  return Sum;
}

// FACTS: infer-load-in-loop reload typical=0.0139593 low=0.00697963 high=0.0209389 loop trips=100 kept=1 typical=1.38197
// FACTS: infer-load-in-loop reload {{.*}} loop trips=8 kept=1 typical=0.0977148
// FACTS: infer-load-in-loop reload unknown=the size of what 'torch::jit::load' loads is not known{{.*}} loop trips=null kept=1 unknown=the loop's bounds are not compile-time constants
// FACTS: infer-load-in-loop reload typical=0.00697266 {{.*}} loop trips=null kept=1 unknown=a while or do loop's trip count is not known statically
// FACTS: infer-loop-invariant-forward forward typical=0.00360405 low=0.00360405 high=0.00360405 loop trips=20 kept=1 typical=0.068477
// FACTS: infer-no-grad-guard forward typical=0.000252284 low=0 high=0.000576649 loop trips=50 kept=0 typical=0.0126142

// NOPROFILE: warning: 'torch::load' loads the same model
// NOPROFILE-FACTS: infer-load-in-loop reload unknown=no target profile: set profile: in .greenlint.yaml or -fplugin-arg-greenlint-profile=<id> (docs/profiles.md lists them) loop trips=100 kept=1 unknown=the joules per reload are unknown
// NOPROFILE-FACTS: infer-no-grad-guard forward unknown=model 'NetImpl' (waste-estimates.cpp:{{[0-9]+}}) has no joules per call: no target profile{{.*}} loop trips=50
