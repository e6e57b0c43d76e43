//===- DataFiles.h - Where greenlint's YAML data comes from -----*- C++ -*-===//
//
// The YAML tables (hardware profiles, grid intensity, PUE) are compiled into
// greenlint_data so a binary works from any folder. GREENLINT_DATA_DIR swaps
// in a folder laid out like runtime/data for people adding or fixing entries.
//
//===----------------------------------------------------------------------===//

#ifndef GREENLINT_DATA_DATAFILES_H
#define GREENLINT_DATA_DATAFILES_H

#include <string>
#include <vector>

namespace greenlint {
namespace data {

struct DataFile {
  std::string Name; // relative to the data root: "profiles/amd-epyc-7b13.yaml"
  std::string Text; // the YAML text
  std::string Display; // how messages name it: a source path or a disk path
};

/// The files compiled in from runtime/data (generated at build time).
const std::vector<DataFile> &embeddedDataFiles();

/// Files directly inside \p Folder ("profiles", "grid", or "" for the root),
/// from GREENLINT_DATA_DIR when it is set, else the embedded copies. Sorted by
/// name. Fails only when GREENLINT_DATA_DIR names a folder it cannot read.
bool dataFiles(const std::string &Folder, std::vector<DataFile> &Out,
               std::string &Error);

/// Reads a YAML file named on the command line or in GREENLINT_PROFILE.
bool readDataFile(const std::string &Path, DataFile &Out, std::string &Error);

} // namespace data
} // namespace greenlint

#endif // GREENLINT_DATA_DATAFILES_H
