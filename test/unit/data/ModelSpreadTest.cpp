//===- ModelSpreadTest.cpp - runtime/data/model-spread.yaml and its loader ===//

#include "greenlint/data/ModelSpread.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

using namespace greenlint::data;
using namespace greenlint::data::test;

namespace {

bool contains(const std::string &Haystack, const std::string &Needle) {
  return Haystack.find(Needle) != std::string::npos;
}

const char *const Licence = "licence: test\n";

} // namespace

TEST(ModelSpread, BundledVendorAndGenericHaveSourcedFactors) {
  ModelSpread Vendor, Generic;
  std::string Error;
  ASSERT_TRUE(modelSpread(false, Vendor, Error)) << Error;
  ASSERT_TRUE(modelSpread(true, Generic, Error)) << Error;
  EXPECT_EQ(Vendor.Basis, "vendor-profile");
  EXPECT_EQ(Generic.Basis, "generic-fallback");
  EXPECT_FALSE(Vendor.Source.empty());
  EXPECT_GT(Vendor.Year, 2000);
  // The generic fallback knows less about the part: its range is wider.
  EXPECT_LT(Generic.LowFactor, Vendor.LowFactor);
  EXPECT_GT(Generic.HighFactor, Vendor.HighFactor);
}

TEST(ModelSpread, RejectsUnknownKeysAndInvertedFactors) {
  TempDir Dir;
  ScopedDataDir Env(Dir.Path);
  ModelSpread S;
  std::string Error;
  Dir.write("model-spread.yaml",
            std::string(Licence) + "spreads:\n  - {basis: vendor-profile, "
                                   "low_factor: 0.9, high_factor: 1.1, "
                                   "source: x, year: 2026, spread_pct: 10}\n");
  EXPECT_FALSE(modelSpread(false, S, Error));
  EXPECT_TRUE(contains(Error, "spread_pct")) << Error;

  Dir.write("model-spread.yaml", std::string(Licence) +
                                     "spreads:\n  - {basis: vendor-profile, "
                                     "low_factor: 1.2, high_factor: 0.8, "
                                     "source: x, year: 2026}\n");
  EXPECT_FALSE(modelSpread(false, S, Error));
  EXPECT_TRUE(contains(Error, "low_factor <= 1 <= high_factor")) << Error;
}

TEST(ModelSpread, MissingFileOrBasisSaysSo) {
  TempDir Dir;
  ScopedDataDir Env(Dir.Path);
  ModelSpread S;
  std::string Error;
  EXPECT_FALSE(modelSpread(true, S, Error));
  EXPECT_TRUE(contains(Error, "generic-fallback")) << Error;

  Dir.write("model-spread.yaml", std::string(Licence) +
                                     "spreads:\n  - {basis: vendor-profile, "
                                     "low_factor: 0.9, high_factor: 1.1, "
                                     "source: x, year: 2026}\n");
  EXPECT_FALSE(modelSpread(true, S, Error));
  ASSERT_TRUE(modelSpread(false, S, Error)) << Error;
  EXPECT_DOUBLE_EQ(S.LowFactor, 0.9);
  EXPECT_DOUBLE_EQ(S.HighFactor, 1.1);
}
