//===- ModelFile.cpp - Which reader a model file goes to; TorchScript -----===//
#include "greenlint/estimate/ModelFile.h"
#include "llvm/Support/Path.h"
#include <map>

namespace greenlint {
namespace estimate {

ModelFileFormat detectModelFileFormat(llvm::StringRef Path,
                                      llvm::StringRef Head) {
  if (Head.starts_with("GGUF"))
    return ModelFileFormat::Gguf;
  // TorchScript archives are zip files (torch.jit.save).
  if (Head.starts_with(llvm::StringRef("PK\x03\x04", 4)))
    return ModelFileFormat::TorchScript;
  std::string Ext = llvm::sys::path::extension(Path).lower();
  // By name, a file without its magic is read and refused with the byte.
  if (Ext == ".gguf")
    return ModelFileFormat::Gguf;
  if (Ext == ".onnx")
    return ModelFileFormat::Onnx;
  if (Ext == ".ubj")
    return ModelFileFormat::XgboostUbjson;
  if (Ext == ".json")
    return ModelFileFormat::XgboostJson;
  // Both JSON and UBJSON objects open with '{'; JSON follows it with
  // whitespace, a quote or '}', UBJSON with a length marker.
  llvm::StringRef Text = Head.ltrim(" \t\r\n");
  if (Text.starts_with("{")) {
    char Next = Text.size() > 1 ? Text[1] : '}';
    return llvm::StringRef(" \t\r\n\"}").contains(Next)
               ? ModelFileFormat::XgboostJson
               : ModelFileFormat::XgboostUbjson;
  }
  return ModelFileFormat::Unknown;
}

const char *frameworkName(ModelFileFormat F) {
  switch (F) {
  case ModelFileFormat::Onnx:
    return "onnx";
  case ModelFileFormat::Gguf:
    return "gguf";
  case ModelFileFormat::TorchScript:
    return "torchscript";
  case ModelFileFormat::XgboostJson:
  case ModelFileFormat::XgboostUbjson:
    return "xgboost";
  case ModelFileFormat::Unknown:
    break;
  }
  return "unknown";
}

namespace {
struct Totals {
  uint64_t Tensors = 0, Elements = 0;
  double Bytes = 0;
  std::map<std::string, double> BytesByDtype;
};

/// Sums the helper's list of tensors; false when an entry is malformed.
bool sumTensors(const nlohmann::json &List, Totals &T, std::string &Why) {
  if (!List.is_array()) {
    Why = "a tensor list is not a list";
    return false;
  }
  for (const nlohmann::json &E : List) {
    if (!E.is_object() || !E.contains("numel") || !E.contains("bytes") ||
        !E.contains("dtype") || !E["numel"].is_number_unsigned() ||
        !E["bytes"].is_number_unsigned() || !E["dtype"].is_string()) {
      Why = "an entry lacks numel, bytes or dtype";
      return false;
    }
    ++T.Tensors;
    T.Elements += E["numel"].get<uint64_t>();
    double B = double(E["bytes"].get<uint64_t>());
    T.Bytes += B;
    T.BytesByDtype[E["dtype"].get<std::string>()] += B;
  }
  return true;
}
} // namespace

bool readTorchScriptSummary(llvm::StringRef Path, const nlohmann::json &Summary,
                            ModelEstimate &Out, std::string &Error) {
  Totals Params, Buffers;
  std::string Why;
  if (!Summary.is_object() || !Summary.contains("parameters") ||
      !Summary.contains("buffers"))
    Why = "no parameters and buffers lists";
  else if (sumTensors(Summary["parameters"], Params, Why))
    sumTensors(Summary["buffers"], Buffers, Why);
  if (!Why.empty()) {
    Error = "greenlint: " + Path.str() +
            ": the TorchScript helper's answer is malformed (" + Why +
            "); reinstall greenlint-estimate-torch with this greenlint";
    return false;
  }
  Out.Model = llvm::sys::path::filename(Path).str();
  Out.Framework = "torchscript";
  Out.File = Path.str();
  Out.Parameters = Params.Elements;
  Out.WeightBytes = Params.Bytes;
  std::string Main = "float32";
  double MainBytes = -1;
  for (const auto &[Dtype, B] : Params.BytesByDtype)
    if (B > MainBytes) {
      MainBytes = B;
      Main = Dtype;
    }
  Out.Dtype = Main;
  Out.BytesPerParameter =
      Params.Elements ? Params.Bytes / double(Params.Elements) : 0;
  Out.Details["parameter_tensors"] = Params.Tensors;
  Out.Details["parameter_dtypes"] = Params.BytesByDtype;
  Out.Details["buffers"] = Buffers.Elements;
  Out.Details["buffer_tensors"] = Buffers.Tensors;
  Out.Details["buffer_bytes"] = Buffers.Bytes;
  Out.Details["buffer_dtypes"] = Buffers.BytesByDtype;
  Out.Unknown.push_back("FLOPs: a TorchScript graph's shapes are known only "
                        "when it runs; export to ONNX for a FLOP count");
  return true;
}

} // namespace estimate
} // namespace greenlint
