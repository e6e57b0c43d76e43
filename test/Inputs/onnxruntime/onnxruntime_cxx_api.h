// Minimal stand-in for ONNX Runtime's onnxruntime_cxx_api.h (and the parts of
// onnxruntime_c_api.h it needs), written for greenlint's lit tests: the real
// public names, namespaces and signatures of the C++ API the rules match, and
// no implementation. Debian 12 ships no ONNX Runtime.
#ifndef GREENLINT_TEST_INPUTS_ONNXRUNTIME_CXX_API_H
#define GREENLINT_TEST_INPUTS_ONNXRUNTIME_CXX_API_H

#include <cstddef>
#include <cstdint>
#include <vector>

// --- C API (onnxruntime_c_api.h) ---
extern "C" {
#ifdef _WIN32
typedef wchar_t ORTCHAR_T;
#else
typedef char ORTCHAR_T;
#endif

typedef enum GraphOptimizationLevel {
  ORT_DISABLE_ALL = 0,
  ORT_ENABLE_BASIC = 1,
  ORT_ENABLE_EXTENDED = 2,
  ORT_ENABLE_ALL = 99
} GraphOptimizationLevel;

typedef enum OrtAllocatorType {
  OrtInvalidAllocator = -1,
  OrtDeviceAllocator = 0,
  OrtArenaAllocator = 1
} OrtAllocatorType;

typedef enum OrtMemType {
  OrtMemTypeCPUInput = -2,
  OrtMemTypeCPUOutput = -1,
  OrtMemTypeCPU = OrtMemTypeCPUOutput,
  OrtMemTypeDefault = 0
} OrtMemType;

typedef enum OrtLoggingLevel {
  ORT_LOGGING_LEVEL_VERBOSE,
  ORT_LOGGING_LEVEL_INFO,
  ORT_LOGGING_LEVEL_WARNING,
  ORT_LOGGING_LEVEL_ERROR,
  ORT_LOGGING_LEVEL_FATAL
} OrtLoggingLevel;

struct OrtEnv;
struct OrtSession;
struct OrtSessionOptions;
struct OrtValue;
struct OrtRunOptions;
struct OrtMemoryInfo;
struct OrtStatus;
typedef OrtStatus *OrtStatusPtr;

struct OrtApi {
  OrtStatusPtr (*CreateSession)(const OrtEnv *env, const ORTCHAR_T *model_path,
                                const OrtSessionOptions *options,
                                OrtSession **out);
  OrtStatusPtr (*SetSessionGraphOptimizationLevel)(
      OrtSessionOptions *options, GraphOptimizationLevel graph_optimization_level);
  OrtStatusPtr (*Run)(OrtSession *session, const OrtRunOptions *run_options,
                      const char *const *input_names,
                      const OrtValue *const *inputs, size_t input_len,
                      const char *const *output_names, size_t output_names_len,
                      OrtValue **outputs);
};
}

// --- C++ API (onnxruntime_cxx_api.h) ---
namespace Ort {

struct Env {
  Env(OrtLoggingLevel logging_level = ORT_LOGGING_LEVEL_WARNING,
      const char *logid = "");
  explicit Env(std::nullptr_t) {}
};

struct RunOptions {
  RunOptions();
  explicit RunOptions(std::nullptr_t) {}
};

struct MemoryInfo {
  explicit MemoryInfo(std::nullptr_t) {}
  static MemoryInfo CreateCpu(OrtAllocatorType type, OrtMemType mem_type);
  operator const OrtMemoryInfo *() const;
};

struct Value {
  explicit Value(std::nullptr_t) {}
  Value(Value &&) = default;
  template <typename T>
  static Value CreateTensor(const OrtMemoryInfo *info, T *p_data,
                            size_t p_data_element_count, const int64_t *shape,
                            size_t shape_len);
  template <typename T> T *GetTensorMutableData();
};

struct IoBinding;

namespace detail {

template <typename T> struct SessionOptionsImpl {
  SessionOptionsImpl &SetIntraOpNumThreads(int intra_op_num_threads);
  SessionOptionsImpl &SetInterOpNumThreads(int inter_op_num_threads);
  SessionOptionsImpl &
  SetGraphOptimizationLevel(GraphOptimizationLevel graph_optimization_level);
  SessionOptionsImpl &SetOptimizedModelFilePath(const ORTCHAR_T *optimized_model_file);
  SessionOptionsImpl &EnableProfiling(const ORTCHAR_T *profile_file_prefix);
};

template <typename T> struct ConstSessionImpl {
  size_t GetInputCount() const;
  size_t GetOutputCount() const;
};

template <typename T> struct SessionImpl : ConstSessionImpl<T> {
  std::vector<Value> Run(const RunOptions &run_options,
                         const char *const *input_names,
                         const Value *input_values, size_t input_count,
                         const char *const *output_names, size_t output_count);
  void Run(const RunOptions &run_options, const char *const *input_names,
           const Value *input_values, size_t input_count,
           const char *const *output_names, Value *output_values,
           size_t output_count);
  void Run(const RunOptions &run_options, const IoBinding &io_binding);
};

} // namespace detail

struct SessionOptions : detail::SessionOptionsImpl<OrtSessionOptions> {
  SessionOptions();
  explicit SessionOptions(std::nullptr_t) {}
};

struct Session : detail::SessionImpl<OrtSession> {
  explicit Session(std::nullptr_t) {}
  Session(const Env &env, const ORTCHAR_T *model_path,
          const SessionOptions &options);
  Session(const Env &env, const void *model_data, size_t model_data_length,
          const SessionOptions &options);
  Session(Session &&) = default;
  Session &operator=(Session &&) = default;
};

} // namespace Ort

#endif
