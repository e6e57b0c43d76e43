// Minimal stand-in for NVIDIA TensorRT's NvInfer.h / NvInferRuntime.h,
// written for greenlint's lit tests: the real public names in namespace
// nvinfer1 and the signatures the rules match, with no implementation.
// Debian 12 ships no TensorRT.
#ifndef GREENLINT_TEST_INPUTS_NVINFER_H
#define GREENLINT_TEST_INPUTS_NVINFER_H

#include <cstddef>
#include <cstdint>

typedef struct CUstream_st *cudaStream_t;
typedef struct CUevent_st *cudaEvent_t;

namespace nvinfer1 {

using AsciiChar = char;

class ILogger {
public:
  enum class Severity : int32_t {
    kINTERNAL_ERROR = 0,
    kERROR = 1,
    kWARNING = 2,
    kINFO = 3,
    kVERBOSE = 4
  };
  virtual void log(Severity severity, AsciiChar const *msg) noexcept = 0;
  virtual ~ILogger() = default;
};

enum class BuilderFlag : int32_t {
  kFP16 = 0,
  kINT8 = 1,
  kDEBUG = 2,
  kGPU_FALLBACK = 3,
  kREFIT = 5,
  kDISABLE_TIMING_CACHE = 6,
  kTF32 = 7,
  kSPARSE_WEIGHTS = 8,
  kOBEY_PRECISION_CONSTRAINTS = 10,
  kPREFER_PRECISION_CONSTRAINTS = 11,
  kFP8 = 16,
  kBF16 = 18
};
using BuilderFlags = uint32_t;

enum class NetworkDefinitionCreationFlag : int32_t {
  kEXPLICIT_BATCH = 0,
  kSTRONGLY_TYPED = 1
};
using NetworkDefinitionCreationFlags = uint32_t;

enum class MemoryPoolType : int32_t { kWORKSPACE = 0, kDLA_MANAGED_SRAM = 1 };

class IHostMemory {
public:
  void *data() const noexcept;
  std::size_t size() const noexcept;
};

class IExecutionContext {
public:
  bool executeV2(void *const *bindings) noexcept;
  bool enqueueV2(void *const *bindings, cudaStream_t stream,
                 cudaEvent_t *inputConsumed) noexcept;
  bool enqueueV3(cudaStream_t stream) noexcept;
  bool setTensorAddress(char const *tensorName, void *data) noexcept;
};

class ICudaEngine {
public:
  IExecutionContext *createExecutionContext() noexcept;
  int32_t getNbIOTensors() const noexcept;
};

class IRuntime {
public:
  ICudaEngine *deserializeCudaEngine(void const *blob,
                                     std::size_t size) noexcept;
};

class INetworkDefinition {};

class IBuilderConfig {
public:
  void setFlag(BuilderFlag builderFlag) noexcept;
  void clearFlag(BuilderFlag builderFlag) noexcept;
  bool getFlag(BuilderFlag builderFlag) const noexcept;
  void setFlags(BuilderFlags builderFlags) noexcept;
  void setMemoryPoolLimit(MemoryPoolType pool, std::size_t poolSize) noexcept;
};

class IBuilder {
public:
  IBuilderConfig *createBuilderConfig() noexcept;
  INetworkDefinition *createNetworkV2(uint32_t flags) noexcept;
  IHostMemory *buildSerializedNetwork(INetworkDefinition &network,
                                      IBuilderConfig &config) noexcept;
  // Removed in TensorRT 10, still common in code written for 8.x.
  ICudaEngine *buildEngineWithConfig(INetworkDefinition &network,
                                     IBuilderConfig &config) noexcept;
  bool platformHasFastFp16() const noexcept;
  bool platformHasFastInt8() const noexcept;
};

IRuntime *createInferRuntime(ILogger &logger) noexcept;
IBuilder *createInferBuilder(ILogger &logger) noexcept;

} // namespace nvinfer1

#endif
