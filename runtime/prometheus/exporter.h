/*===- exporter.h - the C ABI of libgreenlint_prometheus ------------------===*
 *
 * libgreenlint_rt dlopens libgreenlint_prometheus.so only when
 * GREENLINT_PROMETHEUS is set, and talks to it through these functions, so a
 * program that never sets the variable neither links nor loads
 * prometheus-cpp. All calls come from the runtime's sampler thread.
 *
 *===----------------------------------------------------------------------===*/
#ifndef GREENLINT_PROMETHEUS_EXPORTER_H
#define GREENLINT_PROMETHEUS_EXPORTER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The C ABI is snake_case with the greenlint_ prefix, as the C API. */
/* NOLINTBEGIN(readability-identifier-naming) */

/* Serves /metrics on Address ("127.0.0.1:9464", already validated). Grid and
 * GramsPerKWh label and scale the SCI gauge; GramsPerKWh <= 0 leaves the
 * gauge out. Returns NULL with a message in Error on failure. */
void *greenlint_prometheus_start(const char *Address, const char *Grid,
                                 double GramsPerKWh, char *Error,
                                 size_t ErrorSize);
/* Adds one interval's figures of a region. */
void greenlint_prometheus_add_energy(void *Exporter, const char *Region,
                                     const char *Domain, const char *Source,
                                     double Joules);
void greenlint_prometheus_add_cpu(void *Exporter, const char *Region,
                                  double Seconds);
void greenlint_prometheus_add_units(void *Exporter, const char *Region,
                                    const char *Unit, uint64_t Count);
/* After an interval's adds: updates the SCI gauges from the totals. */
void greenlint_prometheus_commit(void *Exporter);
/* NOLINTEND(readability-identifier-naming) */

#ifdef __cplusplus
}
#endif

#endif
