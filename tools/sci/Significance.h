//===- Significance.h - Is an SCI change more than noise? -------*- C++ -*-===//
//
// greenlint diff compares SCI values, which are ratios (carbon over units),
// from repeated runs or from the sample intervals of one run. Each group of
// observations (a run, or an interval) is a cluster with its own carbon and
// units; the SCI is the ratio estimator sum(c)/sum(u) and its standard error
// comes from the linearised residuals c - R*u. Two such estimates are
// compared with Welch's t-test. docs/sci-methodology.md states the
// assumptions.
//
//===----------------------------------------------------------------------===//

#ifndef GREENLINT_TOOLS_SIGNIFICANCE_H
#define GREENLINT_TOOLS_SIGNIFICANCE_H

#include <vector>

namespace greenlint {

/// One cluster of a ratio: carbon (g) and functional units in one run or one
/// sample interval.
struct RatioObservation {
  double Numerator = 0;
  double Denominator = 0;
};

/// A ratio estimate with its standard error over N clusters.
struct RatioEstimate {
  double Value = 0;
  double StdError = 0;
  int N = 0;
};

/// R = sum(num)/sum(den); SE^2 = sum((num_i - R den_i)^2) / (n (n-1)
/// mean(den)^2). With every denominator 1 this is the sample mean and
/// s/sqrt(n).
RatioEstimate ratioEstimate(const std::vector<RatioObservation> &Obs);

struct WelchResult {
  double T = 0;       // (head - base) / sqrt(se_b^2 + se_h^2)
  double Df = 0;      // Welch-Satterthwaite degrees of freedom
  double P = 1;       // two-sided p-value
  bool Valid = false; // false when a side has fewer than 2 clusters
};

/// Welch's unequal-variance t-test of Head against Base.
WelchResult welchTest(const RatioEstimate &Base, const RatioEstimate &Head);

/// P(|T| >= |t|) for Student's t with \p Df degrees of freedom.
double studentTwoSidedP(double T, double Df);

/// The regularised incomplete beta function I_x(a, b).
double regularizedIncompleteBeta(double A, double B, double X);

} // namespace greenlint

#endif
