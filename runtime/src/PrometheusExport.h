//===- PrometheusExport.h - the runtime's side of GREENLINT_PROMETHEUS -*-===//
//
// When GREENLINT_PROMETHEUS is set (and recording is on), the runtime
// dlopens libgreenlint_prometheus.so and hands it every ledger record's
// region figures; unset, nothing is loaded and a record costs one null check.
// See docs/prometheus.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RUNTIME_PROMETHEUSEXPORT_H
#define GREENLINT_RUNTIME_PROMETHEUSEXPORT_H

#include <cstdint>
#include <memory>
#include <string>

namespace greenlint {
namespace rt {

struct Session;
struct Totals;

/// Checks a GREENLINT_PROMETHEUS value: IPV4:PORT or [IPV6]:PORT or
/// localhost:PORT, port 1-65535. Non-loopback addresses only with
/// \p AllowRemote. On success \p Address is what the exposer binds.
bool parsePrometheusAddress(const std::string &Value, bool AllowRemote,
                            std::string &Address, std::string &Error);

class PrometheusExport {
public:
  /// Null when GREENLINT_PROMETHEUS is unset, or (after one line on stderr)
  /// when its value, the library or the port is unusable.
  static std::unique_ptr<PrometheusExport> fromEnvironment(const Session &S);
  /// Adds one record's regions to the counters.
  void publish(const Totals &Batch);

private:
  struct Api;
  std::shared_ptr<Api> Fns;
  void *Handle = nullptr;
  const char *CpuSource = "modelled", *GpuSource = "measured";
};

} // namespace rt
} // namespace greenlint

#endif
