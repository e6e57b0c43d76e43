//===- ModelSpread.h - How far modelled energy may be off --------*- C++
//-*-===//
//
// A modelled energy figure (utilisation x a profile's power curve) is only as
// good as the profile; runtime/data/model-spread.yaml states, per kind of
// profile, the factors that bound it, with their source. Reports print the
// range they give next to every modelled figure (docs/sci-methodology.md).
//
//===----------------------------------------------------------------------===//

#ifndef GREENLINT_DATA_MODELSPREAD_H
#define GREENLINT_DATA_MODELSPREAD_H

#include <string>

namespace greenlint {
namespace data {

struct ModelSpread {
  std::string Basis; // "vendor-profile" or "generic-fallback"
  double LowFactor = 1, HighFactor = 1;
  std::string Source;
  int Year = 0;
};

/// The spread for a profile: the generic fallback's when \p GenericProfile,
/// else a vendor profile's. False with \p Error when the data file is missing
/// or malformed; callers then say the range is not known.
bool modelSpread(bool GenericProfile, ModelSpread &Out, std::string &Error);

} // namespace data
} // namespace greenlint

#endif // GREENLINT_DATA_MODELSPREAD_H
