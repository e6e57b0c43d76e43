//===- GpuSync.h - GREENLINT_GPU_SYNC: wait for the GPU at region edges ---===//
//
// GPU work is asynchronous: a kernel launched in one region runs while the
// next region is active, so its energy lands there. With GREENLINT_GPU_SYNC=1
// every region edge waits for the GPU (cudaDeviceSynchronize, resolved from
// libcudart with dlopen: the runtime never links CUDA), so GPU time falls in
// the region that launched it. Off by default: a sync serialises the host
// and the GPU.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RUNTIME_GPUSYNC_H
#define GREENLINT_RUNTIME_GPUSYNC_H

#include <atomic>
#include <string>
#include <vector>

namespace greenlint {
namespace rt {

using GpuSyncFn = int (*)();

// The function region edges call, or null when the option is off; set
// before recording starts.
extern std::atomic<GpuSyncFn> GpuSyncAtEdges;

// Reads a GREENLINT_GPU_SYNC value (null or "0": off, "1": on) and, when on,
// resolves cudaDeviceSynchronize from the first of LibNames that loads (one
// already loaded by the program first). Returns a message for stderr when
// the option cannot take effect, "" otherwise; sets GpuSyncAtEdges.
std::string configureGpuSync(const char *Setting,
                             const std::vector<std::string> &LibNames);

// libcudart's names, most recent first; GREENLINT_CUDART_LIB replaces them.
std::vector<std::string> cudartNames();

} // namespace rt
} // namespace greenlint

#endif
