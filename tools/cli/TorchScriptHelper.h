//===- TorchScriptHelper.h - Asks greenlint-estimate-torch -------*- C++
//-*-===//
//
// A TorchScript archive is read by LibTorch's own loader, in a separate
// small program: linking LibTorch into `greenlint` would add hundreds of
// megabytes and a second copy of protobuf to every command, and a damaged
// archive that makes LibTorch abort then ends the helper, not greenlint.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_TORCHSCRIPTHELPER_H
#define GREENLINT_TOOLS_TORCHSCRIPTHELPER_H

#include <nlohmann/json.hpp>
#include <string>

namespace greenlint {

/// Runs the helper beside the greenlint executable on \p Path (passed
/// after "--", so no file name reads as an option) and parses its JSON.
/// On failure \p Error is a full "greenlint: ..." message.
bool describeTorchScript(const std::string &Path, nlohmann::json &Summary,
                         std::string &Error);

} // namespace greenlint

#endif
