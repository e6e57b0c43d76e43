//===- DevicePaths.h - Whether a value can be on an accelerator
//------------===//
//
// Some waste exists only on a device: reading a tensor back to the host costs
// a GPU sync, and nothing on the CPU. Rules about it must tell a GPU path from
// CPU-only code. DevicePaths follows a value (tensor, module, session, net,
// model) back through locals, assignments, calls and the callers of the
// function it is in, and looks for what puts it on a device: a move to a
// device that is or can be CUDA (`torch::Device(cuda ? kCUDA : kCPU)`,
// `.cuda()`), an accelerator setup (CUDA/TensorRT execution providers,
// OpenCV dnn CUDA backends), or a GPU layer count (llama.cpp n_gpu_layers).
// A move to the CPU (`.cpu()`, `.to(kCPU)`) ends the path: its result is on
// the host. Values whose origin is outside what this TU shows (parameters of
// functions nobody here calls, fields never moved here) are Unknown.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_DEVICEPATHS_H
#define GREENLINT_RULES_SUPPORT_DEVICEPATHS_H

#include <memory>

namespace clang {
class ASTContext;
class Expr;
} // namespace clang

namespace greenlint {

class ApiModel;

/// Where a value can be. Ordered: combining two paths keeps the larger.
enum class DevicePlace {
  /// Every path this TU shows keeps the value on the host.
  Host,
  /// Part of the value's origin is not visible here.
  Unknown,
  /// Some path puts the value on an accelerator (or may, by a run-time
  /// choice).
  Device,
};

class DevicePaths {
public:
  DevicePaths(const ApiModel &Api, clang::ASTContext &Ctx);
  ~DevicePaths();

  /// Where the value of E can be, with the evidence that decides it.
  DevicePlace placeOf(const clang::Expr *E);
  /// The call, construction or assignment that puts the last value asked
  /// about (placeOf) on a device; null unless that answer was Device.
  const clang::Expr *evidence() const;
  /// Whether a device expression (torch::Device, a DeviceType enumerator, a
  /// backend enumerator) is, or can be chosen at run time to be, an
  /// accelerator.
  DevicePlace deviceChoice(const clang::Expr *E);

private:
  class Impl;
  std::unique_ptr<Impl> P;
};

} // namespace greenlint

#endif
