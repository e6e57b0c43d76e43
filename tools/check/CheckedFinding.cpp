//===- CheckedFinding.cpp - Findings as `greenlint check` handles them ----===//
#include "CheckedFinding.h"

#include <algorithm>
#include <tuple>

namespace greenlint {

namespace {

bool findingLess(const CheckedFinding &A, const CheckedFinding &B) {
  const ReportedFinding &X = A.Finding, &Y = B.Finding;
  return std::tie(X.File, X.Line, X.Column, X.RuleId, X.Message) <
         std::tie(Y.File, Y.Line, Y.Column, Y.RuleId, Y.Message);
}

bool findingSame(const CheckedFinding &A, const CheckedFinding &B) {
  const ReportedFinding &X = A.Finding, &Y = B.Finding;
  return std::tie(X.File, X.Line, X.Column, X.RuleId, X.Message) ==
         std::tie(Y.File, Y.Line, Y.Column, Y.RuleId, Y.Message);
}

} // namespace

void removeDuplicateFindings(std::vector<CheckedFinding> &Findings) {
  std::sort(Findings.begin(), Findings.end(), findingLess);
  Findings.erase(std::unique(Findings.begin(), Findings.end(), findingSame),
                 Findings.end());
}

FindingCounts countStates(const std::vector<CheckedFinding> &Findings) {
  FindingCounts N;
  for (const CheckedFinding &C : Findings)
    switch (C.State) {
    case FindingState::Reported:
      ++N.Reported;
      break;
    case FindingState::Suppressed:
      ++N.Suppressed;
      break;
    case FindingState::Baselined:
      ++N.Baselined;
      break;
    case FindingState::Unchanged:
      ++N.Unchanged;
      break;
    }
  return N;
}

} // namespace greenlint
