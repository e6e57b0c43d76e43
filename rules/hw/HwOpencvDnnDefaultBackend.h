//===- HwOpencvDnnDefaultBackend.h - hw-opencv-dnn-default-backend --------===//
//
// Flags cv::dnn::Net::forward on a net loaded here but never given a backend
// or target, in a translation unit that otherwise uses CUDA: the net runs on
// the CPU. Nets passed in or configured in other functions stay quiet. Opt-in.
// See docs/rules/hw-opencv-dnn-default-backend.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_HW_HWOPENCVDNNDEFAULTBACKEND_H
#define GREENLINT_RULES_HW_HWOPENCVDNNDEFAULTBACKEND_H

#include "../Rule.h"

namespace greenlint {

class HwOpencvDnnDefaultBackend : public Rule {
public:
  static const RuleInfo Info;
  explicit HwOpencvDnnDefaultBackend(RuleContext &Ctx) : Rule(Info, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void onEndOfTranslationUnit() override;

private:
  struct Candidate {
    const clang::CXXMemberCallExpr *Forward;
    const clang::ValueDecl *Net;
    const clang::Expr *Load;
  };
  std::vector<Candidate> Candidates;
  clang::SourceLocation FirstCudaUse;
};

} // namespace greenlint

#endif
