//===- OnnxFileReader.cpp - Parameters and FLOPs of an ONNX model ---------===//
#include "OnnxGraphCost.h"
#include "OnnxProto.h"
#include "greenlint/estimate/ModelFile.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <set>

namespace greenlint {
namespace estimate {

namespace {

/// Initializers of these types are weights; integer initializers of other
/// widths (shapes, axes, indices) are constants, not parameters.
bool isWeightType(int32_t T) {
  using namespace onnx;
  switch (T) {
  case Float:
  case Float16:
  case BFloat16:
  case Double:
  case Float8E4M3FN:
  case Float8E4M3FNUZ:
  case Float8E5M2:
  case Float8E5M2FNUZ:
  case Int8:
  case Uint8:
  case Int4:
  case Uint4:
    return true;
  default:
    return false;
  }
}

/// The profile peak a weight dtype's arithmetic runs at.
std::string computeDtype(const std::string &Dtype) {
  if (Dtype == "float16" || Dtype == "bfloat16" || Dtype == "float64")
    return Dtype;
  if (Dtype == "int8" || Dtype == "uint8" || Dtype == "int4" ||
      Dtype == "uint4")
    return "int8";
  if (Dtype.rfind("float8", 0) == 0)
    return "float16";
  return "float32";
}

} // namespace

bool readOnnxFile(llvm::StringRef Path, llvm::StringRef Bytes,
                  const ModelFileOptions &Options, ModelEstimate &Out,
                  std::string &Error) {
  onnx::Model M;
  std::string Why;
  uint64_t At = 0;
  if (!onnx::parseModel(Bytes, M, Why, At)) {
    Error = "greenlint: " + Path.str() + ": byte " + std::to_string(At) + ": " +
            Why +
            "; the file is not a complete ONNX model: check the download or "
            "export it again";
    return false;
  }
  if (!M.HasGraph || M.Main.Nodes.empty()) {
    Error = "greenlint: " + Path.str() +
            ": no graph with nodes; this is not an ONNX model (an ONNX "
            "file is a ModelProto with a graph)";
    return false;
  }
  Out.Model = llvm::sys::path::filename(Path).str();
  Out.Framework = "onnx";
  Out.File = Path.str();

  // Parameters and weight bytes from the initializers.
  uint64_t Parameters = 0, ConstantElements = 0;
  double WeightBytes = 0;
  std::map<std::string, double> BytesByDtype;
  std::set<std::string> External;
  for (const onnx::Tensor &T : M.Main.Initializers) {
    uint64_t N = 1;
    for (int64_t D : T.Dims)
      if (D < 0 || __builtin_mul_overflow(N, uint64_t(D), &N) ||
          int64_t(N) < 0) {
        Error = "greenlint: " + Path.str() + ": initializer '" + T.Name +
                "' has a negative or overflowing dimension; the model is "
                "damaged: export it again";
        return false;
      }
    if (T.External)
      External.insert(T.ExternalLocation.empty() ? "(no location)"
                                                 : T.ExternalLocation);
    if (!isWeightType(T.Type)) {
      ConstantElements += N;
      continue;
    }
    Parameters += N;
    double B = double(N) * onnx::elementBytes(T.Type);
    WeightBytes += B;
    BytesByDtype[onnx::dtypeName(T.Type)] += B;
  }
  Out.Parameters = Parameters;
  Out.WeightBytes = WeightBytes;
  std::string Main = "float32";
  double MainBytes = -1;
  nlohmann::ordered_json Dtypes = nlohmann::ordered_json::object();
  for (const auto &[Dtype, B] : BytesByDtype) {
    Dtypes[Dtype] = B;
    if (B > MainBytes) {
      MainBytes = B;
      Main = Dtype;
    }
  }
  Out.Dtype = Main;
  Out.ComputeDtype = computeDtype(Main);
  Out.BytesPerParameter = Parameters ? WeightBytes / double(Parameters) : 0;

  int64_t Opset = 0;
  for (const auto &[Domain, Version] : M.Opsets)
    if (Domain.empty() || Domain == "ai.onnx")
      Opset = Version;

  onnx::GraphCost Cost = onnx::countGraph(M.Main, Options.Dims, Opset);
  Out.FlopsPerSample = Cost.Flops;
  std::string Inputs;
  for (const std::string &S : Cost.InputShapes)
    Inputs += (Inputs.empty() ? "" : ", ") + S;
  std::string Basis = "one call on " + (Inputs.empty() ? "no inputs" : Inputs);
  if (!Cost.Assumed.empty()) {
    std::string Names;
    for (const std::string &A : Cost.Assumed)
      Names += (Names.empty() ? "'" : ", '") + A + "'";
    Basis += "; symbolic dimension" +
             std::string(Cost.Assumed.size() > 1 ? "s " : " ") + Names +
             " taken as 1 (set with --dim " +
             (Cost.Assumed.size() > 1 ? "NAME" : Cost.Assumed[0]) + "=N)";
  }
  uint64_t Missing = 0;
  nlohmann::ordered_json NotCounted = nlohmann::ordered_json::array();
  for (const auto &[Op, Miss] : Cost.NotCounted) {
    Missing += Miss.Count;
    NotCounted.push_back(
        {{"op", Op}, {"count", Miss.Count}, {"reason", Miss.Reason}});
  }
  if (Missing) {
    std::string Ops;
    for (const auto &[Op, Miss] : Cost.NotCounted)
      Ops += (Ops.empty() ? "" : ", ") + Op + " x" + std::to_string(Miss.Count);
    Basis += "; a lower bound: " + std::to_string(Missing) + " op" +
             (Missing > 1 ? "s" : "") + " not counted (" + Ops + ")";
  }
  Out.FlopsBasis = Basis;

  // The ops, most FLOPs first, as layers of the estimate.
  std::vector<std::pair<std::string, onnx::OpTotal>> Ops(Cost.Counted.begin(),
                                                         Cost.Counted.end());
  std::sort(Ops.begin(), Ops.end(), [](const auto &A, const auto &B) {
    if (A.second.Flops != B.second.Flops)
      return A.second.Flops > B.second.Flops;
    return A.first < B.first;
  });
  nlohmann::ordered_json OpsJ = nlohmann::ordered_json::array();
  for (const auto &[Op, Total] : Ops)
    OpsJ.push_back(
        {{"op", Op}, {"count", Total.Count}, {"flops", Total.Flops}});
  Out.Details["ir_version"] = M.IrVersion;
  Out.Details["opset"] = Opset;
  if (!M.Producer.empty())
    Out.Details["producer"] =
        M.Producer + (M.ProducerVersion.empty() ? "" : " " + M.ProducerVersion);
  Out.Details["nodes"] = M.Main.Nodes.size();
  Out.Details["initializers"] = M.Main.Initializers.size();
  Out.Details["weight_dtypes"] = Dtypes;
  Out.Details["constant_elements"] = ConstantElements;
  Out.Details["flops_lower_bound"] = Missing > 0;
  Out.Details["ops"] = OpsJ;
  Out.Details["ops_not_counted"] = NotCounted;
  if (!Cost.Symbols.empty())
    Out.Details["symbolic_dims"] = Cost.Symbols;
  if (!External.empty())
    Out.Details["external_data"] =
        std::vector<std::string>(External.begin(), External.end());
  if (M.Main.SparseInitializers)
    Out.Unknown.push_back(
        "parameters: " + std::to_string(M.Main.SparseInitializers) +
        " sparse initializers are not counted");
  return true;
}

} // namespace estimate
} // namespace greenlint
