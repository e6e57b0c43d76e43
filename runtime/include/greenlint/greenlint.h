/*
 * greenlint runtime C API: named regions, functional units and flushing.
 *
 * Link with libgreenlint_rt (shared or static). With GREENLINT_LEDGER unset
 * every call returns after one predictable branch; with it set, a sampler
 * thread attributes the metered or modelled energy of each interval to the
 * regions active on each thread. See docs/runtime.md and
 * docs/ledger-format.md.
 *
 * These symbols are inserted by the greenlint compiler instrumentation, so
 * their names and signatures are stable.
 */
#ifndef GREENLINT_GREENLINT_H
#define GREENLINT_GREENLINT_H

#include <stdint.h>

#if defined(_WIN32)
#define GREENLINT_API
#else
#define GREENLINT_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Enters the region NAME on the calling thread. NAME is keyed by its address
 * (the instrumentation passes string literals): a buffer reused for another
 * name must not be passed while the first name is still wanted. */
GREENLINT_API void greenlint_region_begin(const char *name);

/* Leaves the innermost region of the calling thread; an end without a begin
 * is counted and otherwise ignored. */
GREENLINT_API void greenlint_region_end(void);

/* Counts N functional units (e.g. "inference", "step", "token") against the
 * innermost region of the calling thread. */
GREENLINT_API void greenlint_units(const char *unit, uint64_t n);

/* Writes everything sampled so far to the ledger now. */
GREENLINT_API void greenlint_flush(void);

/* 1 when a ledger is being written for this process, else 0. */
GREENLINT_API int greenlint_enabled(void);

/* Defined by the runtime so that build checks can tell that it is linked. */
GREENLINT_API extern const int greenlint_runtime_linked;

#ifdef __cplusplus
} /* extern "C" */
#endif

#define GREENLINT_CONCAT_INNER(A, B) A##B
#define GREENLINT_CONCAT(A, B) GREENLINT_CONCAT_INNER(A, B)

#ifndef __cplusplus
#if defined(__GNUC__) || defined(__clang__)
/* C scope guard: the region ends when the enclosing block is left. */
static inline void greenlint_region_cleanup_(int *unused) {
  (void)unused;
  greenlint_region_end();
}
#define GREENLINT_REGION(name)                                                 \
  int GREENLINT_CONCAT(greenlint_region_guard_, __LINE__)                      \
      __attribute__((cleanup(greenlint_region_cleanup_), unused)) =            \
          (greenlint_region_begin(name), 0)
#endif
#endif

#endif /* GREENLINT_GREENLINT_H */
