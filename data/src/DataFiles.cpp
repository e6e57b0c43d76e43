//===- DataFiles.cpp - Where greenlint's YAML data comes from -------------===//

#include "greenlint/data/DataFiles.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace greenlint {
namespace data {

bool readDataFile(const std::string &Path, DataFile &Out, std::string &Error) {
  std::ifstream In(Path, std::ios::binary);
  if (!In) {
    Error = "greenlint: " + Path +
            ": cannot read this data file; check the path and its "
            "permissions";
    return false;
  }
  std::ostringstream Text;
  Text << In.rdbuf();
  Out.Name = fs::path(Path).filename().string();
  Out.Text = Text.str();
  Out.Display = Path;
  return true;
}

static bool isYaml(const fs::path &P) {
  return P.extension() == ".yaml" || P.extension() == ".yml";
}

bool dataFiles(const std::string &Folder, std::vector<DataFile> &Out,
               std::string &Error) {
  Out.clear();
  const char *Dir = std::getenv("GREENLINT_DATA_DIR");
  if (!Dir || !*Dir) {
    std::string Prefix = Folder.empty() ? "" : Folder + "/";
    for (const DataFile &F : embeddedDataFiles()) {
      if (F.Name.compare(0, Prefix.size(), Prefix) != 0)
        continue;
      // Only direct children: "grid/x.yaml" is not a root file.
      if (F.Name.find('/', Prefix.size()) != std::string::npos)
        continue;
      Out.push_back(F);
    }
    return true;
  }

  fs::path Root = fs::path(Dir) / Folder;
  std::error_code EC;
  if (!fs::is_directory(Root, EC)) {
    // A data folder without grid/ (say) is fine: that table is just empty.
    if (!fs::is_directory(Dir, EC)) {
      Error = std::string("greenlint: GREENLINT_DATA_DIR=") + Dir +
              " is not a folder; point it at a folder laid out like "
              "runtime/data (profiles/, grid/, pue.yaml) or unset it to use "
              "the built-in data";
      return false;
    }
    return true;
  }
  for (const fs::directory_entry &E : fs::directory_iterator(Root, EC)) {
    if (!E.is_regular_file(EC) || !isYaml(E.path()))
      continue;
    DataFile F;
    if (!readDataFile(E.path().string(), F, Error))
      return false;
    F.Name = Folder.empty() ? E.path().filename().string()
                            : Folder + "/" + E.path().filename().string();
    Out.push_back(std::move(F));
  }
  if (EC) {
    Error = "greenlint: " + Root.string() + ": cannot list this folder (" +
            EC.message() + "); check GREENLINT_DATA_DIR";
    return false;
  }
  std::sort(Out.begin(), Out.end(), [](const DataFile &A, const DataFile &B) {
    return A.Name < B.Name;
  });
  return true;
}

} // namespace data
} // namespace greenlint
