//===- Grids.cpp - greenlint grids ----------------------------------------===//
//
// Lists the grid carbon intensities (SCI's I) and cloud regions that
// --grid accepts, each with its kind, year and source, so that an error
// naming an unknown grid has a command to find the right id.
//
//===----------------------------------------------------------------------===//
#include "OptionValue.h"
#include "OutputEscaping.h"
#include "Subcommands.h"
#include "greenlint/data/Grid.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <nlohmann/json.hpp>

namespace greenlint {
namespace {

void usage(llvm::raw_ostream &OS) {
  OS << "usage: greenlint grids [--cloud] [--format text|json]\n"
        "       greenlint grids --show ID\n"
        "Lists the grid carbon intensities that --grid accepts: id, "
        "gCO2e/kWh, kind\n(average, lifecycle or direct), year and source. "
        "--cloud lists cloud regions\n(aws:..., gcp:..., azure:...) with the "
        "grid each draws from instead.\n";
}

nlohmann::ordered_json toJson(const data::GridIntensity &G) {
  nlohmann::ordered_json J;
  J["id"] = G.Id;
  J["name"] = G.Name;
  J["grid"] = G.GridId;
  J["intensity_gco2e_per_kwh"] = G.GCO2ePerKWh;
  J["kind"] = G.Kind;
  J["year"] = G.Year;
  J["source"] = G.Source;
  J["licence"] = G.Licence;
  return J;
}

void printRow(llvm::raw_ostream &OS, const data::GridIntensity &G, bool Cloud) {
  OS << llvm::format("%-26s %9.1f  %-9s %4d  ", G.Id.c_str(), G.GCO2ePerKWh,
                     G.Kind.c_str(), G.Year);
  if (Cloud)
    OS << "grid " << terminalText(G.GridId) << "; ";
  OS << terminalText(G.Name) << "; " << terminalText(G.Source) << "\n";
}

} // namespace

int runGrids(int Argc, const char **Argv) {
  bool Cloud = false;
  std::string Format = "text", Show;
  for (int I = 0; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "-h" || Arg == "--help") {
      usage(llvm::outs());
      return 0;
    }
    if (Arg == "--cloud") {
      Cloud = true;
      continue;
    }
    std::optional<std::string> Value;
    for (const char *Name : {"--show", "--format"}) {
      if (!optionValue(Argc, Argv, I, Name, Value))
        continue;
      if (!Value || Value->empty()) {
        llvm::errs() << "greenlint grids: " << Name << " needs a value\n";
        return 2;
      }
      (llvm::StringRef(Name) == "--show" ? Show : Format) = *Value;
      break;
    }
    if (Value)
      continue;
    llvm::errs() << "greenlint grids: unknown argument '"
                 << terminalText(Argv[I]) << "'; try greenlint grids --help\n";
    return 2;
  }
  if (Format != "text" && Format != "json") {
    llvm::errs() << "greenlint grids: --format takes text or json, not '"
                 << terminalText(Format) << "'\n";
    return 2;
  }
  std::vector<data::GridIntensity> Grids;
  std::vector<std::string> Ids;
  if (!Show.empty())
    Ids = {Show};
  else
    Ids = Cloud ? data::listCloudRegionIds() : data::listGridIds();
  for (const std::string &Id : Ids) {
    data::GridIntensity G;
    std::string Error;
    if (!data::lookupGrid(Id, G, Error)) {
      llvm::errs() << terminalText(Error) << "\n";
      return 2;
    }
    Grids.push_back(std::move(G));
  }
  if (Format == "json") {
    nlohmann::ordered_json All = nlohmann::ordered_json::array();
    for (const data::GridIntensity &G : Grids)
      All.push_back(toJson(G));
    llvm::outs() << All.dump(2) << "\n";
    return 0;
  }
  llvm::outs()
      << "id                         gCO2e/kWh  kind      year  name; source\n";
  for (const data::GridIntensity &G : Grids)
    printRow(llvm::outs(), G, Cloud || G.Id.find(':') != std::string::npos);
  return 0;
}

} // namespace greenlint
