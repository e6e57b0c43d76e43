// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,model-float64 %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: echo "options: {model-float64: {AllowedFunctionsRegex: '[Mm]etric'}}" > %t.yaml
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,model-float64 -fplugin-arg-greenlint-config=%t.yaml %s 2>&1 | FileCheck %s --check-prefix=ALLOWED --implicit-check-not="warning:"
#include <torch/torch.h>
#include <vector>

struct NetImpl : torch::nn::Module {
  NetImpl() : Fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor X) { return Fc->forward(X); }
  torch::nn::Linear Fc;
};
TORCH_MODULE(Net);

void makeDoubles(Net Model, torch::Tensor X) {
  torch::Tensor A = torch::zeros({4, 4}, torch::kFloat64);
  // CHECK: :[[@LINE-1]]:42: warning: double precision (float64) runs at a fraction of float32 throughput and moves twice the bytes; use torch::kFloat32 (or lower) unless this computation needs 64-bit accuracy [greenlint-model-float64]
  // ALLOWED: :[[@LINE-2]]:42: warning: double precision
  auto B = torch::randn({4}, torch::TensorOptions().dtype(torch::kDouble));
  // CHECK: :[[@LINE-1]]:59: warning: double precision
  // ALLOWED: :[[@LINE-2]]:59: warning: double precision
  torch::Tensor C = X.to(at::kDouble);
  // CHECK: :[[@LINE-1]]:26: warning: double precision
  // ALLOWED: :[[@LINE-2]]:26: warning: double precision
  Model->to(torch::kF64);
  // CHECK: :[[@LINE-1]]:13: warning: double precision
  // ALLOWED: :[[@LINE-2]]:13: warning: double precision
  // CHECK: model-float64.cpp:7:8: note: model 'NetImpl' has 10 parameters: 80 B of weights in float64 against 40 B in float32
  torch::Tensor D = torch::ones({2}, torch::dtype(c10::ScalarType::Double));
  // CHECK: :[[@LINE-1]]:51: warning: double precision
  // ALLOWED: :[[@LINE-2]]:51: warning: double precision
}

// A metric accumulator: reported by default, allowed by the option.
double metricMeanAbsError(torch::Tensor Pred, torch::Tensor Target) {
  return (Pred - Target).abs().to(torch::kFloat64).mean().item<double>();
  // CHECK: :[[@LINE-1]]:35: warning: double precision
}

// CLEAN: single precision.
torch::Tensor singles(torch::Tensor X) {
  return X.to(torch::kFloat32) + torch::zeros({2}, torch::kFloat);
}

// CLEAN: the dtype comes from a variable the caller chose.
torch::Tensor convert(torch::Tensor X, torch::Dtype Wanted) {
  return X.to(Wanted);
}

// CLEAN: plain C++ doubles on the CPU are not tensors.
double averageLoss(const std::vector<double> &Losses) {
  double Sum = 0;
  for (double L : Losses)
    Sum += L;
  return Sum / Losses.size();
}

// CLEAN: from_blob describes existing double data, converted at once.
torch::Tensor wrap(std::vector<double> &Data) {
  return torch::from_blob(Data.data(), {(int64_t)Data.size()}, torch::kFloat64)
      .to(torch::kFloat32);
}

// CLEAN: checking a dtype is not choosing one.
bool isDouble(torch::Tensor X) { return X.scalar_type() == torch::kFloat64; }

// CLEAN: a runtime choice between precisions.
torch::Tensor maybeDouble(torch::Tensor X, bool Precise) {
  return X.to(Precise ? torch::kFloat64 : torch::kFloat32);
}
