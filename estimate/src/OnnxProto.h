//===- OnnxProto.h - The parts of an ONNX model the estimate reads -*- C++
//-*-===//
//
// An ONNX file is one protobuf ModelProto (onnx/onnx.proto). greenlint
// decodes the protobuf wire format itself, with ByteCursor's bounds checks,
// instead of linking libonnx's generated classes: it reads the file in
// place (memory-mapped) and skips the weights' raw bytes, so a 2 GB model
// is never copied, and a damaged file is reported with the byte offset
// where it goes wrong. The field numbers are ONNX's, stable since IR
// version 3. Subgraphs (If/Loop bodies) are skipped, not read.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_ESTIMATE_ONNXPROTO_H
#define GREENLINT_ESTIMATE_ONNXPROTO_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace greenlint {
namespace estimate {
namespace onnx {

/// TensorProto.DataType numbers.
enum DataType : int32_t {
  Float = 1,
  Uint8 = 2,
  Int8 = 3,
  Uint16 = 4,
  Int16 = 5,
  Int32 = 6,
  Int64 = 7,
  String = 8,
  Bool = 9,
  Float16 = 10,
  Double = 11,
  Uint32 = 12,
  Uint64 = 13,
  Complex64 = 14,
  Complex128 = 15,
  BFloat16 = 16,
  Float8E4M3FN = 17,
  Float8E4M3FNUZ = 18,
  Float8E5M2 = 19,
  Float8E5M2FNUZ = 20,
  Uint4 = 21,
  Int4 = 22
};

struct Tensor {
  std::string Name;
  int32_t Type = 0;
  std::vector<int64_t> Dims;
  /// Stored outside the .onnx file (data_location EXTERNAL); the path.
  bool External = false;
  std::string ExternalLocation;
  /// The values of small integer tensors (shapes, axes) for Reshape and
  /// friends; empty for anything else.
  std::vector<int64_t> Ints;
  bool HasInts = false;
};

struct Attribute {
  std::string Name;
  std::optional<int64_t> I;
  std::optional<float> F;
  std::string S;
  std::vector<int64_t> Ints;
  std::optional<Tensor> T;
  bool HasGraph = false;
};

struct Node {
  std::string Name, OpType, Domain;
  std::vector<std::string> Inputs, Outputs;
  std::vector<Attribute> Attributes;
  uint64_t Offset = 0; ///< where the node starts in the file

  const Attribute *attribute(llvm::StringRef AttrName) const;
  int64_t intAttribute(llvm::StringRef AttrName, int64_t Default) const;
  /// The attribute's ints, or empty when it is not set.
  std::vector<int64_t> intsAttribute(llvm::StringRef AttrName) const;
  std::string stringAttribute(llvm::StringRef AttrName) const;
};

/// A dimension of a value's declared shape: a number, or a symbol.
struct Dimension {
  std::optional<int64_t> Value;
  std::string Param;
};

struct ValueInfo {
  std::string Name;
  int32_t ElementType = 0;
  /// Unset when the type declares no shape (any rank).
  std::optional<std::vector<Dimension>> Shape;
};

struct Graph {
  std::string Name;
  std::vector<Node> Nodes;
  std::vector<Tensor> Initializers;
  std::vector<ValueInfo> Inputs, Outputs, ValueInfos;
  int SparseInitializers = 0;
};

struct Model {
  int64_t IrVersion = 0;
  std::string Producer, ProducerVersion;
  /// opset_import: domain ("" is ai.onnx) and version.
  std::vector<std::pair<std::string, int64_t>> Opsets;
  Graph Main;
  bool HasGraph = false;
};

/// Decodes \p Bytes. On failure returns false with \p Why and the file
/// offset \p At.
bool parseModel(llvm::StringRef Bytes, Model &Out, std::string &Why,
                uint64_t &At);

/// Bytes of one element of \p Type (0.5 for 4-bit types, 0 for strings).
double elementBytes(int32_t Type);
/// "float32", "float16", "int8", ... as the estimates name dtypes.
std::string dtypeName(int32_t Type);

} // namespace onnx
} // namespace estimate
} // namespace greenlint

#endif
