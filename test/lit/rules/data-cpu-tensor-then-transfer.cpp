// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,data-cpu-tensor-then-transfer %s 2>&1 | FileCheck %s --implicit-check-not="warning:"
// RUN: cp %s %t.cpp && %clangxx %torch -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,data-cpu-tensor-then-transfer -Xclang -fixit %t.cpp 2>/dev/null; FileCheck --check-prefix=FIXED %s < %t.cpp
// RUN: %clangxx %torch -fsyntax-only -Werror %t.cpp
#include <torch/torch.h>

torch::Tensor shapes() {
  torch::Tensor Z = torch::zeros({2, 3}).to(torch::kCUDA);
  // CHECK: :[[@LINE-1]]:42: warning: tensor is created on the CPU by 'zeros' and then copied to the GPU; create it on the device with 'torch::TensorOptions().device(torch::kCUDA)' (the CPU fill and the host-to-device copy are wasted work) [greenlint-data-cpu-tensor-then-transfer]
  // FIXED: torch::Tensor Z = torch::zeros({2, 3}, torch::TensorOptions().device(torch::kCUDA));
  torch::Tensor O = torch::ones({4}, torch::TensorOptions().dtype(torch::kHalf)).cuda();
  // CHECK: :[[@LINE-1]]:82: warning: tensor is created on the CPU by 'ones' and then copied to the GPU
  // FIXED: torch::Tensor O = torch::ones({4}, torch::TensorOptions().dtype(torch::kHalf).device(torch::kCUDA));
  torch::Tensor F = torch::full({3}, 0.5).to(torch::Device(torch::kCUDA, 0));
  // CHECK: :[[@LINE-1]]:43: warning: tensor is created on the CPU by 'full'
  // FIXED: torch::Tensor F = torch::full({3}, 0.5, torch::TensorOptions().device(torch::Device(torch::kCUDA, 0)));
  return Z + O + F;
}

torch::Tensor withDeviceVariable() {
  torch::Device Gpu(torch::kCUDA);
  torch::Tensor A = torch::arange(10).to(Gpu);
  // CHECK: :[[@LINE-1]]:39: warning: tensor is created on the CPU by 'arange'
  // FIXED: torch::Tensor A = torch::arange(10, torch::TensorOptions().device(Gpu));
  torch::Tensor Noise = torch::randn({8}).to(Gpu);
  // CHECK: :[[@LINE-1]]:43: warning: tensor is created on the CPU by 'randn'
  // FIXED: torch::Tensor Noise = torch::randn({8}).to(Gpu);
  return A + Noise;
}

// CLEAN: the device is chosen at run time and may be the CPU.
torch::Tensor runtimeDevice() {
  torch::Device Device = torch::cuda::is_available() ? torch::kCUDA : torch::kCPU;
  return torch::zeros({2}).to(Device);
}

// CLEAN: the device variable is changed after its initialisation.
torch::Tensor fallbackDevice(bool UseCpu) {
  torch::Device Device(torch::kCUDA);
  if (UseCpu)
    Device = torch::Device(torch::kCPU);
  return torch::ones({2}).to(Device);
}

// CLEAN: tensors that never leave the CPU, or only change dtype.
torch::Tensor cpuOnly(torch::Device Target) {
  torch::Tensor A = torch::zeros({2}).to(torch::kCPU);
  torch::Tensor B = torch::ones({2}).to(torch::kFloat64);
  torch::Tensor C = torch::ones({2}).to(Target);
  return A + B + C;
}

// CLEAN: already created on the device.
torch::Tensor onDevice() {
  return torch::zeros({2}, torch::TensorOptions().device(torch::kCUDA));
}
