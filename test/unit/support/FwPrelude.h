//===- FwPrelude.h - The `fw` framework's declarations for test code ------===//
//
// The declarations testApi() describes, for the code strings to use.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TEST_UNIT_SUPPORT_FWPRELUDE_H
#define GREENLINT_TEST_UNIT_SUPPORT_FWPRELUDE_H

namespace greenlint::test {

inline constexpr const char *FwPrelude = R"(
namespace fw {
struct Tensor {};
struct Module { virtual Tensor forward(Tensor X); virtual ~Module(); };
struct Optimizer { void step(); };
struct NoGrad { NoGrad(); };
void set_grad_enabled(bool On);
void load(Module &Into, const char *Path);
void save(const Module &M, const char *Path);
} // namespace fw
)";

} // namespace greenlint::test

#endif
