//===- WasteFactorsTest.cpp - runtime/data/waste.yaml and its loader ------===//

#include "greenlint/data/WasteFactors.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

using namespace greenlint::data;
using namespace greenlint::data::test;

TEST(WasteFactors, BundledFactorsAreRangesWithSources) {
  for (const char *Id :
       {"model-reload-memory-passes", "autograd-forward-overhead"}) {
    SCOPED_TRACE(Id);
    WasteFactor F;
    std::string Error;
    ASSERT_TRUE(loadWasteFactor(Id, F, Error)) << Error;
    EXPECT_LT(F.Low, F.Typical);
    EXPECT_LT(F.Typical, F.High);
    EXPECT_GT(F.Source.size(), 40u);
    EXPECT_GE(F.Year, 2020);
    EXPECT_EQ(F.File, "runtime/data/waste.yaml");
  }
}

TEST(WasteFactors, UnknownIdNamesTheKnownOnes) {
  WasteFactor F;
  std::string Error;
  EXPECT_FALSE(loadWasteFactor("no-such-factor", F, Error));
  EXPECT_NE(Error.find("no waste factor 'no-such-factor' (known: "
                       "model-reload-memory-passes, "),
            std::string::npos)
      << Error;
}

TEST(WasteFactors, RejectsUnknownKeysAndRangesOutOfOrder) {
  TempDir Dir;
  ScopedDataDir Env(Dir.Path);
  WasteFactor F;
  std::string Error;
  Dir.write("waste.yaml", "licence: x\nfactors:\n  - id: a\n    unit: u\n"
                          "    low: 1\n    typical: 2\n    high: 3\n"
                          "    source: s\n    year: 2026\n    hgih: 4\n");
  EXPECT_FALSE(loadWasteFactor("a", F, Error));
  EXPECT_NE(Error.find("waste.yaml:10:5: "), std::string::npos) << Error;
  EXPECT_NE(Error.find("hgih"), std::string::npos) << Error;

  Dir.write("waste.yaml", "licence: x\nfactors:\n  - id: a\n    unit: u\n"
                          "    low: 3\n    typical: 2\n    high: 4\n"
                          "    source: s\n    year: 2026\n");
  EXPECT_FALSE(loadWasteFactor("a", F, Error));
  EXPECT_NE(Error.find("waste.yaml:5:10: factor 'a' needs 0 <= low <= "
                       "typical <= high"),
            std::string::npos)
      << Error;
}
