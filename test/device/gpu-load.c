/* A GPU load without CUDA headers or nvcc: the CUDA driver API, loaded
 * with dlopen, fills a 1 GiB buffer with cuMemsetD32 for SECONDS inside a
 * greenlint region. Exit 77 when no driver or GPU is usable.
 *   gpu-load SECONDS */
#include "greenlint/greenlint.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef int (*InitFn)(unsigned);
typedef int (*DeviceGetFn)(int *, int);
typedef int (*CtxCreateFn)(void **, unsigned, int);
typedef int (*MemAllocFn)(unsigned long long *, size_t);
typedef int (*MemsetFn)(unsigned long long, unsigned, size_t);
typedef int (*SyncFn)(void);

static double now(void) {
  struct timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  return Ts.tv_sec + Ts.tv_nsec * 1e-9;
}

int main(int Argc, char **Argv) {
  double Seconds = Argc > 1 ? atof(Argv[1]) : 10;
  void *Cuda = dlopen("libcuda.so.1", RTLD_NOW);
  if (!Cuda) {
    fprintf(stderr, "gpu-load: cannot load libcuda.so.1: %s\n", dlerror());
    return 77;
  }
  InitFn Init = (InitFn)dlsym(Cuda, "cuInit");
  DeviceGetFn DeviceGet = (DeviceGetFn)dlsym(Cuda, "cuDeviceGet");
  CtxCreateFn CtxCreate = (CtxCreateFn)dlsym(Cuda, "cuCtxCreate_v2");
  MemAllocFn MemAlloc = (MemAllocFn)dlsym(Cuda, "cuMemAlloc_v2");
  MemsetFn Memset = (MemsetFn)dlsym(Cuda, "cuMemsetD32_v2");
  SyncFn Sync = (SyncFn)dlsym(Cuda, "cuCtxSynchronize");
  int Device = 0;
  void *Ctx = NULL;
  unsigned long long Buffer = 0;
  size_t Words = (size_t)1 << 28; /* 1 GiB of 32-bit words */
  if (!Init || !DeviceGet || !CtxCreate || !MemAlloc || !Memset || !Sync ||
      Init(0) || DeviceGet(&Device, 0) || CtxCreate(&Ctx, 0, Device) ||
      MemAlloc(&Buffer, Words * 4)) {
    fprintf(stderr, "gpu-load: no usable CUDA device\n");
    return 77;
  }
  double Start = now(), End = Start + Seconds;
  unsigned long Fills = 0;
  {
    GREENLINT_REGION("gpu:fill");
    while (now() < End) {
      for (int I = 0; I < 16; ++I)
        Memset(Buffer, (unsigned)Fills + I, Words);
      Sync();
      Fills += 16;
    }
  }
  printf("gpu-load: %lu fills of 1 GiB in %.3f s\n", Fills, now() - Start);
  return 0;
}
