//===- Meter.h - energy sources of the greenlint runtime --------*- C++ -*-===//
//
// A meter turns one sampling interval into joules attributable to this
// process, split by domain. Machine-wide counters (RAPL, perf) scale their
// reading by the process's share of busy CPU time; NVML reports whole GPUs;
// the model meter derives power from a hardware profile.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RUNTIME_METERS_METER_H
#define GREENLINT_RUNTIME_METERS_METER_H

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace greenlint {
namespace data {
struct HardwareProfile;
} // namespace data

namespace rt {

struct EnergySplit {
  double CpuJ = 0, DramJ = 0, GpuJ = 0;
  double total() const { return CpuJ + DramJ + GpuJ; }
  EnergySplit &operator+=(const EnergySplit &O) {
    CpuJ += O.CpuJ;
    DramJ += O.DramJ;
    GpuJ += O.GpuJ;
    return *this;
  }
};

// What the sampler knows about an interval before asking the meters.
struct IntervalInput {
  double WallS = 0;       // length of the interval
  double ProcessCpuS = 0; // CPU time of the whole process in the interval
};

class Meter {
public:
  virtual ~Meter();
  // "rapl", "perf", "nvml" or "model".
  virtual const char *name() const = 0;
  // Human-readable detail for the ledger header (zones, devices, profile).
  virtual std::string detail() const = 0;
  // Joules this process used during the interval that just ended.
  virtual EnergySplit read(const IntervalInput &In) = 0;
  // Whether the joules are measured by a counter (true) or modelled.
  virtual bool measured() const = 0;
};

// The process's share of the machine's busy CPU time, from /proc/stat under
// a root; shared by the meters that read machine-wide counters. Jiffies tick
// at 100 Hz, so the share is refreshed only once enough of them have passed.
class CpuShare {
public:
  explicit CpuShare(std::string Root);
  // Returns the share to apply to this interval's machine energy.
  double update(double ProcessCpuS);
  double current() const { return Share; }

private:
  bool readBusySeconds(double &Out) const;
  std::string StatPath;
  double LastBusyS = -1, AccBusyS = 0, AccProcS = 0, Share = 1;
  bool Readable = true;
};

// Joins GREENLINT_SYSFS_ROOT (default "/") and an absolute path.
std::string underRoot(const std::string &Root, const std::string &Path);
bool readTextFile(const std::string &Path, std::string &Out);

// --- RAPL (powercap sysfs) ------------------------------------------------
class RaplMeter : public Meter {
public:
  struct Zone {
    std::string Path;   // folder of the zone
    std::string Name;   // package-0, dram, psys ...
    std::string Domain; // "cpu" or "dram"
    uint64_t MaxRangeUj = 0;
    uint64_t LastUj = 0;
    int Fd = -1;
  };
  // Finds the zones under Root/sys/class/powercap; false and a reason when
  // none can be read. VendorHint ("AuthenticAMD" ...) decides whether per-die
  // package zones of one socket are mirrors.
  static std::unique_ptr<RaplMeter> open(const std::string &Root,
                                         const std::string &VendorHint,
                                         std::string &Reason);
  ~RaplMeter() override;
  const char *name() const override { return "rapl"; }
  std::string detail() const override;
  EnergySplit read(const IntervalInput &In) override;
  bool measured() const override { return true; }
  // Machine-wide joules since the last call, before the process share.
  EnergySplit readMachine();
  const std::vector<Zone> &zones() const { return Zones; }

private:
  RaplMeter(const std::string &Root) : Share(Root) {}
  std::vector<Zone> Zones;
  std::vector<std::string> Skipped; // why other zones are not counted
  CpuShare Share;
};

// Delta of a wrapping microjoule counter.
uint64_t wrappedDeltaUj(uint64_t Prev, uint64_t Cur, uint64_t MaxRangeUj);

// --- perf_event power PMU -------------------------------------------------
class PerfMeter : public Meter {
public:
  struct Event {
    std::string Name; // energy-pkg, energy-ram
    std::string Domain;
    uint64_t Config = 0;
    double Scale = 0; // joules per count
    std::vector<int> Fds;
    std::vector<uint64_t> Last;
  };
  // Parses Root/sys/bus/event_source/devices/power; the events themselves
  // need perf_event_paranoid <= 0 or CAP_PERFMON.
  static std::unique_ptr<PerfMeter> open(const std::string &Root,
                                         std::string &Reason);
  // Parsing only, for tests: fills Type and the events without opening.
  static bool describePmu(const std::string &Root, int &Type,
                          std::vector<Event> &Events, std::vector<int> &Cpus,
                          std::string &Reason);
  ~PerfMeter() override;
  const char *name() const override { return "perf"; }
  std::string detail() const override;
  EnergySplit read(const IntervalInput &In) override;
  bool measured() const override { return true; }

private:
  PerfMeter(const std::string &Root) : Share(Root) {}
  std::vector<Event> Events;
  CpuShare Share;
};

// --- NVML, loaded at run time ----------------------------------------------
class NvmlMeter : public Meter {
public:
  struct Gpu {
    void *Handle = nullptr;
    std::string Name;
    bool HasEnergyCounter = false;
    unsigned long long LastEnergyMj = 0;
    double LastPowerW = -1;
  };
  // LibPath: GREENLINT_NVML_LIB or libnvidia-ml.so.1.
  static std::unique_ptr<NvmlMeter> open(const std::string &LibPath,
                                         std::string &Reason);
  ~NvmlMeter() override;
  const char *name() const override { return "nvml"; }
  std::string detail() const override;
  EnergySplit read(const IntervalInput &In) override;
  bool measured() const override { return true; }
  const std::vector<Gpu> &gpus() const { return Gpus; }
  // Half-width of the error range, in joules, of all the energy so far
  // integrated from power readings (GPUs without an energy counter); 0 when
  // every GPU has a counter.
  double powerIntegratedErrorJ() const { return PowerIntegratedErrorJ; }

private:
  struct Api;
  NvmlMeter() = default;
  void *Lib = nullptr;
  std::unique_ptr<Api> Fns;
  std::vector<Gpu> Gpus;
  double PowerIntegratedErrorJ = 0;
};

// --- model from a hardware profile ---------------------------------------
class ModelMeter : public Meter {
public:
  explicit ModelMeter(const data::HardwareProfile &Profile,
                      std::string ProfileSource);
  ~ModelMeter() override;
  const char *name() const override { return "model"; }
  std::string detail() const override;
  EnergySplit read(const IntervalInput &In) override;
  bool measured() const override { return false; }
  // Logical CPUs the profile's machine has: utilisation is CPU time over
  // these, because the OS accounts CPU time per logical CPU.
  double logicalCpus() const { return LogicalCpus; }
  // Process power in watts while using Cpus logical CPUs continuously.
  double processPowerW(double Cpus) const;

private:
  std::unique_ptr<data::HardwareProfile> Profile;
  std::string Source;
  double LogicalCpus = 1;
};

} // namespace rt
} // namespace greenlint

#endif // GREENLINT_RUNTIME_METERS_METER_H
