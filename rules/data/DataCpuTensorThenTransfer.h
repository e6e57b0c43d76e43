//===- DataCpuTensorThenTransfer.h - data-cpu-tensor-then-transfer --------===//
//
// Flags a tensor factory (torch::zeros, torch::rand, ...) whose CPU result is
// copied to a CUDA device at once (.to(torch::kCUDA), .cuda()). Only a
// literal CUDA device, or a variable initialised from one and never changed,
// counts: a device chosen at run time may be the CPU. See
// docs/rules/data-cpu-tensor-then-transfer.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_DATA_DATACPUTENSORTHENTRANSFER_H
#define GREENLINT_RULES_DATA_DATACPUTENSORTHENTRANSFER_H

#include "../Rule.h"

namespace greenlint {

class DataCpuTensorThenTransfer : public Rule {
public:
  static const RuleInfo Info;
  explicit DataCpuTensorThenTransfer(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace greenlint

#endif
