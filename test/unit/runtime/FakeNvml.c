/* A stand-in for libnvidia-ml.so.1 exporting the entry points the runtime
 * binds. Its state comes from the file named by FAKE_NVML_FILE
 * ("<energy_mJ> <power_mW>", shared by all GPUs), FAKE_NVML_COUNT (GPUs,
 * default 2) and FAKE_NVML_MODE ("power": no energy counter). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

static int readState(unsigned long long *EnergyMj, unsigned *PowerMw) {
  const char *Path = getenv("FAKE_NVML_FILE");
  FILE *F = Path ? fopen(Path, "r") : NULL;
  if (!F)
    return 0;
  int Ok = fscanf(F, "%llu %u", EnergyMj, PowerMw) == 2;
  fclose(F);
  return Ok;
}

EXPORT int nvmlInit_v2(void) { return 0; }
EXPORT int nvmlShutdown(void) { return 0; }

EXPORT int nvmlDeviceGetCount_v2(unsigned *Count) {
  const char *C = getenv("FAKE_NVML_COUNT");
  *Count = C ? (unsigned)atoi(C) : 2;
  return 0;
}

EXPORT int nvmlDeviceGetHandleByIndex_v2(unsigned Index, void **Handle) {
  *Handle = (void *)(size_t)(Index + 1);
  return 0;
}

EXPORT int nvmlDeviceGetName(void *Handle, char *Name, unsigned Length) {
  snprintf(Name, Length, "Fake GPU %zu", (size_t)Handle - 1);
  return 0;
}

EXPORT int nvmlDeviceGetTotalEnergyConsumption(void *Handle,
                                               unsigned long long *Mj) {
  (void)Handle;
  const char *Mode = getenv("FAKE_NVML_MODE");
  if (Mode && strcmp(Mode, "power") == 0)
    return 3; /* NVML_ERROR_NOT_SUPPORTED */
  unsigned Mw;
  return readState(Mj, &Mw) ? 0 : 999;
}

EXPORT int nvmlDeviceGetPowerUsage(void *Handle, unsigned *Mw) {
  (void)Handle;
  unsigned long long Mj;
  return readState(&Mj, Mw) ? 0 : 999;
}
