//===- ProfileFiles.h - Every profile file, parsed --------------*- C++ -*-===//
//
// Shared by the profile lookup (Profile.cpp) and the host detection
// (ProfileDetection.cpp) inside greenlint_data.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_DATA_PROFILEFILES_H
#define GREENLINT_DATA_PROFILEFILES_H

#include "greenlint/data/Profile.h"
#include <string>
#include <vector>

namespace greenlint {
namespace data {

/// Parses every profile the data folder (or the embedded copy) holds into
/// Out, one message per file that fails into Errors; false when the folder
/// itself cannot be read.
bool loadAllProfiles(std::vector<HardwareProfile> &Out,
                     std::vector<std::string> &Errors);

} // namespace data
} // namespace greenlint

#endif
