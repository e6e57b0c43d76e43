//===- WasteModelTest.cpp - Waste arithmetic against hand-worked values ---===//
#include "greenlint/estimate/WasteModel.h"
#include "greenlint/data/Profile.h"
#include <gtest/gtest.h>

using namespace greenlint;
using namespace greenlint::estimate;

namespace {

/// A profile with round numbers: 100 W, 125 GB/s, so that one byte through
/// memory costs 100 / (125e9 x 0.8) = 1 nJ.
data::HardwareProfile roundProfile() {
  data::HardwareProfile P;
  P.Id = "round";
  P.File = "round.yaml";
  P.TdpW = P.MaxW = 100;
  P.MemBandwidthGBs = 125;
  P.Year = 2026;
  return P;
}

} // namespace

TEST(WasteModel, OneNanojoulePerByteOnTheRoundProfile) {
  std::string Why;
  std::optional<double> J = memoryJoulesPerByte(roundProfile(), Why);
  ASSERT_TRUE(J) << Why;
  EXPECT_DOUBLE_EQ(*J, 1e-9);
}

TEST(WasteModel, ReloadIsBytesTimesPassesTimesJoulesPerByte) {
  data::HardwareProfile P = roundProfile();
  // 1e6 bytes x 1 nJ = 1 mJ per pass; waste.yaml's 2 / 4 / 6 passes.
  FindingWaste W = reloadWaste(1e6, "1 MB of weights", &P);
  ASSERT_TRUE(W.PerOccurrence) << W.Unknown;
  EXPECT_DOUBLE_EQ(W.PerOccurrence->Low, 2e-3);
  EXPECT_DOUBLE_EQ(W.PerOccurrence->Typical, 4e-3);
  EXPECT_DOUBLE_EQ(W.PerOccurrence->High, 6e-3);
  EXPECT_EQ(W.Profile, "round");
  EXPECT_NE(W.Basis.find("1 MB of weights moved through memory 4 times (2 to "
                         "6) at 100 W / (125 GB/s x 0.8), profile round"),
            std::string::npos)
      << W.Basis;
}

TEST(WasteModel, PerLoopCountsOnlyTheOccurrencesTheFixRemoves) {
  data::HardwareProfile P = roundProfile();
  FindingWaste W = reloadWaste(1e6, "1 MB", &P);
  W.InLoop = true;
  W.KeptPerLoop = 1;
  W.LoopTrips = 100;
  ASSERT_TRUE(W.perLoop());
  EXPECT_DOUBLE_EQ(W.perLoop()->Typical, 99 * 4e-3);
  EXPECT_NE(W.noteText().find(", ~396 mJ per loop of 100 iterations (99 "
                              "reloads beyond the first; range 198 mJ to "
                              "594 mJ)"),
            std::string::npos)
      << W.noteText();
  W.LoopTrips = 1; // one iteration wastes nothing
  EXPECT_DOUBLE_EQ(W.perLoop()->High, 0);
  nlohmann::ordered_json J = W.toJson();
  EXPECT_EQ(J["loop"]["trips"], 1);
  EXPECT_EQ(J["loop"]["kept_per_loop"], 1);
}

TEST(WasteModel, UnknownTripCountLeavesTheLoopFigureUnknown) {
  data::HardwareProfile P = roundProfile();
  FindingWaste W = reloadWaste(1e6, "1 MB", &P);
  W.InLoop = true;
  W.LoopUnknown = "a while or do loop's trip count is not known statically";
  EXPECT_FALSE(W.perLoop());
  EXPECT_NE(W.noteText().find("; per loop unknown (a while or do loop's"),
            std::string::npos);
  nlohmann::ordered_json J = W.toJson();
  EXPECT_TRUE(J["loop"]["trips"].is_null());
  EXPECT_TRUE(J["loop"]["joules_per_loop"].is_null());
  EXPECT_EQ(J["loop"]["unknown"], W.LoopUnknown);
}

