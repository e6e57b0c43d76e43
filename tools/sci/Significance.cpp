//===- Significance.cpp - Ratio estimates and Welch's t-test
//---------------===//
#include "Significance.h"

#include <cmath>
#include <limits>

namespace greenlint {

RatioEstimate ratioEstimate(const std::vector<RatioObservation> &Obs) {
  RatioEstimate E;
  E.N = static_cast<int>(Obs.size());
  double SumNum = 0, SumDen = 0;
  for (const RatioObservation &O : Obs) {
    SumNum += O.Numerator;
    SumDen += O.Denominator;
  }
  if (SumDen <= 0)
    return E;
  E.Value = SumNum / SumDen;
  if (E.N < 2)
    return E;
  double MeanDen = SumDen / E.N;
  double SumSq = 0;
  for (const RatioObservation &O : Obs) {
    double Residual = O.Numerator - E.Value * O.Denominator;
    SumSq += Residual * Residual;
  }
  E.StdError =
      std::sqrt(SumSq / (static_cast<double>(E.N) * (E.N - 1))) / MeanDen;
  return E;
}

// Continued fraction for I_x(a, b), evaluated with the modified Lentz method;
// converges quickly for x < (a + 1) / (a + b + 2), the caller swaps otherwise.
static double betaContinuedFraction(double A, double B, double X) {
  const double Tiny = 1e-300;
  double C = 1, D = 1 - (A + B) * X / (A + 1);
  if (std::fabs(D) < Tiny)
    D = Tiny;
  D = 1 / D;
  double F = D;
  for (int M = 1; M <= 300; ++M) {
    // Even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m)).
    double Num = M * (B - M) * X / ((A + 2 * M - 1) * (A + 2 * M));
    D = 1 + Num * D;
    C = 1 + Num / C;
    if (std::fabs(D) < Tiny)
      D = Tiny;
    if (std::fabs(C) < Tiny)
      C = Tiny;
    D = 1 / D;
    F *= C * D;
    // Odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)).
    Num = -(A + M) * (A + B + M) * X / ((A + 2 * M) * (A + 2 * M + 1));
    D = 1 + Num * D;
    C = 1 + Num / C;
    if (std::fabs(D) < Tiny)
      D = Tiny;
    if (std::fabs(C) < Tiny)
      C = Tiny;
    D = 1 / D;
    double Step = C * D;
    F *= Step;
    if (std::fabs(Step - 1) < 1e-15)
      break;
  }
  return F;
}

double regularizedIncompleteBeta(double A, double B, double X) {
  if (X <= 0)
    return 0;
  if (X >= 1)
    return 1;
  double LogFront = std::lgamma(A + B) - std::lgamma(A) - std::lgamma(B) +
                    A * std::log(X) + B * std::log1p(-X);
  if (X < (A + 1) / (A + B + 2))
    return std::exp(LogFront) * betaContinuedFraction(A, B, X) / A;
  return 1 - std::exp(LogFront) * betaContinuedFraction(B, A, 1 - X) / B;
}

double studentTwoSidedP(double T, double Df) {
  if (!std::isfinite(T))
    return 0;
  if (Df <= 0)
    return 1;
  // P(|T| >= t) = I_{df/(df+t^2)}(df/2, 1/2).
  return regularizedIncompleteBeta(Df / 2, 0.5, Df / (Df + T * T));
}

WelchResult welchTest(const RatioEstimate &Base, const RatioEstimate &Head) {
  WelchResult R;
  if (Base.N < 2 || Head.N < 2)
    return R;
  R.Valid = true;
  double VarB = Base.StdError * Base.StdError;
  double VarH = Head.StdError * Head.StdError;
  double Diff = Head.Value - Base.Value;
  if (VarB + VarH <= 0) {
    // Identical repeated values on both sides: any difference is exact.
    R.T = Diff == 0
              ? 0
              : std::copysign(std::numeric_limits<double>::infinity(), Diff);
    R.Df = Base.N + Head.N - 2;
    R.P = Diff == 0 ? 1 : 0;
    return R;
  }
  R.T = Diff / std::sqrt(VarB + VarH);
  double Den = VarB * VarB / (Base.N - 1) + VarH * VarH / (Head.N - 1);
  R.Df = Den > 0 ? (VarB + VarH) * (VarB + VarH) / Den : Base.N + Head.N - 2;
  R.P = studentTwoSidedP(R.T, R.Df);
  return R;
}

} // namespace greenlint
