//===- GridTest.cpp - Grid intensity, cloud regions and PUE ---------------===//

#include "greenlint/data/Grid.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

using namespace greenlint::data;
using namespace greenlint::data::test;

namespace {

bool contains(const std::string &Haystack, const std::string &Needle) {
  return Haystack.find(Needle) != std::string::npos;
}

size_t countProvider(const std::vector<std::string> &Ids,
                     const std::string &Provider) {
  size_t N = 0;
  for (const std::string &Id : Ids)
    N += Id.rfind(Provider + ":", 0) == 0;
  return N;
}

} // namespace

TEST(Grid, BundlesEnoughGridsAndRegions) {
  std::vector<std::string> Grids = listGridIds();
  EXPECT_GE(Grids.size(), 50u);
  std::vector<std::string> Regions = listCloudRegionIds();
  EXPECT_GE(countProvider(Regions, "aws"), 15u);
  EXPECT_GE(countProvider(Regions, "gcp"), 15u);
  EXPECT_GE(countProvider(Regions, "azure"), 10u);
}

TEST(Grid, EveryEntryResolvesWithProvenance) {
  std::vector<std::string> Ids = listGridIds();
  std::vector<std::string> Regions = listCloudRegionIds();
  Ids.insert(Ids.end(), Regions.begin(), Regions.end());
  for (const std::string &Id : Ids) {
    SCOPED_TRACE(Id);
    GridIntensity G;
    std::string Error;
    ASSERT_TRUE(lookupGrid(Id, G, Error)) << Error;
    EXPECT_GE(G.GCO2ePerKWh, 0);
    EXPECT_LT(G.GCO2ePerKWh, 1500);
    EXPECT_FALSE(G.Source.empty());
    EXPECT_FALSE(G.Licence.empty());
    EXPECT_GE(G.Year, 2019);
    EXPECT_TRUE(G.Kind == "average" || G.Kind == "lifecycle" ||
                G.Kind == "direct");
  }
}

TEST(Grid, LooksUpACountry) {
  GridIntensity G;
  std::string Error;
  ASSERT_TRUE(lookupGrid("DE", G, Error)) << Error;
  EXPECT_EQ(G.Id, "DE");
  EXPECT_EQ(G.Name, "Germany");
  EXPECT_DOUBLE_EQ(G.GCO2ePerKWh, 342);
  EXPECT_EQ(G.Year, 2024);
  EXPECT_EQ(G.Kind, "lifecycle");
  EXPECT_TRUE(contains(G.Source, "Ember")) << G.Source;
  EXPECT_TRUE(contains(G.Licence, "CC-BY-4.0")) << G.Licence;
  // Country codes are case-insensitive.
  GridIntensity Lower;
  ASSERT_TRUE(lookupGrid("fr", Lower, Error)) << Error;
  EXPECT_EQ(Lower.Id, "FR");
  EXPECT_LT(Lower.GCO2ePerKWh, G.GCO2ePerKWh);
}

TEST(Grid, LooksUpCloudRegionsThroughTheirGrid) {
  GridIntensity Region, Country;
  std::string Error;
  ASSERT_TRUE(lookupGrid("aws:eu-central-1", Region, Error)) << Error;
  ASSERT_TRUE(lookupGrid("DE", Country, Error)) << Error;
  EXPECT_EQ(Region.Id, "aws:eu-central-1");
  EXPECT_EQ(Region.GridId, "DE");
  EXPECT_DOUBLE_EQ(Region.GCO2ePerKWh, Country.GCO2ePerKWh);
  EXPECT_TRUE(contains(Region.Name, "Frankfurt")) << Region.Name;
  EXPECT_TRUE(contains(Region.Source, "Regions and Availability Zones"))
      << Region.Source;

  ASSERT_TRUE(lookupGrid("gcp:europe-north1", Region, Error)) << Error;
  EXPECT_EQ(Region.GridId, "FI");
  ASSERT_TRUE(lookupGrid("AZURE:WestEurope", Region, Error)) << Error;
  EXPECT_EQ(Region.GridId, "NL");
}

TEST(Grid, UnknownIdsAreExplained) {
  GridIntensity G;
  std::string Error;
  EXPECT_FALSE(lookupGrid("XX", G, Error));
  EXPECT_EQ(Error.rfind("greenlint: unknown grid 'XX'; ", 0), 0u) << Error;
  EXPECT_TRUE(contains(Error, "aws:eu-central-1")) << Error;

  EXPECT_FALSE(lookupGrid("aws:mars-north-1", G, Error));
  EXPECT_TRUE(contains(Error, "unknown cloud region 'aws:mars-north-1'"))
      << Error;
  EXPECT_TRUE(contains(Error, "known aws regions include aws:")) << Error;

  EXPECT_FALSE(lookupGrid("oracle:uk-london-1", G, Error));
  EXPECT_TRUE(contains(Error, "known providers are aws, gcp and azure"))
      << Error;
}

TEST(Grid, BrokenGridFileGivesPosition) {
  TempDir Dir;
  std::string Path = Dir.write(
      "grid/test.yaml",
      "licence: test\nsource: test\nkind: average\ngrids:\n"
      "  - {id: AA, name: A, intensity_gco2e_per_kwh: 100, year: 2024}\n"
      "  - {id: BB, name: B, intensity_gco2e_per_kwh: lots, year: 2024}\n");
  ScopedDataDir Env(Dir.Path);
  GridIntensity G;
  std::string Error;
  EXPECT_FALSE(lookupGrid("AA", G, Error));
  EXPECT_TRUE(contains(Error, Path + ":6:")) << Error;
  EXPECT_TRUE(contains(Error, "non-numeric value 'lots'")) << Error;
}

TEST(Grid, RegionMustNameAKnownGrid) {
  TempDir Dir;
  std::string Path = Dir.write(
      "grid/regions.yaml",
      "licence: test\nsource: test\nyear: 2025\nprovider: aws\nregions:\n"
      "  - {id: \"aws:xx-1\", location: Nowhere, grid: ZZ}\n");
  ScopedDataDir Env(Dir.Path);
  GridIntensity G;
  std::string Error;
  EXPECT_FALSE(lookupGrid("aws:xx-1", G, Error));
  EXPECT_TRUE(contains(Error, Path + ":6:")) << Error;
  EXPECT_TRUE(contains(Error, "names grid 'ZZ'")) << Error;
}

TEST(Grid, ProviderPue) {
  std::string Source;
  EXPECT_DOUBLE_EQ(providerPue("aws", Source), 1.135);
  EXPECT_TRUE(contains(Source, "Cloud Carbon Footprint")) << Source;
  EXPECT_DOUBLE_EQ(providerPue("GCP", Source), 1.1);
  EXPECT_DOUBLE_EQ(providerPue("azure:westeurope", Source), 1.185);
  EXPECT_DOUBLE_EQ(providerPue("onprem", Source), 1.0);
  EXPECT_TRUE(contains(Source, "counts IT energy only")) << Source;
}
