//===- OnnxGraphCost.h - FLOPs of an ONNX graph, op by op -------*- C++ -*-===//
//
// Walks the graph's nodes in order (ONNX requires topological order) with
// the shapes of the inputs, initializers and declared values, infers the
// output shapes of the ops it knows, and counts the FLOPs of each op whose
// formula it has (docs/estimates.md, "ONNX"). An op it cannot count, for
// want of a formula or of its input shapes, is listed by type with the
// reason: never counted as zero.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_ESTIMATE_ONNXGRAPHCOST_H
#define GREENLINT_ESTIMATE_ONNXGRAPHCOST_H

#include "OnnxProto.h"
#include <map>
#include <string>
#include <vector>

namespace greenlint {
namespace estimate {
namespace onnx {

using Shape = std::vector<int64_t>;

struct OpTotal {
  uint64_t Count = 0;
  double Flops = 0;
};

struct OpMissing {
  uint64_t Count = 0;
  std::string Reason; ///< the first node's reason
};

struct GraphCost {
  std::map<std::string, OpTotal> Counted;
  std::map<std::string, OpMissing> NotCounted;
  double Flops = 0;
  /// Each graph input's shape as used, "x[1,3,32,32]".
  std::vector<std::string> InputShapes;
  /// Symbolic dimensions and the values used for them.
  std::map<std::string, int64_t> Symbols;
  /// Symbols without a value given, taken as 1.
  std::vector<std::string> Assumed;
};

/// Counts \p G with \p Dims as the values of symbolic input dimensions
/// (unset ones are 1) and \p Opset the ai.onnx opset version.
GraphCost countGraph(const Graph &G, const std::map<std::string, int64_t> &Dims,
                     int64_t Opset);

} // namespace onnx
} // namespace estimate
} // namespace greenlint

#endif
