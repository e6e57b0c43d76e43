//===- model_file_fuzzer.cpp - libFuzzer target: model-file readers -------===//
//
// Feeds arbitrary bytes to every reader of `greenlint estimate` (ONNX, GGUF,
// XGBoost JSON and UBJSON) and, when one reads, renders the estimate as the
// CLI does: any file gets an estimate or a message, never a crash, and a
// failure always says where.
//
//===----------------------------------------------------------------------===//
#include "greenlint/estimate/ModelFile.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  using namespace greenlint::estimate;
  llvm::StringRef Bytes(reinterpret_cast<const char *>(Data), Size);
  ModelFileOptions Options;
  Options.Dims["batch"] = 3;
  auto Check = [](bool Ok, const ModelEstimate &M, const std::string &Error) {
    if (!Ok) {
      if (Error.rfind("greenlint: fuzz", 0) != 0)
        __builtin_trap(); // every refusal names the file
      return;
    }
    M.toJson().dump(1, ' ', false,
                    nlohmann::ordered_json::error_handler_t::replace);
    M.summary();
  };
  {
    ModelEstimate M;
    std::string Error;
    Check(readOnnxFile("fuzz.onnx", Bytes, Options, M, Error), M, Error);
  }
  {
    ModelEstimate M;
    std::string Error;
    Check(readGgufFile("fuzz.gguf", Bytes, M, Error), M, Error);
  }
  for (bool Ubjson : {false, true}) {
    ModelEstimate M;
    std::string Error;
    Check(readXgboostFile("fuzz.json", Bytes, Ubjson, M, Error), M, Error);
  }
  return 0;
}
