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
#include <optional>
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
    /// The finding's wording when the read-back is inside the project's
    /// own function that the loop calls.
    std::optional<Finding> ThroughHelper = std::nullopt;
  };
  /// The loop around S that repeats it: the nearest one that runs a model
  /// or a training step, or null.
  const clang::Stmt *repeatingLoop(const clang::Stmt *S,
                                   clang::ASTContext &Ctx) const;
  /// Read-backs one or more calls away: the loop calls a helper that
  /// reads a value it is given on the host.
  void checkHelperSyncs(const clang::Stmt &Loop, const clang::FunctionDecl &Fn,
                        clang::ASTContext &Ctx);
  /// The most device-bound of \p Values into \p C.
  void placeValues(Candidate &C, const std::vector<const clang::Expr *> &Values,
                   clang::ASTContext &Ctx);
  std::unique_ptr<DevicePaths> Paths;
  bool OnlyWhenCuda;
  bool SawCuda = false;
  std::vector<Candidate> Candidates;
};

} // namespace greenlint

#endif
