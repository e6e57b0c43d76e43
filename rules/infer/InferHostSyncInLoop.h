//===- InferHostSyncInLoop.h - infer-host-sync-in-loop --------------------===//
//
// Flags calls that make the host wait for the GPU (Tensor::item, cpu(),
// to(kCPU), nonzero(), printing a tensor, torch::cuda::synchronize) on every
// iteration of a loop that runs a model or a training step, when the value
// read can be on a GPU (support/DevicePaths.h). Logging every N steps (an `if`
// on `%`) and values that stay on the CPU are quiet. See
// docs/rules/infer-host-sync-in-loop.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_INFER_INFERHOSTSYNCINLOOP_H
#define GREENLINT_RULES_INFER_INFERHOSTSYNCINLOOP_H

#include "../Rule.h"
#include "../support/DevicePaths.h"
#include <memory>
#include <vector>

namespace greenlint {

class InferHostSyncInLoop : public Rule {
public:
  static const RuleInfo Info;
  explicit InferHostSyncInLoop(RuleContext &Ctx);
  ~InferHostSyncInLoop() override;
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;

private:
  struct Candidate {
    clang::SourceLocation Loc;
    clang::SourceLocation LoopLoc;
    std::string What;
    DevicePlace Place;
    /// What puts the value on a device, when the path shows it.
    const clang::Expr *Evidence;
  };
  std::unique_ptr<DevicePaths> Paths;
  bool OnlyWhenCuda;
  bool SawCuda = false;
  std::vector<Candidate> Candidates;
};

} // namespace greenlint

#endif
