//===- LayerCost.cpp ------------------------------------------------------===//
#include "greenlint/estimate/LayerCost.h"

namespace greenlint {
namespace estimate {

LayerCost linearCost(uint64_t In, uint64_t Out, bool Bias) {
  LayerCost C;
  C.Kind = "linear";
  C.Parameters = In * Out + (Bias ? Out : 0);
  C.Flops = 2.0 * double(In) * double(Out);
  return C;
}

std::vector<int64_t> convOutputSize(const std::vector<int64_t> &In,
                                    const std::vector<int64_t> &Kernel,
                                    const std::vector<int64_t> &Stride,
                                    const std::vector<int64_t> &Padding,
                                    const std::vector<int64_t> &Dilation) {
  size_t N = In.size();
  if (Kernel.size() != N || Stride.size() != N || Padding.size() != N ||
      Dilation.size() != N)
    return {};
  std::vector<int64_t> Out(N);
  for (size_t I = 0; I < N; ++I) {
    if (Stride[I] <= 0)
      return {};
    int64_t Span = In[I] + 2 * Padding[I] - Dilation[I] * (Kernel[I] - 1) - 1;
    if (Span < 0)
      return {};
    Out[I] = Span / Stride[I] + 1;
  }
  return Out;
}

LayerCost convCost(uint64_t In, uint64_t Out,
                   const std::vector<int64_t> &Kernel, uint64_t Groups,
                   bool Bias, const std::vector<int64_t> *OutSpatial) {
  LayerCost C;
  C.Kind = "conv" + std::to_string(Kernel.size()) + "d";
  uint64_t KernelSize = 1;
  for (int64_t K : Kernel)
    KernelSize *= uint64_t(K);
  uint64_t PerOutputChannel = (Groups ? In / Groups : In) * KernelSize;
  C.Parameters = PerOutputChannel * Out + (Bias ? Out : 0);
  if (OutSpatial && !OutSpatial->empty()) {
    double Positions = 1;
    for (int64_t S : *OutSpatial)
      Positions *= double(S);
    C.Flops = 2.0 * Positions * double(Out) * double(PerOutputChannel);
  } else {
    C.FlopsUnknown = "its FLOPs depend on the input's spatial size (state "
                     "it with [[clang::annotate(\"greenlint::input\", C, H, "
                     "W)]] on the model)";
  }
  return C;
}

LayerCost embeddingCost(uint64_t Num, uint64_t Dim) {
  LayerCost C;
  C.Kind = "embedding";
  C.Parameters = Num * Dim;
  C.Flops = 0;
  return C;
}

LayerCost recurrentCost(RecurrentCell Cell, uint64_t In, uint64_t Hidden,
                        uint64_t Layers, bool Bias, bool Bidirectional) {
  LayerCost C;
  C.Kind = Cell == RecurrentCell::Lstm  ? "lstm"
           : Cell == RecurrentCell::Gru ? "gru"
                                        : "rnn";
  uint64_t G = uint64_t(Cell);
  uint64_t Directions = Bidirectional ? 2 : 1;
  double Flops = 0;
  for (uint64_t L = 0; L < Layers; ++L) {
    uint64_t LayerIn = L == 0 ? In : Hidden * Directions;
    uint64_t PerDirection =
        G * Hidden * (LayerIn + Hidden) + (Bias ? 2 * G * Hidden : 0);
    C.Parameters += PerDirection * Directions;
    Flops += 2.0 * double(G * Hidden) * double(LayerIn + Hidden) *
             double(Directions);
  }
  C.Flops = Flops;
  return C;
}

LayerCost attentionCost(uint64_t E, uint64_t K, uint64_t V, bool Bias,
                        bool AddBiasKv, std::optional<uint64_t> SeqLen) {
  LayerCost C;
  C.Kind = "multihead-attention";
  // Query, key and value projections map E, K and V inputs to E outputs.
  uint64_t Projections = E * E + E * K + E * V;
  C.Parameters = Projections + (Bias ? 3 * E : 0) + E * E + (Bias ? E : 0) +
                 (AddBiasKv ? 2 * E : 0);
  if (SeqLen) {
    C.Flops = 2.0 * double(Projections + E * E) + 4.0 * double(*SeqLen) * E;
  } else {
    C.FlopsUnknown = "its FLOPs per token depend on the sequence length";
  }
  return C;
}

LayerCost normCost(const char *Kind, uint64_t Features, bool Affine) {
  LayerCost C;
  C.Kind = Kind;
  C.Parameters = Affine ? 2 * Features : 0;
  C.Flops = 0;
  return C;
}

LayerCost parameterFreeCost(const char *Kind) {
  LayerCost C;
  C.Kind = Kind;
  C.Flops = 0;
  return C;
}

} // namespace estimate
} // namespace greenlint
