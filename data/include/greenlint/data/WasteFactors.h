//===- WasteFactors.h - Factors of a finding's waste estimate --*- C++ -*-===//
//
// runtime/data/waste.yaml holds the few factors that turn a static estimate
// (weight bytes, joules per forward call) into the energy a finding wastes:
// how many times a reload moves the weights through memory, how much autograd
// adds to a forward pass. Each is a range with its source and year, so every
// figure built on it carries the range and the provenance.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_DATA_WASTEFACTORS_H
#define GREENLINT_DATA_WASTEFACTORS_H

#include <string>

namespace greenlint {
namespace data {

struct WasteFactor {
  std::string Id, Unit, Source;
  double Low = 0, Typical = 0, High = 0;
  int Year = 0;
  /// The file it came from, as messages name it.
  std::string File;
};

/// The factor \p Id of waste.yaml ("model-reload-memory-passes"). Fails
/// with "greenlint: <file>:<line>:<col>: ..." for a malformed file, or
/// names the known ids when \p Id is not among them.
bool loadWasteFactor(const std::string &Id, WasteFactor &Out,
                     std::string &Error);

} // namespace data
} // namespace greenlint

#endif // GREENLINT_DATA_WASTEFACTORS_H
