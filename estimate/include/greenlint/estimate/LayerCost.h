//===- LayerCost.h - Parameters and FLOPs of standard layers ----*- C++ -*-===//
//
// The arithmetic behind the static estimates, free of Clang so it can be
// checked against hand-worked values. Parameter counts follow LibTorch's own
// parameter tensors; FLOPs count 2 per multiply-accumulate of the weight
// layers for one sample (docs/estimates.md). Normalisation, activations and
// bias additions are elementwise and not counted.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_LAYERCOST_H
#define GREENLINT_RULES_ESTIMATE_LAYERCOST_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace greenlint {
namespace estimate {

struct LayerCost {
  std::string Kind;
  uint64_t Parameters = 0;
  /// FLOPs of one sample; unset when they depend on something unknown.
  std::optional<double> Flops;
  /// Why Flops is unset.
  std::string FlopsUnknown;
};

/// y = xW^T + b: In·Out weights (+Out bias); 2·In·Out FLOPs per vector.
LayerCost linearCost(uint64_t In, uint64_t Out, bool Bias);

/// Output size of a convolution or pooling along each spatial axis:
/// floor((in + 2·pad − dilation·(k − 1) − 1) / stride) + 1. Empty when any
/// axis would be empty.
std::vector<int64_t> convOutputSize(const std::vector<int64_t> &In,
                                    const std::vector<int64_t> &Kernel,
                                    const std::vector<int64_t> &Stride,
                                    const std::vector<int64_t> &Padding,
                                    const std::vector<int64_t> &Dilation);

/// (In/Groups)·Out·∏Kernel weights (+Out bias). FLOPs need the output's
/// spatial size: 2·∏OutSpatial·Out·(In/Groups)·∏Kernel.
LayerCost convCost(uint64_t In, uint64_t Out,
                   const std::vector<int64_t> &Kernel, uint64_t Groups,
                   bool Bias, const std::vector<int64_t> *OutSpatial);

/// A lookup table: Num·Dim weights, no arithmetic.
LayerCost embeddingCost(uint64_t Num, uint64_t Dim);

/// Gates per cell: RNN 1, GRU 3, LSTM 4.
enum class RecurrentCell { Rnn = 1, Gru = 3, Lstm = 4 };

/// Stacked (optionally bidirectional) recurrent layers: per layer and
/// direction G·H·(in + H) weights and 2·G·H biases; FLOPs of one time step.
/// Layers after the first take H·directions inputs.
LayerCost recurrentCost(RecurrentCell Cell, uint64_t In, uint64_t Hidden,
                        uint64_t Layers, bool Bias, bool Bidirectional);

/// Multi-head attention with embedding size E and key/value sizes K, V:
/// query/key/value and output projections. FLOPs per token need the
/// sequence length L (the scores and their weighted sum add 4·L·E).
LayerCost attentionCost(uint64_t E, uint64_t K, uint64_t V, bool Bias,
                        bool AddBiasKv, std::optional<uint64_t> SeqLen);

/// Batch and layer normalisation: a scale and a shift per feature when
/// affine.
LayerCost normCost(const char *Kind, uint64_t Features, bool Affine);

/// A layer without parameters (activation, dropout, pooling, flatten).
LayerCost parameterFreeCost(const char *Kind);

} // namespace estimate
} // namespace greenlint

#endif
