//===- Grid.h - Grid carbon intensity and data-centre PUE --------*- C++
//-*-===//
//
// SCI's I term: location-based grid intensity per country or grid, with cloud
// regions mapped to the grid they draw from (runtime/data/grid/*.yaml, format
// in docs/grid.md). Every value carries its source, year, kind and licence so
// reports can cite it.
//
//===----------------------------------------------------------------------===//

#ifndef GREENLINT_DATA_GRID_H
#define GREENLINT_DATA_GRID_H

#include <string>
#include <vector>

namespace greenlint {
namespace data {

struct GridIntensity {
  std::string Id, Name; // the id asked for: "DE" or "aws:eu-central-1"
  double GCO2ePerKWh = 0;
  std::string Kind; // "average", "lifecycle" or "direct"
  std::string Source, Licence;
  int Year = 0;
  std::string GridId; // the grid the value belongs to: "DE" for both examples
};

/// Looks up a grid id ("DE", case-insensitive) or a cloud region
/// ("aws:eu-central-1", "gcp:europe-west1", "azure:westeurope").
bool lookupGrid(const std::string &IdOrCloudRegion, GridIntensity &Out,
                std::string &Error);

/// Grid ids (countries and aggregates such as WORLD, EU), sorted.
std::vector<std::string> listGridIds();

/// Cloud region ids ("aws:us-east-1", ...), sorted.
std::vector<std::string> listCloudRegionIds();

/// The provider's published fleet PUE ("aws", "gcp", "azure"; a region id
/// such as "aws:us-east-1" works too). Unknown or on-premises hosts get 1.0,
/// and \p Source says that this counts IT energy only.
double providerPue(const std::string &Provider, std::string &Source);

} // namespace data
} // namespace greenlint

#endif // GREENLINT_DATA_GRID_H
