//===- ModelMeter.cpp - energy modelled from a hardware profile -----------===//
//
// With U = process CPU seconds / (interval seconds x logical CPUs of the
// profile), the process is charged its share U of the machine power at that
// utilisation:
//
//   E = P(U) x U x interval = P(U) / LogicalCpus x process CPU seconds
//
// so a CPU-bound program costs its CPU time times the per-CPU power
// P(U)/LogicalCpus of the profile. The machine's idle power is charged in the
// same proportion (share U of it), never wholly to one tenant.
//
//===----------------------------------------------------------------------===//

#include "meters/Meter.h"

#include "greenlint/data/Profile.h"

#include <algorithm>
#include <cstdio>

namespace greenlint {
namespace rt {

ModelMeter::ModelMeter(const data::HardwareProfile &P,
                       std::string ProfileSource)
    : Profile(new data::HardwareProfile(P)), Source(std::move(ProfileSource)) {
  int N = P.Threads > 0 ? P.Threads : P.Cores;
  LogicalCpus = N > 0 ? N : 1;
}

ModelMeter::~ModelMeter() = default;

std::string ModelMeter::detail() const {
  char Buf[160];
  std::snprintf(Buf, sizeof(Buf), " (%s, TDP %g W, %g logical CPUs",
                Profile->Name.c_str(), Profile->TdpW, LogicalCpus);
  std::string S = "modelling from profile " + Profile->Id + Buf;
  if (!Profile->Source.empty())
    S += "; power figures: " + Profile->Source +
         (Profile->Year ? ", " + std::to_string(Profile->Year) : "");
  S += ")";
  std::snprintf(Buf, sizeof(Buf), "; E = P(U)/%g x process CPU seconds",
                LogicalCpus);
  return S + Buf;
}

double ModelMeter::processPowerW(double Cpus) const {
  double U = std::clamp(Cpus / LogicalCpus, 0.0, 1.0);
  return Profile->powerAtUtilisation(U) * U;
}

EnergySplit ModelMeter::read(const IntervalInput &In) {
  EnergySplit E;
  if (In.WallS <= 0 || In.ProcessCpuS <= 0)
    return E;
  // Cpus busy on average during the interval; clamping U keeps a clock
  // glitch from extrapolating past full load.
  double Cpus = In.ProcessCpuS / In.WallS;
  double U = std::clamp(Cpus / LogicalCpus, 0.0, 1.0);
  E.CpuJ = Profile->powerAtUtilisation(U) / LogicalCpus *
           std::min(In.ProcessCpuS, In.WallS * LogicalCpus);
  return E;
}

} // namespace rt
} // namespace greenlint
