//===- Grid.cpp - Grid carbon intensity and data-centre PUE ---------------===//

#include "greenlint/data/Grid.h"
#include "YamlUtil.h"

#include <algorithm>
#include <map>

namespace greenlint {
namespace data {

namespace {

struct CloudRegion {
  std::string Id, Provider, Location, GridId, Source, Licence, File;
  int Year = 0;
  YAML::Mark Mark;
};

struct GridTable {
  std::map<std::string, GridIntensity> Grids; // by upper-case id
  std::map<std::string, CloudRegion> Regions; // by lower-case id
};

bool readGridEntry(const YAML::Node &E, const std::string &File,
                   const std::string &FileSource, const std::string &FileKind,
                   const std::string &Licence, GridTable &Table,
                   std::string &Error) {
  GridIntensity G;
  G.Kind = FileKind;
  G.Source = FileSource;
  G.Licence = Licence;
  if (!requireMap(E, File, "a grid entry", Error) ||
      !checkKeys(
          E,
          {"id", "name", "intensity_gco2e_per_kwh", "year", "kind", "source"},
          File, "a grid entry", Error) ||
      !getString(E, "id", File, true, G.Id, Error) ||
      !getString(E, "name", File, true, G.Name, Error) ||
      !getNumber(E, "intensity_gco2e_per_kwh", File, true, "gCO2e per kWh",
                 G.GCO2ePerKWh, Error) ||
      !getInt(E, "year", File, true, G.Year, Error) ||
      !getString(E, "kind", File, false, G.Kind, Error) ||
      !getString(E, "source", File, false, G.Source, Error))
    return false;
  if (G.Kind != "average" && G.Kind != "lifecycle" && G.Kind != "direct") {
    Error = errorPrefix(File, E.Mark()) + "grid '" + G.Id + "' has kind '" +
            G.Kind + "'; write average, lifecycle or direct";
    return false;
  }
  if (G.Source.empty()) {
    Error = errorPrefix(File, E.Mark()) + "grid '" + G.Id +
            "' has no source; add source: to the entry or the file";
    return false;
  }
  if (G.GCO2ePerKWh < 0) {
    Error = errorPrefix(File, E["intensity_gco2e_per_kwh"].Mark()) +
            "intensity cannot be negative; correct the value";
    return false;
  }
  G.Id = toUpper(G.Id);
  G.GridId = G.Id;
  if (!Table.Grids.emplace(G.Id, G).second) {
    Error = errorPrefix(File, E.Mark()) + "grid '" + G.Id +
            "' is defined twice; keep one entry";
    return false;
  }
  return true;
}

bool readRegionEntry(const YAML::Node &E, const std::string &File,
                     const std::string &Provider, const std::string &Source,
                     int Year, const std::string &Licence, GridTable &Table,
                     std::string &Error) {
  CloudRegion R;
  R.Provider = Provider;
  R.Source = Source;
  R.Year = Year;
  R.Licence = Licence;
  R.File = File;
  R.Mark = E.Mark();
  if (!requireMap(E, File, "a region entry", Error) ||
      !checkKeys(E, {"id", "location", "grid"}, File, "a region entry",
                 Error) ||
      !getString(E, "id", File, true, R.Id, Error) ||
      !getString(E, "location", File, true, R.Location, Error) ||
      !getString(E, "grid", File, true, R.GridId, Error))
    return false;
  R.Id = toLower(R.Id);
  R.GridId = toUpper(R.GridId);
  if (R.Id.compare(0, Provider.size() + 1, Provider + ":") != 0) {
    Error = errorPrefix(File, E.Mark()) + "region '" + R.Id +
            "' does not start with '" + Provider +
            ":'; name regions <provider>:<region>";
    return false;
  }
  if (!Table.Regions.emplace(R.Id, R).second) {
    Error = errorPrefix(File, E.Mark()) + "region '" + R.Id +
            "' is defined twice; keep one entry";
    return false;
  }
  return true;
}

bool readGridFile(const DataFile &F, GridTable &Table, std::string &Error) {
  const std::string &File = F.Display;
  YAML::Node Root;
  std::string Licence, Source, Kind = "average", Provider;
  int Year = 0;
  if (!parseYaml(F, Root, Error) ||
      !requireMap(Root, File, "a grid file", Error) ||
      !checkKeys(
          Root,
          {"licence", "source", "kind", "year", "provider", "grids", "regions"},
          File, "a grid file", Error) ||
      !getString(Root, "licence", File, true, Licence, Error) ||
      !getString(Root, "source", File, false, Source, Error) ||
      !getString(Root, "kind", File, false, Kind, Error) ||
      !getInt(Root, "year", File, false, Year, Error))
    return false;
  YAML::Node Grids = Root["grids"], Regions = Root["regions"];
  if (!Grids.IsDefined() && !Regions.IsDefined()) {
    Error = errorPrefix(File, Root.Mark()) +
            "a grid file needs a 'grids' or 'regions' list; add one";
    return false;
  }
  if (Grids.IsDefined()) {
    if (!Grids.IsSequence()) {
      Error = errorPrefix(File, Grids.Mark()) +
              "'grids' must be a list of entries; start each with '- '";
      return false;
    }
    for (const YAML::Node &E : Grids)
      if (!readGridEntry(E, File, Source, Kind, Licence, Table, Error))
        return false;
  }
  if (Regions.IsDefined()) {
    if (!getString(Root, "provider", File, true, Provider, Error) ||
        !getString(Root, "source", File, true, Source, Error) ||
        !getInt(Root, "year", File, true, Year, Error))
      return false;
    if (!Regions.IsSequence()) {
      Error = errorPrefix(File, Regions.Mark()) +
              "'regions' must be a list of entries; start each with '- '";
      return false;
    }
    for (const YAML::Node &E : Regions)
      if (!readRegionEntry(E, File, toLower(Provider), Source, Year, Licence,
                           Table, Error))
        return false;
  }
  return true;
}

bool loadGridTable(GridTable &Table, std::string &Error) {
  std::vector<DataFile> Files;
  if (!dataFiles("grid", Files, Error))
    return false;
  for (const DataFile &F : Files)
    if (!readGridFile(F, Table, Error))
      return false;
  // A region pointing nowhere would surface only when someone asks for it.
  for (const auto &KV : Table.Regions)
    if (!Table.Grids.count(KV.second.GridId)) {
      Error = errorPrefix(KV.second.File, KV.second.Mark) + "region '" +
              KV.first + "' names grid '" + KV.second.GridId +
              "', which no grid file defines; add the grid or fix the id";
      return false;
    }
  return true;
}

std::string someIds(const std::vector<std::string> &Ids, size_t N) {
  std::string Out;
  for (size_t I = 0; I < Ids.size() && I < N; ++I)
    Out += (I ? ", " : "") + Ids[I];
  return Out;
}

} // namespace

bool lookupGrid(const std::string &IdOrCloudRegion, GridIntensity &Out,
                std::string &Error) {
  GridTable Table;
  if (!loadGridTable(Table, Error))
    return false;
  if (IdOrCloudRegion.find(':') != std::string::npos) {
    std::string Id = toLower(IdOrCloudRegion);
    auto It = Table.Regions.find(Id);
    if (It == Table.Regions.end()) {
      std::string Provider = Id.substr(0, Id.find(':'));
      std::vector<std::string> Same;
      for (const auto &KV : Table.Regions)
        if (KV.second.Provider == Provider)
          Same.push_back(KV.first);
      Error = "greenlint: unknown cloud region '" + IdOrCloudRegion + "'; " +
              (Same.empty() ? "known providers are aws, gcp and azure, e.g. "
                              "aws:eu-central-1"
                            : "known " + Provider + " regions include " +
                                  someIds(Same, 8)) +
              "; or give the country's grid id (e.g. DE) or --intensity";
      return false;
    }
    const CloudRegion &R = It->second;
    Out = Table.Grids[R.GridId];
    Out.Id = R.Id;
    Out.Name = R.Id + " (" + R.Location + ") on the " + Out.Name + " grid";
    Out.Source +=
        "; region location: " + R.Source + " (" + std::to_string(R.Year) + ")";
    return true;
  }
  auto It = Table.Grids.find(toUpper(IdOrCloudRegion));
  if (It == Table.Grids.end()) {
    std::vector<std::string> Ids;
    for (const auto &KV : Table.Grids)
      Ids.push_back(KV.first);
    Error = "greenlint: unknown grid '" + IdOrCloudRegion +
            "'; use an ISO 3166-1 alpha-2 country code or aggregate (" +
            std::to_string(Ids.size()) +
            " bundled, e.g. DE, FR, US, IN, "
            "WORLD), a cloud region such as aws:eu-central-1, or give "
            "--intensity; `greenlint grids` lists them (--cloud: the regions)";
    return false;
  }
  Out = It->second;
  return true;
}

std::vector<std::string> listGridIds() {
  GridTable Table;
  std::string Error;
  loadGridTable(Table, Error);
  std::vector<std::string> Ids;
  for (const auto &KV : Table.Grids)
    Ids.push_back(KV.first);
  return Ids;
}

std::vector<std::string> listCloudRegionIds() {
  GridTable Table;
  std::string Error;
  loadGridTable(Table, Error);
  std::vector<std::string> Ids;
  for (const auto &KV : Table.Regions)
    Ids.push_back(KV.first);
  return Ids;
}

double providerPue(const std::string &Provider, std::string &Source) {
  std::string Wanted = toLower(Provider.substr(0, Provider.find(':')));
  const std::string Unknown =
      "no published PUE for '" + Provider +
      "' (on-premises or unknown host): using 1.0, which counts IT energy "
      "only; set the data centre's PUE in .greenlint.yaml to include "
      "cooling and power losses";
  std::vector<DataFile> Files;
  std::string Error;
  if (!dataFiles("", Files, Error)) {
    Source = Unknown + " (" + Error + ")";
    return 1.0;
  }
  for (const DataFile &F : Files) {
    if (F.Name != "pue.yaml")
      continue;
    const std::string &File = F.Display;
    YAML::Node Root;
    std::string Licence;
    if (!parseYaml(F, Root, Error) ||
        !requireMap(Root, File, "pue.yaml", Error) ||
        !checkKeys(Root, {"licence", "providers"}, File, "pue.yaml", Error) ||
        !getString(Root, "licence", File, true, Licence, Error)) {
      Source = Unknown + " (" + Error + ")";
      return 1.0;
    }
    for (const YAML::Node &E : Root["providers"]) {
      std::string Id, Name, Text;
      double Pue = 0;
      int Year = 0;
      if (!requireMap(E, File, "a PUE entry", Error) ||
          !checkKeys(E, {"provider", "name", "pue", "source", "year"}, File,
                     "a PUE entry", Error) ||
          !getString(E, "provider", File, true, Id, Error) ||
          !getString(E, "name", File, false, Name, Error) ||
          !getNumber(E, "pue", File, true, "a ratio such as 1.1", Pue, Error) ||
          !getString(E, "source", File, true, Text, Error) ||
          !getInt(E, "year", File, true, Year, Error)) {
        Source = Unknown + " (" + Error + ")";
        return 1.0;
      }
      if (toLower(Id) == Wanted) {
        Source = Text + " (" + std::to_string(Year) + ")";
        return Pue;
      }
    }
  }
  Source = Unknown;
  return 1.0;
}

} // namespace data
} // namespace greenlint