TEST(WasteModel, NoProfileNoJoules) {
  FindingWaste W = reloadWaste(1e6, "1 MB", nullptr);
  EXPECT_FALSE(W.PerOccurrence);
  EXPECT_NE(W.Unknown.find("no target profile"), std::string::npos);
  EXPECT_EQ(W.noteText().rfind("unknown per reload (no target profile", 0), 0u);
  EXPECT_TRUE(W.toJson()["joules_per_occurrence"].is_null());
  EXPECT_FALSE(W.toJson().contains("loop"));
}

TEST(WasteModel, ProfileWithoutBandwidthSaysSo) {
  data::HardwareProfile P = roundProfile();
  P.MemBandwidthGBs = 0;
  FindingWaste W = reloadWaste(1e6, "1 MB", &P);
  EXPECT_FALSE(W.PerOccurrence);
  EXPECT_NE(W.Unknown.find("lacks memory bandwidth"), std::string::npos);
}

TEST(WasteModel, AutogradIsAFractionOfTheForward) {
  // waste.yaml: 0 / 0.07 / 0.16 of 1 mJ.
  FindingWaste W = autogradWaste(1e-3, "one sample", "round");
  ASSERT_TRUE(W.PerOccurrence) << W.Unknown;
  EXPECT_DOUBLE_EQ(W.PerOccurrence->Low, 0);
  EXPECT_DOUBLE_EQ(W.PerOccurrence->Typical, 0.07e-3);
  EXPECT_DOUBLE_EQ(W.PerOccurrence->High, 0.16e-3);
  W.InLoop = true;
  W.LoopTrips = 10; // every forward of the loop pays it
  EXPECT_DOUBLE_EQ(W.perLoop()->Typical, 0.7e-3);
}

TEST(WasteModel, RepeatedForwardIsAPointFigureWithoutRange) {
  FindingWaste W = repeatedCallWaste(2e-3, "one sample", "round");
  W.InLoop = true;
  W.KeptPerLoop = 1;
  W.LoopTrips = 11;
  EXPECT_DOUBLE_EQ(W.perLoop()->Low, 20e-3);
  EXPECT_EQ(W.noteText(),
            "~2 mJ per forward (modelled: the roofline estimate of one "
            "forward of one sample (docs/estimates.md)), ~20 mJ per loop of "
            "11 iterations (10 forwards beyond the first)");
}

// Cache entries and `check --merge` read back what toJson wrote: the same
// JSON must come out again, for every shape toJson writes.
TEST(WasteModel, FromJsonReadsBackWhatToJsonWrote) {
  data::HardwareProfile P = roundProfile();
  FindingWaste Known = reloadWaste(1e6 / 3, "333 kB", &P);
  Known.InLoop = true;
  Known.KeptPerLoop = 1;
  Known.LoopTrips = 7;
  FindingWaste UnknownTrips = reloadWaste(1e6, "1 MB", &P);
  UnknownTrips.InLoop = true;
  UnknownTrips.LoopUnknown = "a while loop";
  FindingWaste NoProfile = reloadWaste(1e6, "1 MB", nullptr);
  NoProfile.InLoop = true;
  NoProfile.LoopTrips = 3;
  for (const FindingWaste &W : {Known, UnknownTrips, NoProfile}) {
    std::string Error;
    nlohmann::ordered_json Text =
        nlohmann::ordered_json::parse(W.toJson().dump());
    std::optional<FindingWaste> Back = FindingWaste::fromJson(Text, Error);
    ASSERT_TRUE(Back) << Error;
    EXPECT_EQ(Back->toJson().dump(), W.toJson().dump());
  }
}

TEST(WasteModel, FromJsonNamesTheBadField) {
  nlohmann::ordered_json J = reloadWaste(1e6, "1 MB", nullptr).toJson();
  J["loop"] = {{"trips", "many"}, {"kept_per_loop", 1}};
  std::string Error;
  EXPECT_FALSE(FindingWaste::fromJson(J, Error));
  EXPECT_EQ(Error, "/loop/trips: neither null nor a count");
  J.erase("occurrence");
  EXPECT_FALSE(FindingWaste::fromJson(J, Error));
  EXPECT_EQ(Error, "/occurrence: missing");
}
