//===- Exporter.cpp - libgreenlint_prometheus: region totals on /metrics
//---===//
//
// Counters follow the ledger's inclusive region figures: a nested region's
// joules also count in its parents, as in `greenlint report`. The SCI gauge is
// the operational part only (E x I per unit): the embodied share needs the
// amortisation `greenlint report` does from the profile.
//
//===----------------------------------------------------------------------===//
#include "exporter.h"

#include <prometheus/counter.h>
#include <prometheus/exposer.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace {

struct Exporter {
  std::shared_ptr<prometheus::Registry> Registry =
      std::make_shared<prometheus::Registry>();
  std::unique_ptr<prometheus::Exposer> Server;
  prometheus::Family<prometheus::Counter> *Energy = nullptr, *Units = nullptr,
                                          *Cpu = nullptr;
  prometheus::Family<prometheus::Gauge> *Sci = nullptr;
  std::string Grid;
  double GramsPerKWh = 0;
  std::map<std::string, double> RegionJoules;
  std::map<std::pair<std::string, std::string>, double> RegionUnits;
};

} // namespace

extern "C" {

__attribute__((visibility("default"))) void *
greenlint_prometheus_start(const char *Address, const char *Grid,
                           double GramsPerKWh, char *Error, size_t ErrorSize) {
  try {
    auto E = std::make_unique<Exporter>();
    E->Server = std::make_unique<prometheus::Exposer>(Address);
    E->Energy = &prometheus::BuildCounter()
                     .Name("greenlint_energy_joules_total")
                     .Help("Energy of a greenlint region, inclusive of nested "
                           "regions, by domain and source")
                     .Register(*E->Registry);
    E->Units = &prometheus::BuildCounter()
                    .Name("greenlint_units_total")
                    .Help("Functional units counted in a greenlint region")
                    .Register(*E->Registry);
    E->Cpu = &prometheus::BuildCounter()
                  .Name("greenlint_cpu_seconds_total")
                  .Help("CPU time spent in a greenlint region")
                  .Register(*E->Registry);
    E->Grid = Grid ? Grid : "";
    E->GramsPerKWh = GramsPerKWh;
    if (GramsPerKWh > 0)
      E->Sci = &prometheus::BuildGauge()
                    .Name("greenlint_sci_operational_grams_per_unit")
                    .Help("Operational carbon (energy x grid intensity) per "
                          "functional unit since the process started")
                    .Register(*E->Registry);
    E->Server->RegisterCollectable(E->Registry);
    return E.release();
  } catch (const std::exception &Ex) {
    std::snprintf(Error, ErrorSize, "%s", Ex.what());
  } catch (...) {
    std::snprintf(Error, ErrorSize, "unknown error");
  }
  return nullptr;
}

__attribute__((visibility("default"))) void
greenlint_prometheus_add_energy(void *Handle, const char *Region,
                                const char *Domain, const char *Source,
                                double Joules) {
  auto *E = static_cast<Exporter *>(Handle);
  if (!(Joules > 0))
    return; // counters never go down; nothing to add
  E->Energy->Add({{"region", Region}, {"domain", Domain}, {"source", Source}})
      .Increment(Joules);
  E->RegionJoules[Region] += Joules;
}

__attribute__((visibility("default"))) void
greenlint_prometheus_add_cpu(void *Handle, const char *Region, double Seconds) {
  auto *E = static_cast<Exporter *>(Handle);
  if (Seconds > 0)
    E->Cpu->Add({{"region", Region}}).Increment(Seconds);
}

__attribute__((visibility("default"))) void
greenlint_prometheus_add_units(void *Handle, const char *Region,
                               const char *Unit, uint64_t Count) {
  auto *E = static_cast<Exporter *>(Handle);
  E->Units->Add({{"region", Region}, {"unit", Unit}})
      .Increment(static_cast<double>(Count));
  E->RegionUnits[{Region, Unit}] += static_cast<double>(Count);
}

__attribute__((visibility("default"))) void
greenlint_prometheus_commit(void *Handle) {
  auto *E = static_cast<Exporter *>(Handle);
  if (!E->Sci)
    return;
  for (const auto &[Key, Count] : E->RegionUnits) {
    if (Count <= 0)
      continue;
    double Joules = E->RegionJoules[Key.first];
    E->Sci
        ->Add({{"region", Key.first}, {"unit", Key.second}, {"grid", E->Grid}})
        .Set(Joules / 3.6e6 * E->GramsPerKWh / Count);
  }
}
}
