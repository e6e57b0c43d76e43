//===- ModelFile.h - Estimates of models stored in files --------*- C++ -*-===//
//
// `greenlint estimate FILE` reads what the compiler never sees: ONNX graphs,
// GGUF weights, XGBoost ensembles (and TorchScript archives, through a
// LibTorch helper process). Every reader bounds-checks what it reads: a
// truncated or hostile file gives an error naming the file and the byte
// offset, never a crash or an allocation larger than the file. Figures a
// reader cannot derive stay unset and `Unknown` says why
// (docs/estimates.md, "Model files").
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_ESTIMATE_MODELFILE_H
#define GREENLINT_ESTIMATE_MODELFILE_H

#include "greenlint/estimate/ModelEstimate.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <map>
#include <string>

namespace greenlint {
namespace estimate {

enum class ModelFileFormat {
  Onnx,
  Gguf,
  TorchScript,
  XgboostJson,
  XgboostUbjson,
  Unknown
};

/// The format of a model file from its name and first bytes: GGUF and zip
/// (TorchScript) by their magic, JSON by its first character, ONNX and
/// UBJSON by their extensions.
ModelFileFormat detectModelFileFormat(llvm::StringRef Path,
                                      llvm::StringRef Head);
/// "onnx", "gguf", "torchscript", "xgboost"
const char *frameworkName(ModelFileFormat F);

struct ModelFileOptions {
  /// Values of the symbolic dimensions of ONNX inputs ("batch" -> 8); a
  /// symbolic dimension without one is taken as 1 and the basis says so.
  std::map<std::string, int64_t> Dims;
};

/// Each reader fills \p Out (Model, Framework, File, the figures it can
/// derive) from the whole file in \p Bytes, which \p Path names in errors.
/// On a malformed file it returns false with \p Error reading
/// "greenlint: <path>: byte <offset>: <what is wrong>; <what to do>".
bool readOnnxFile(llvm::StringRef Path, llvm::StringRef Bytes,
                  const ModelFileOptions &Options, ModelEstimate &Out,
                  std::string &Error);
bool readGgufFile(llvm::StringRef Path, llvm::StringRef Bytes,
                  ModelEstimate &Out, std::string &Error);
bool readXgboostFile(llvm::StringRef Path, llvm::StringRef Bytes, bool Ubjson,
                     ModelEstimate &Out, std::string &Error);
/// A TorchScript archive as the helper greenlint-estimate-torch described
/// it (its JSON output: parameters and buffers with shapes and dtypes).
bool readTorchScriptSummary(llvm::StringRef Path, const nlohmann::json &Summary,
                            ModelEstimate &Out, std::string &Error);

} // namespace estimate
} // namespace greenlint

#endif
