//===- NvmlMeter.cpp - NVIDIA GPU energy through NVML, loaded at run time -===//
//
// The runtime must build and run without CUDA, so NVML is opened with dlopen
// and the few entry points are declared here. Volta and newer GPUs have a
// cumulative energy counter (millijoules), preferred because power readings
// are averages that miss short bursts; older GPUs and vGPUs fall back to
// integrating nvmlDeviceGetPowerUsage over each interval (trapezoids), and
// the detail says which GPU uses which.
//
//===----------------------------------------------------------------------===//

#include "meters/Meter.h"

#include <cmath>
#include <dlfcn.h>

namespace greenlint {
namespace rt {

namespace {
using NvmlReturn = int;
using NvmlDevice = void *;
constexpr NvmlReturn NvmlSuccess = 0;
// nvmlDeviceGetPowerUsage's documented accuracy: +/-5% of the power drawn.
constexpr double PowerReadingAccuracy = 0.05;
} // namespace

struct NvmlMeter::Api {
  NvmlReturn (*Init)();
  NvmlReturn (*Shutdown)();
  NvmlReturn (*GetCount)(unsigned *);
  NvmlReturn (*GetHandle)(unsigned, NvmlDevice *);
  NvmlReturn (*GetName)(NvmlDevice, char *, unsigned);
  NvmlReturn (*GetEnergy)(NvmlDevice, unsigned long long *);
  NvmlReturn (*GetPower)(NvmlDevice, unsigned *);
};

template <typename Fn> static bool bind(void *Lib, const char *Sym, Fn &Out) {
  Out = reinterpret_cast<Fn>(::dlsym(Lib, Sym));
  return Out != nullptr;
}

std::unique_ptr<NvmlMeter> NvmlMeter::open(const std::string &LibPath,
                                           std::string &Reason) {
  void *Lib = ::dlopen(LibPath.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!Lib) {
    const char *Err = ::dlerror();
    Reason = "cannot load " + LibPath + (Err ? std::string(": ") + Err : "");
    return nullptr;
  }
  std::unique_ptr<Api> F(new Api());
  if (!bind(Lib, "nvmlInit_v2", F->Init) ||
      !bind(Lib, "nvmlShutdown", F->Shutdown) ||
      !bind(Lib, "nvmlDeviceGetCount_v2", F->GetCount) ||
      !bind(Lib, "nvmlDeviceGetHandleByIndex_v2", F->GetHandle) ||
      !bind(Lib, "nvmlDeviceGetName", F->GetName) ||
      !bind(Lib, "nvmlDeviceGetPowerUsage", F->GetPower)) {
    Reason = LibPath + " lacks the NVML entry points greenlint needs";
    ::dlclose(Lib);
    return nullptr;
  }
  // Absent before driver 410; power sampling still works without it.
  bind(Lib, "nvmlDeviceGetTotalEnergyConsumption", F->GetEnergy);
  if (F->Init() != NvmlSuccess) {
    Reason = "nvmlInit_v2 failed (no NVIDIA driver loaded?)";
    ::dlclose(Lib);
    return nullptr;
  }
  unsigned Count = 0;
  if (F->GetCount(&Count) != NvmlSuccess || Count == 0) {
    Reason = "NVML reports no GPU";
    F->Shutdown();
    ::dlclose(Lib);
    return nullptr;
  }
  std::unique_ptr<NvmlMeter> M(new NvmlMeter());
  for (unsigned I = 0; I < Count; ++I) {
    Gpu G;
    if (F->GetHandle(I, &G.Handle) != NvmlSuccess)
      continue;
    char Name[96] = {0};
    if (F->GetName(G.Handle, Name, sizeof(Name)) == NvmlSuccess)
      G.Name = Name;
    unsigned long long Mj;
    if (F->GetEnergy && F->GetEnergy(G.Handle, &Mj) == NvmlSuccess) {
      G.HasEnergyCounter = true;
      G.LastEnergyMj = Mj;
    }
    M->Gpus.push_back(std::move(G));
  }
  if (M->Gpus.empty()) {
    Reason = "NVML returned no usable GPU handle";
    F->Shutdown();
    ::dlclose(Lib);
    return nullptr;
  }
  M->Lib = Lib;
  M->Fns = std::move(F);
  return M;
}

NvmlMeter::~NvmlMeter() {
  if (Fns)
    Fns->Shutdown();
  // The library stays loaded: NVML keeps threads that dlclose would orphan.
}

std::string NvmlMeter::detail() const {
  std::string S = "NVML:";
  for (size_t I = 0; I < Gpus.size(); ++I)
    S += " gpu" + std::to_string(I) + " " +
         (Gpus[I].Name.empty() ? "?" : Gpus[I].Name) + " (" +
         (Gpus[I].HasEnergyCounter
              ? "energy counter"
              : "power sampling: nvml-power-integrated, error range +/-5% "
                "of each reading plus half the change between consecutive "
                "readings; bursts shorter than the sample interval are "
                "unseen") +
         ")";
  S += "; whole GPUs are attributed to this process";
  return S;
}

EnergySplit NvmlMeter::read(const IntervalInput &In) {
  EnergySplit E;
  for (Gpu &G : Gpus) {
    if (G.HasEnergyCounter) {
      unsigned long long Mj;
      if (Fns->GetEnergy(G.Handle, &Mj) != NvmlSuccess)
        continue;
      if (Mj >= G.LastEnergyMj)
        E.GpuJ += static_cast<double>(Mj - G.LastEnergyMj) * 1e-3;
      G.LastEnergyMj = Mj;
      continue;
    }
    unsigned Mw;
    if (Fns->GetPower(G.Handle, &Mw) != NvmlSuccess)
      continue;
    double W = Mw * 1e-3;
    double Prev = G.LastPowerW < 0 ? W : G.LastPowerW;
    double J = 0.5 * (Prev + W) * In.WallS;
    E.GpuJ += J;
    // The reading's own accuracy, plus how far the trapezoid can be from
    // either end's rectangle: the power between two readings is unseen.
    PowerIntegratedErrorJ +=
        PowerReadingAccuracy * J + 0.5 * std::fabs(W - Prev) * In.WallS;
    G.LastPowerW = W;
  }
  return E;
}

} // namespace rt
} // namespace greenlint
