//===- SignificanceTest.cpp - Welch's t-test against known values ---------===//
#include "Significance.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace greenlint;

namespace {
std::vector<RatioObservation> values(std::initializer_list<double> Xs) {
  std::vector<RatioObservation> Out;
  for (double X : Xs)
    Out.push_back({X, 1});
  return Out;
}
} // namespace

// Critical values from any Student's t table.
TEST(Significance, StudentTailAgainstTables) {
  EXPECT_NEAR(studentTwoSidedP(2.228, 10), 0.05, 2e-4);
  EXPECT_NEAR(studentTwoSidedP(2.571, 5), 0.05, 2e-4);
  EXPECT_NEAR(studentTwoSidedP(2.086, 20), 0.05, 2e-4);
  EXPECT_NEAR(studentTwoSidedP(3.169, 10), 0.01, 1e-4);
  // df = 1 is the Cauchy distribution: P(|T| >= 1) = 1/2 exactly.
  EXPECT_NEAR(studentTwoSidedP(1, 1), 0.5, 1e-12);
  EXPECT_DOUBLE_EQ(studentTwoSidedP(0, 7), 1);
  EXPECT_NEAR(regularizedIncompleteBeta(2, 3, 0.4), 0.5248, 1e-12);
}

TEST(Significance, RatioEstimateWithUnitDenominatorsIsTheMean) {
  RatioEstimate E = ratioEstimate(values({1, 2, 3, 4, 5}));
  EXPECT_DOUBLE_EQ(E.Value, 3);
  EXPECT_NEAR(E.StdError, std::sqrt(2.5 / 5), 1e-12);
  EXPECT_EQ(E.N, 5);
}

TEST(Significance, RatioEstimateWeighsClustersByUnits) {
  // 10 g over 10 units and 30 g over 20 units: 40/30 g per unit.
  RatioEstimate E = ratioEstimate({{10, 10}, {30, 20}});
  EXPECT_NEAR(E.Value, 4.0 / 3, 1e-12);
  // Residuals 10 - 40/3 = -10/3 and 30 - 80/3 = 10/3; mean units 15.
  EXPECT_NEAR(E.StdError, std::sqrt(2 * 100.0 / 9 / 2) / 15, 1e-12);
}

// Hand-worked Welch: base 1..5 (mean 3, var 2.5), head 2,4,..,10 (mean 6,
// var 10): se^2 = 0.5 + 2, t = 3 / sqrt(2.5), df = 2.5^2 / (0.5^2/4 + 2^2/4).
TEST(Significance, WelchAgainstHandWorkedCase) {
  WelchResult W = welchTest(ratioEstimate(values({1, 2, 3, 4, 5})),
                            ratioEstimate(values({2, 4, 6, 8, 10})));
  ASSERT_TRUE(W.Valid);
  EXPECT_NEAR(W.T, 3 / std::sqrt(2.5), 1e-12);
  EXPECT_NEAR(W.Df, 6.25 / (0.0625 + 1), 1e-12);
  EXPECT_GT(W.P, 0.05);
  EXPECT_LT(W.P, 0.2);
  EXPECT_NEAR(W.P, studentTwoSidedP(W.T, W.Df), 1e-15);
}

TEST(Significance, ClearShiftIsSignificantNoiseIsNot) {
  WelchResult Shift =
      welchTest(ratioEstimate(values({10.0, 10.2, 9.9, 10.1, 9.8})),
                ratioEstimate(values({11.0, 11.1, 10.9, 11.2, 10.8})));
  EXPECT_LT(Shift.P, 0.001);
  WelchResult Same =
      welchTest(ratioEstimate(values({10.0, 10.2, 9.9, 10.1, 9.8})),
                ratioEstimate(values({10.1, 9.9, 10.0, 10.2, 9.8})));
  EXPECT_GT(Same.P, 0.5);
}

TEST(Significance, TooFewClustersIsNotATest) {
  EXPECT_FALSE(
      welchTest(ratioEstimate(values({1})), ratioEstimate(values({1, 2})))
          .Valid);
}
