// C++ scope guard for greenlint regions: the region lasts as long as the
// object, so early returns and exceptions still end it.
#ifndef GREENLINT_REGION_HPP
#define GREENLINT_REGION_HPP

#include "greenlint/greenlint.h"

#include <cstdint>

namespace greenlint {

class Region {
public:
  // name must outlive the region's use by the sampler: pass a literal or a
  // string with static storage duration (names are keyed by address).
  explicit Region(const char *name) noexcept { greenlint_region_begin(name); }
  ~Region() { greenlint_region_end(); }
  Region(const Region &) = delete;
  Region &operator=(const Region &) = delete;

  // Counts functional units against the innermost region of this thread.
  static void units(const char *unit, std::uint64_t n = 1) noexcept {
    greenlint_units(unit, n);
  }
};

inline void flush() noexcept { greenlint_flush(); }

} // namespace greenlint

#define GREENLINT_REGION(name)                                                 \
  ::greenlint::Region GREENLINT_CONCAT(greenlint_region_, __LINE__)(name)

#endif // GREENLINT_REGION_HPP
