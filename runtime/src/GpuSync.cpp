//===- GpuSync.cpp --------------------------------------------------------===//
#include "GpuSync.h"

#include <cstdlib>
#include <cstring>
#include <dlfcn.h>

namespace greenlint {
namespace rt {

std::atomic<GpuSyncFn> GpuSyncAtEdges{nullptr};

std::vector<std::string> cudartNames() {
  if (const char *Lib = std::getenv("GREENLINT_CUDART_LIB"))
    return {Lib};
  return {"libcudart.so", "libcudart.so.12", "libcudart.so.11.0"};
}

std::string configureGpuSync(const char *Setting,
                             const std::vector<std::string> &LibNames) {
  GpuSyncAtEdges.store(nullptr);
  if (!Setting || std::strcmp(Setting, "0") == 0 || *Setting == '\0')
    return "";
  if (std::strcmp(Setting, "1") != 0)
    return std::string("greenlint: GREENLINT_GPU_SYNC='") + Setting +
           "' is not 0 or 1; GPU sync at region edges stays off";
  // A libcudart the program already loaded first: loading another copy
  // would create a CUDA context in a program that may never use the GPU.
  void *Lib = nullptr;
  for (size_t I = 0; !Lib && I < LibNames.size(); ++I)
    Lib = ::dlopen(LibNames[I].c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_LOCAL);
  for (size_t I = 0; !Lib && I < LibNames.size(); ++I)
    Lib = ::dlopen(LibNames[I].c_str(), RTLD_NOW | RTLD_LOCAL);
  std::string Tried;
  for (const std::string &Name : LibNames)
    Tried += (Tried.empty() ? "" : ", ") + Name;
  if (!Lib)
    return "greenlint: GREENLINT_GPU_SYNC=1 but no CUDA runtime loads (tried " +
           Tried +
           "); GPU energy stays attributed by time share; install the CUDA "
           "runtime, set GREENLINT_CUDART_LIB to libcudart's path, or unset "
           "GREENLINT_GPU_SYNC";
  auto Sync =
      reinterpret_cast<GpuSyncFn>(::dlsym(Lib, "cudaDeviceSynchronize"));
  if (!Sync)
    return "greenlint: GREENLINT_GPU_SYNC=1 but the CUDA runtime found (" +
           Tried +
           ") has no cudaDeviceSynchronize; GPU sync at region edges stays "
           "off; set GREENLINT_CUDART_LIB to libcudart's path";
  // The library stays loaded for the rest of the process.
  GpuSyncAtEdges.store(Sync);
  return "";
}

} // namespace rt
} // namespace greenlint
