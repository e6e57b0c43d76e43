//===- ReportUnitsTest.cpp - Readable energy and carbon, side rows --------===//
#include "ReportFormats.h"

#include <gtest/gtest.h>

using namespace greenlint;
using nlohmann::json;

TEST(ReportUnits, EnergyInTheUnitItsMagnitudeReadsBest) {
  EXPECT_EQ(formatEnergy(0.26), "0.26 J"); // 7.2e-08 kWh
  EXPECT_EQ(formatEnergy(0), "0 J");
  EXPECT_EQ(formatEnergy(0.05), "50 mJ");
  EXPECT_EQ(formatEnergy(12.6), "12.6 J");
  EXPECT_EQ(formatEnergy(999), "999 J");
  EXPECT_EQ(formatEnergy(4500), "4.5 kJ");
  EXPECT_EQ(formatEnergy(1.8e5), "50 Wh");
  EXPECT_EQ(formatEnergy(7.2e6), "2 kWh");
  EXPECT_EQ(formatEnergy(-4500), "-4.5 kJ");
}

TEST(ReportUnits, CarbonInMilligramsGramsOrKilograms) {
  EXPECT_EQ(formatCarbon(4.609e-4), "0.4609 mg");
  EXPECT_EQ(formatCarbon(0), "0 g");
  EXPECT_EQ(formatCarbon(1.5), "1.5 g");
  EXPECT_EQ(formatCarbon(5e5), "500 kg");
  EXPECT_EQ(formatCarbon(-0.0038), "-3.8 mg");
}

TEST(ReportUnits, SideRowOfOneRegionWithTheSameFiguresIsRedundant) {
  json Rows =
      json::array({{{"scope", "total"}, {"unit", "run"}, {"sci", 1.0}},
                   {{"scope", "consumer"}, {"unit", "inference"}, {"sci", 0.5}},
                   {{"scope", "provider"}, {"unit", "step"}, {"sci", 0.25}},
                   {{"scope", "region"},
                    {"side", "consumer"},
                    {"unit", "inference"},
                    {"sci", 0.5}},
                   {{"scope", "region"},
                    {"side", "provider"},
                    {"unit", "step"},
                    {"sci", 0.25}},
                   {{"scope", "region"},
                    {"side", "provider"},
                    {"unit", "step"},
                    {"sci", 0.1}}});
  // The provider side sums two regions: it adds a figure of its own.
  EXPECT_EQ(redundantSideRows(Rows, {"sci"}),
            std::vector<bool>({false, true, false, false, false, false}));
  EXPECT_EQ(sideRowName(Rows, Rows[2]), "(2 regions)");
  // A nested region makes the side's self figures differ from the region's
  // inclusive ones: then the side row stays.
  Rows[1]["sci"] = 0.4;
  EXPECT_EQ(redundantSideRows(Rows, {"sci"})[1], false);
}
