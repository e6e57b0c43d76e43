//===- OnnxGraphCost.cpp - Shapes and FLOPs along an ONNX graph -----------===//
//
// Conventions (docs/estimates.md, "ONNX"): 2 FLOPs per multiply-accumulate;
// 1 per output element of an element-wise op; 3 per element of a softmax;
// 2 per element of an inference batch normalisation, 7 of a normalisation
// that computes its statistics; one per kernel element and output of a
// pooling; one per input element of a reduction; 0 for ops that only move
// or reshape data.
//
//===----------------------------------------------------------------------===//
#include "OnnxGraphCost.h"
#include "llvm/ADT/StringSet.h"
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

namespace greenlint {
namespace estimate {
namespace onnx {

namespace {

using Ints = std::vector<int64_t>;

/// Dimensions no real tensor nears; larger ones (from a damaged file) would
/// overflow the int64 arithmetic of output sizes, so such a shape is unknown.
constexpr int64_t MaxDimension = int64_t(1) << 40;

bool plausible(const Shape &S) {
  return std::all_of(S.begin(), S.end(),
                     [](int64_t D) { return D >= 0 && D <= MaxDimension; });
}

/// Attribute and constant values (kernel sizes, strides, pads, repeats) in
/// the same range, so that sums and products of two stay inside int64.
bool plausibleValues(const std::vector<int64_t> &V) {
  return std::all_of(V.begin(), V.end(), [](int64_t X) {
    return X >= -MaxDimension && X <= MaxDimension;
  });
}

double elements(const Shape &S) {
  double N = 1;
  for (int64_t D : S)
    N *= double(D);
  return N;
}

std::string shapeText(const Shape &S) {
  std::string T = "[";
  for (size_t I = 0; I < S.size(); ++I)
    T += (I ? "," : "") + std::to_string(S[I]);
  return T + "]";
}

/// NumPy broadcasting of two shapes.
std::optional<Shape> broadcast(const Shape &A, const Shape &B) {
  Shape Out(std::max(A.size(), B.size()), 1);
  for (size_t I = 0; I < Out.size(); ++I) {
    int64_t X = I < A.size() ? A[A.size() - 1 - I] : 1;
    int64_t Y = I < B.size() ? B[B.size() - 1 - I] : 1;
    if (X != Y && X != 1 && Y != 1)
      return std::nullopt;
    Out[Out.size() - 1 - I] = X == 1 ? Y : X;
  }
  return Out;
}

/// An axis in [-Rank, Rank) made non-negative; unset when out of range.
std::optional<size_t> axis(int64_t A, size_t Rank) {
  int64_t R = int64_t(Rank);
  if (A < -R || A >= R)
    return std::nullopt;
  return size_t(A < 0 ? A + R : A);
}

// Op families (ai.onnx unless noted; com.microsoft's Gelu family too).
const llvm::StringSet<> Unary = {
    "Relu",      "LeakyRelu",  "Sigmoid", "HardSigmoid",
    "HardSwish", "Tanh",       "Exp",     "Log",
    "Sqrt",      "Reciprocal", "Neg",     "Abs",
    "Erf",       "Gelu",       "Elu",     "Selu",
    "Softplus",  "Softsign",   "Clip",    "Floor",
    "Ceil",      "Round",      "Sin",     "Cos",
    "Sign",      "Mish",       "Celu",    "ThresholdedRelu",
    "Not",       "IsNaN",      "IsInf",   "FastGelu",
    "QuickGelu"};
const llvm::StringSet<> Binary = {"Add",
                                  "Sub",
                                  "Mul",
                                  "Div",
                                  "Pow",
                                  "PRelu",
                                  "Equal",
                                  "Less",
                                  "Greater",
                                  "LessOrEqual",
                                  "GreaterOrEqual",
                                  "And",
                                  "Or",
                                  "Xor",
                                  "Mod",
                                  "BitShift",
                                  "BiasGelu"};
const llvm::StringSet<> Variadic = {"Sum", "Mean", "Max", "Min"};
const llvm::StringSet<> Reductions = {
    "ReduceMean",      "ReduceSum",       "ReduceMax", "ReduceMin",
    "ReduceProd",      "ReduceL1",        "ReduceL2",  "ReduceLogSum",
    "ReduceLogSumExp", "ReduceSumSquare", "ArgMax",    "ArgMin"};
const llvm::StringSet<> StatNorms = {
    "LayerNormalization", "InstanceNormalization", "GroupNormalization",
    "SimplifiedLayerNormalization", "SkipLayerNormalization"};
const llvm::StringSet<> SameShape = {"Identity", "Cast", "CastLike", "Dropout"};
/// Ops that only move, copy or describe data: 0 FLOPs by definition.
const llvm::StringSet<> DataMovement = {
    "Reshape",   "Flatten", "Transpose",    "Squeeze",
    "Unsqueeze", "Concat",  "Identity",     "Cast",
    "CastLike",  "Dropout", "Constant",     "ConstantOfShape",
    "Shape",     "Size",    "Gather",       "GatherElements",
    "GatherND",  "Slice",   "Split",        "Expand",
    "Tile",      "Pad",     "DepthToSpace", "SpaceToDepth",
    "Range"};

struct Outcome {
  bool Counted = false;
  double Flops = 0;
  std::string Reason;
  static Outcome flops(double F) { return {true, F, ""}; }
  static Outcome notCounted(std::string Why) {
    return {false, 0, std::move(Why)};
  }
};

class Walker {
public:
  Walker(const Graph &G, const std::map<std::string, int64_t> &Dims,
         int64_t Opset)
      : G(G), Dims(Dims), Opset(Opset) {}

  GraphCost run() {
    seed();
    for (const Node &N : G.Nodes) {
      Outcome O = visit(N);
      // A declared shape stands in for one the walk could not infer.
      for (const std::string &Out : N.Outputs)
        if (!Out.empty() && !Shapes.count(Out))
          if (auto It = Declared.find(Out); It != Declared.end())
            if (plausible(It->second))
              Shapes[Out] = It->second;
      std::string Op = N.Domain.empty() || N.Domain == "ai.onnx"
                           ? N.OpType
                           : N.Domain + "." + N.OpType;
      if (O.Counted) {
        OpTotal &T = Cost.Counted[Op];
        ++T.Count;
        T.Flops += O.Flops;
        Cost.Flops += O.Flops;
      } else {
        OpMissing &M = Cost.NotCounted[Op];
        if (!M.Count++)
          M.Reason = O.Reason;
      }
    }
    return std::move(Cost);
  }

private:
  const Graph &G;
  const std::map<std::string, int64_t> &Dims;
  int64_t Opset;
  std::map<std::string, Shape> Shapes, Declared;
  /// Values of small integer tensors (shapes, axes), folded as they flow.
  std::map<std::string, Ints> Consts;
  GraphCost Cost;

  /// A declared shape with its symbols resolved; unset if a dimension is
  /// neither a number nor a symbol.
  std::optional<Shape> resolve(const std::vector<Dimension> &Declared,
                               bool Record) {
    Shape S;
    for (const Dimension &D : Declared) {
      if (D.Value && *D.Value >= 0) {
        S.push_back(*D.Value);
        continue;
      }
      if (D.Param.empty() && !Record)
        return std::nullopt;
      std::string Name = D.Param.empty() ? "?" : D.Param;
      auto It = Dims.find(Name);
      int64_t V = It != Dims.end() ? It->second : 1;
      if (Record) {
        if (It == Dims.end() &&
            std::find(Cost.Assumed.begin(), Cost.Assumed.end(), Name) ==
                Cost.Assumed.end())
          Cost.Assumed.push_back(Name);
        Cost.Symbols[Name] = V;
      } else if (It == Dims.end() && !Cost.Symbols.count(Name)) {
        return std::nullopt; // a symbol no input fixed
      }
      S.push_back(V);
    }
    return S;
  }

  void seed() {
    for (const Tensor &T : G.Initializers) {
      if (plausible(T.Dims))
        Shapes[T.Name] = T.Dims;
      if (T.HasInts)
        Consts[T.Name] = T.Ints;
    }
    for (const ValueInfo &V : G.Inputs) {
      if (Shapes.count(V.Name))
        continue; // an initializer listed as an input (IR < 4)
      if (!V.Shape) {
        Cost.InputShapes.push_back(V.Name + "[shape not declared]");
        continue;
      }
      std::optional<Shape> S = resolve(*V.Shape, /*Record=*/true);
      if (S && plausible(*S)) {
        Shapes[V.Name] = *S;
        Cost.InputShapes.push_back(V.Name + shapeText(*S));
      }
    }
    for (const auto *List : {&G.ValueInfos, &G.Outputs})
      for (const ValueInfo &V : *List)
        if (V.Shape)
          if (std::optional<Shape> S = resolve(*V.Shape, /*Record=*/false))
            Declared[V.Name] = *S;
  }

  const Shape *shape(const Node &N, size_t I) {
    if (I >= N.Inputs.size() || N.Inputs[I].empty())
      return nullptr;
    auto It = Shapes.find(N.Inputs[I]);
    return It == Shapes.end() ? nullptr : &It->second;
  }
  bool hasInput(const Node &N, size_t I) {
    return I < N.Inputs.size() && !N.Inputs[I].empty();
  }
  const Ints *constant(const Node &N, size_t I) {
    if (!hasInput(N, I))
      return nullptr;
    auto It = Consts.find(N.Inputs[I]);
    return It == Consts.end() ? nullptr : &It->second;
  }
  void setShape(const Node &N, size_t I, Shape S) {
    if (I < N.Outputs.size() && !N.Outputs[I].empty() && plausible(S))
      Shapes[N.Outputs[I]] = std::move(S);
  }
  void setConst(const Node &N, Ints V) {
    if (!N.Outputs.empty() && !N.Outputs[0].empty())
      Consts[N.Outputs[0]] = std::move(V);
  }
  /// Axes from the attribute (older opsets) or the given input (newer).
  std::optional<Ints> axesOf(const Node &N, size_t Input,
                             const char *Attr = "axes") {
    if (const Attribute *A = N.attribute(Attr))
      return A->Ints;
    if (!hasInput(N, Input))
      return Ints();
    if (const Ints *C = constant(N, Input))
      return *C;
    return std::nullopt;
  }

  static std::string missingShape(const Node &N) {
    return "the shape of an input of " +
           (N.Name.empty() ? "'" + N.OpType + "'" : "node '" + N.Name + "'") +
           " is not known (not declared and not inferred)";
  }

  Outcome visit(const Node &N) {
    if (!N.Domain.empty() && N.Domain != "ai.onnx" &&
        N.Domain != "com.microsoft")
      return Outcome::notCounted("custom operator of domain '" + N.Domain +
                                 "'");
    llvm::StringRef Op = N.OpType;
    bool Microsoft = N.Domain == "com.microsoft";
    if (Microsoft && Op == "Attention")
      return packedAttention(N);
    if (Microsoft && Op == "MultiHeadAttention")
      return multiHeadAttention(N);
    if (Microsoft && !Unary.count(Op) && !Binary.count(Op) &&
        !StatNorms.count(Op))
      return Outcome::notCounted("no formula for this com.microsoft op");
    if (Op == "Conv")
      return conv(N);
    if (Op == "ConvTranspose")
      return convTranspose(N);
    if (Op == "Gemm")
      return gemm(N);
    if (Op == "MatMul")
      return matMul(N);
    if (Op == "Attention")
      return attention(N);
    if (Unary.count(Op) || SameShape.count(Op)) {
      const Shape *X = shape(N, 0);
      if (!X)
        return Outcome::notCounted(missingShape(N));
      setShape(N, 0, *X);
      if (SameShape.count(Op)) {
        if (const Ints *C = constant(N, 0))
          setConst(N, *C);
        if (Op == "Dropout")
          setShape(N, 1, *X); // the mask
        return Outcome::flops(0);
      }
      return Outcome::flops(elements(*X));
    }
    if (Binary.count(Op) || Variadic.count(Op) || Op == "Where")
      return elementwise(N);
    if (Op == "Softmax" || Op == "LogSoftmax") {
      const Shape *X = shape(N, 0);
      if (!X)
        return Outcome::notCounted(missingShape(N));
      setShape(N, 0, *X);
      return Outcome::flops(3 * elements(*X));
    }
    if (Op == "BatchNormalization" || StatNorms.count(Op)) {
      const Shape *X = shape(N, 0);
      if (!X)
        return Outcome::notCounted(missingShape(N));
      setShape(N, 0, *X);
      double PerElement = Op == "BatchNormalization" ? 2 : 7;
      // SkipLayerNormalization adds the skip input first.
      if (Op == "SkipLayerNormalization")
        PerElement += 1;
      return Outcome::flops(PerElement * elements(*X));
    }
    if (Op == "MaxPool" || Op == "AveragePool" || Op == "LpPool")
      return pool(N);
    if (Op == "GlobalAveragePool" || Op == "GlobalMaxPool" ||
        Op == "GlobalLpPool") {
      const Shape *X = shape(N, 0);
      if (!X || X->size() < 2)
        return Outcome::notCounted(missingShape(N));
      Shape Y = *X;
      std::fill(Y.begin() + 2, Y.end(), 1);
      setShape(N, 0, Y);
      return Outcome::flops(elements(*X));
    }
    if (Reductions.count(Op))
      return reduction(N);
    if (DataMovement.count(Op)) {
      dataMovement(N);
      return Outcome::flops(0);
    }
    return Outcome::notCounted("no formula for this op");
  }

  Outcome elementwise(const Node &N) {
    std::optional<Shape> Out;
    size_t Operands = 0;
    for (size_t I = 0; I < N.Inputs.size(); ++I) {
      if (!hasInput(N, I))
        continue;
      const Shape *S = shape(N, I);
      if (!S)
        return Outcome::notCounted(missingShape(N));
      Out = Out ? broadcast(*Out, *S) : *S;
      if (!Out)
        return Outcome::notCounted("input shapes do not broadcast");
      ++Operands;
    }
    if (!Out)
      return Outcome::notCounted(missingShape(N));
    setShape(N, 0, *Out);
    foldArithmetic(N);
    // An n-ary Sum/Max/Mean takes n-1 operations per element; Where one.
    double PerElement = N.OpType == "Where" ? 1.0
                        : Variadic.count(N.OpType)
                            ? double(Operands > 1 ? Operands - 1 : 1)
                            : 1.0;
    return Outcome::flops(PerElement * elements(*Out));
  }

  /// Shape arithmetic (x.size(0) * 2) on constants stays constant.
  void foldArithmetic(const Node &N) {
    if (N.Inputs.size() != 2)
      return;
    const Ints *A = constant(N, 0), *B = constant(N, 1);
    if (!A || !B ||
        (A->size() != B->size() && A->size() != 1 && B->size() != 1))
      return;
    size_t Len = std::max(A->size(), B->size());
    Ints Out;
    for (size_t I = 0; I < Len; ++I) {
      int64_t X = (*A)[A->size() == 1 ? 0 : I];
      int64_t Y = (*B)[B->size() == 1 ? 0 : I];
      int64_t R = 0;
      bool Overflow = false;
      if (N.OpType == "Add")
        Overflow = __builtin_add_overflow(X, Y, &R);
      else if (N.OpType == "Sub")
        Overflow = __builtin_sub_overflow(X, Y, &R);
      else if (N.OpType == "Mul")
        Overflow = __builtin_mul_overflow(X, Y, &R);
      else if (N.OpType == "Div" && Y != 0 && !(Y == -1 && X == INT64_MIN))
        R = X / Y;
      else
        return;
      if (Overflow)
        return;
      Out.push_back(R);
    }
    setConst(N, Out);
  }

  /// Output spatial sizes of a convolution or pooling window.
  std::optional<Shape> windowOutput(const Node &N, const Shape &X,
                                    const Shape &Kernel, bool CeilMode,
                                    std::string &Why) {
    size_t Spatial = Kernel.size();
    Ints Strides = N.intsAttribute("strides");
    Ints Dilations = N.intsAttribute("dilations");
    Ints Pads = N.intsAttribute("pads");
    std::string AutoPad = N.stringAttribute("auto_pad");
    if (!plausibleValues(Strides) || !plausibleValues(Dilations) ||
        !plausibleValues(Pads) || !plausibleValues(Kernel)) {
      Why = "a stride, dilation, pad or kernel size is out of range";
      return std::nullopt;
    }
    if ((!Strides.empty() && Strides.size() != Spatial) ||
        (!Dilations.empty() && Dilations.size() != Spatial) ||
        (!Pads.empty() && Pads.size() != 2 * Spatial)) {
      Why = "strides, dilations or pads do not match the kernel's rank";
      return std::nullopt;
    }
    Shape Out;
    for (size_t I = 0; I < Spatial; ++I) {
      int64_t In = X[2 + I];
      int64_t S = Strides.empty() ? 1 : Strides[I];
      int64_t D = Dilations.empty() ? 1 : Dilations[I];
      if (S <= 0 || D <= 0 || Kernel[I] <= 0) {
        Why = "a stride, dilation or kernel size is not positive";
        return std::nullopt;
      }
      int64_t Effective = D * (Kernel[I] - 1) + 1;
      int64_t O;
      if (AutoPad == "SAME_UPPER" || AutoPad == "SAME_LOWER") {
        O = (In + S - 1) / S;
      } else {
        int64_t Padded = In - Effective;
        if (AutoPad != "VALID" && !Pads.empty())
          Padded += Pads[I] + Pads[Spatial + I];
        if (Padded < 0) {
          Why = "the window is larger than the padded input";
          return std::nullopt;
        }
        O = (CeilMode ? (Padded + S - 1) / S : Padded / S) + 1;
      }
      Out.push_back(O);
    }
    return Out;
  }

  Outcome conv(const Node &N) {
    const Shape *X = shape(N, 0), *W = shape(N, 1);
    if (!X || !W)
      return Outcome::notCounted(missingShape(N));
    if (X->size() < 3 || W->size() != X->size())
      return Outcome::notCounted("input and weight ranks do not fit a "
                                 "convolution");
    int64_t Group = N.intAttribute("group", 1);
    Shape Kernel(W->begin() + 2, W->end());
    if (Ints K = N.intsAttribute("kernel_shape"); !K.empty())
      Kernel = K;
    if (Group <= 0 || (*X)[1] % Group || (*X)[1] / Group != (*W)[1] ||
        Kernel.size() != X->size() - 2)
      return Outcome::notCounted("input channels, group and weight shape "
                                 "disagree");
    std::string Why;
    std::optional<Shape> Spatial = windowOutput(N, *X, Kernel, false, Why);
    if (!Spatial)
      return Outcome::notCounted(Why);
    Shape Y = {(*X)[0], (*W)[0]};
    Y.insert(Y.end(), Spatial->begin(), Spatial->end());
    setShape(N, 0, Y);
    // Each output element: (C/group) x prod(kernel) multiply-accumulates.
    double Macs = elements(Y) * double((*W)[1]) * elements(Kernel);
    double Bias = hasInput(N, 2) ? elements(Y) : 0;
    return Outcome::flops(2 * Macs + Bias);
  }

  Outcome convTranspose(const Node &N) {
    const Shape *X = shape(N, 0), *W = shape(N, 1);
    if (!X || !W)
      return Outcome::notCounted(missingShape(N));
    if (X->size() < 3 || W->size() != X->size() || (*W)[0] != (*X)[1])
      return Outcome::notCounted("input and weight shapes do not fit a "
                                 "transposed convolution");
    int64_t Group = N.intAttribute("group", 1);
    if (Group <= 0)
      return Outcome::notCounted("group is not positive");
    size_t Spatial = X->size() - 2;
    Shape Kernel(W->begin() + 2, W->end());
    Ints Strides = N.intsAttribute("strides"), Pads = N.intsAttribute("pads");
    Ints Dilations = N.intsAttribute("dilations");
    Ints OutPad = N.intsAttribute("output_padding");
    Ints OutShape = N.intsAttribute("output_shape");
    for (const Ints *A : {&Strides, &Pads, &Dilations, &OutPad, &OutShape})
      if (!plausibleValues(*A))
        return Outcome::notCounted("an attribute is out of range");
    if (Group > MaxDimension)
      return Outcome::notCounted("group is out of range");
    Shape Y = {(*X)[0], (*W)[1] * Group};
    for (size_t I = 0; I < Spatial; ++I) {
      if (OutShape.size() == Spatial) {
        Y.push_back(OutShape[I]);
        continue;
      }
      int64_t S = Strides.size() == Spatial ? Strides[I] : 1;
      int64_t D = Dilations.size() == Spatial ? Dilations[I] : 1;
      int64_t P = Pads.size() == 2 * Spatial ? Pads[I] + Pads[Spatial + I] : 0;
      int64_t OP = OutPad.size() == Spatial ? OutPad[I] : 0;
      Y.push_back(S * ((*X)[2 + I] - 1) + OP + (Kernel[I] - 1) * D + 1 - P);
    }
    setShape(N, 0, Y);
    // Every input element scatters into (M/group) x prod(kernel) outputs.
    double Macs = elements(*X) * double((*W)[1]) * elements(Kernel);
    double Bias = hasInput(N, 2) ? elements(Y) : 0;
    return Outcome::flops(2 * Macs + Bias);
  }

  Outcome gemm(const Node &N) {
    const Shape *A = shape(N, 0), *B = shape(N, 1);
    if (!A || !B)
      return Outcome::notCounted(missingShape(N));
    if (A->size() != 2 || B->size() != 2)
      return Outcome::notCounted("Gemm's inputs are not matrices");
    bool TA = N.intAttribute("transA", 0), TB = N.intAttribute("transB", 0);
    int64_t M = TA ? (*A)[1] : (*A)[0], K = TA ? (*A)[0] : (*A)[1];
    int64_t K2 = TB ? (*B)[1] : (*B)[0], Cols = TB ? (*B)[0] : (*B)[1];
    if (K != K2)
      return Outcome::notCounted("Gemm's inner dimensions differ");
    setShape(N, 0, {M, Cols});
    double Bias = hasInput(N, 2) ? double(M) * double(Cols) : 0;
    return Outcome::flops(2 * double(M) * double(Cols) * double(K) + Bias);
  }

  Outcome matMul(const Node &N) {
    const Shape *PA = shape(N, 0), *PB = shape(N, 1);
    if (!PA || !PB)
      return Outcome::notCounted(missingShape(N));
    Shape A = *PA, B = *PB;
    if (A.empty() || B.empty())
      return Outcome::notCounted("MatMul of a scalar");
    // NumPy: a vector is a 1 x K row on the left, a K x 1 column on the
    // right, and the added dimension is dropped from the result.
    bool RowVector = A.size() == 1, ColVector = B.size() == 1;
    if (RowVector)
      A.insert(A.begin(), 1);
    if (ColVector)
      B.push_back(1);
    int64_t M = A[A.size() - 2], K = A.back(), K2 = B[B.size() - 2],
            Cols = B.back();
    if (K != K2)
      return Outcome::notCounted("MatMul's inner dimensions differ");
    std::optional<Shape> Batch =
        broadcast(Shape(A.begin(), A.end() - 2), Shape(B.begin(), B.end() - 2));
    if (!Batch)
      return Outcome::notCounted("MatMul's batch dimensions do not broadcast");
    Shape Y = *Batch;
    if (!RowVector)
      Y.push_back(M);
    if (!ColVector)
      Y.push_back(Cols);
    setShape(N, 0, Y);
    return Outcome::flops(2 * elements(*Batch) * double(M) * double(Cols) *
                          double(K));
  }

  /// Scores (Q x K^T), softmax and context (P x V) of B x H heads with
  /// S queries and L keys: 2·B·H·S·L·dk + 3·B·H·S·L + 2·B·H·S·L·dv.
  static double attentionCore(double B, double H, double S, double L, double Dk,
                              double Dv) {
    return 2 * B * H * S * L * Dk + 3 * B * H * S * L + 2 * B * H * S * L * Dv;
  }

  /// com.microsoft Attention: the QKV projection and attention over the
  /// sequence, without an output projection.
  Outcome packedAttention(const Node &N) {
    const Shape *X = shape(N, 0), *W = shape(N, 1);
    if (!X || !W)
      return Outcome::notCounted(missingShape(N));
    if (hasInput(N, 4))
      return Outcome::notCounted("attention with a past key/value state");
    int64_t Heads = N.intAttribute("num_heads", 0);
    if (X->size() != 3 || W->size() != 2 || (*W)[0] != (*X)[2] || Heads <= 0)
      return Outcome::notCounted("input, weights or num_heads do not fit "
                                 "Attention");
    Ints Sizes = N.intsAttribute("qkv_hidden_sizes");
    int64_t Total = (*W)[1];
    if (Sizes.empty())
      Sizes = {Total / 3, Total / 3, Total / 3};
    if (Sizes.size() != 3 || !plausibleValues(Sizes) ||
        Sizes[0] + Sizes[1] + Sizes[2] != Total || Sizes[0] % Heads ||
        Sizes[2] % Heads)
      return Outcome::notCounted("qkv_hidden_sizes do not fit the weights");
    double B = double((*X)[0]), S = double((*X)[1]), In = double((*X)[2]);
    double Projection = 2 * B * S * In * double(Total);
    double Bias = hasInput(N, 2) ? B * S * double(Total) : 0;
    // Divisible by the heads, checked above.
    int64_t Dk = Sizes[0] / Heads, Dv = Sizes[2] / Heads;
    double Core = attentionCore(B, double(Heads), S, S, double(Dk), double(Dv));
    setShape(N, 0, {(*X)[0], (*X)[1], Sizes[2]});
    return Outcome::flops(Projection + Bias + Core);
  }

  /// com.microsoft MultiHeadAttention with separate, projected Q, K, V of
  /// shape (batch, sequence, hidden).
  Outcome multiHeadAttention(const Node &N) {
    const Shape *Q = shape(N, 0), *K = shape(N, 1), *V = shape(N, 2);
    int64_t Heads = N.intAttribute("num_heads", 0);
    if (!Q || !K || !V)
      return Outcome::notCounted(
          hasInput(N, 1) ? missingShape(N)
                         : "packed query/key/value (no separate key input)");
    if (Q->size() != 3 || K->size() != 3 || V->size() != 3 || Heads <= 0 ||
        (*Q)[2] % Heads || (*V)[2] % Heads || (*Q)[2] != (*K)[2])
      return Outcome::notCounted("query, key, value or num_heads do not fit "
                                 "(batch, sequence, hidden) attention");
    double B = double((*Q)[0]), S = double((*Q)[1]), L = double((*K)[1]);
    double Bias = hasInput(N, 3) ? B * S * double((*Q)[2]) +
                                       B * L * double((*K)[2] + (*V)[2])
                                 : 0;
    setShape(N, 0, {(*Q)[0], (*Q)[1], (*V)[2]});
    int64_t Dk = (*Q)[2] / Heads, Dv = (*V)[2] / Heads;
    return Outcome::flops(
        Bias + attentionCore(B, double(Heads), S, L, double(Dk), double(Dv)));
  }

  /// ai.onnx Attention (opset 23): Q, K, V as (B, H, S, d) or (B, S, H·d).
  Outcome attention(const Node &N) {
    const Shape *Q = shape(N, 0), *K = shape(N, 1), *V = shape(N, 2);
    if (!Q || !K || !V)
      return Outcome::notCounted(missingShape(N));
    if (hasInput(N, 4))
      return Outcome::notCounted("attention with a past key/value state");
    if (Q->size() == 4 && K->size() == 4 && V->size() == 4) {
      setShape(N, 0, {(*Q)[0], (*Q)[1], (*Q)[2], (*V)[3]});
      return Outcome::flops(attentionCore(double((*Q)[0]), double((*Q)[1]),
                                          double((*Q)[2]), double((*K)[2]),
                                          double((*Q)[3]), double((*V)[3])));
    }
    int64_t QHeads = N.intAttribute("q_num_heads", 0);
    int64_t KvHeads = N.intAttribute("kv_num_heads", 0);
    if (Q->size() != 3 || K->size() != 3 || V->size() != 3 || QHeads <= 0 ||
        KvHeads <= 0 || QHeads > MaxDimension || (*Q)[2] % QHeads ||
        (*V)[2] % KvHeads)
      return Outcome::notCounted("query, key, value or head counts do not "
                                 "fit Attention");
    int64_t Dk = (*Q)[2] / QHeads, Dv = (*V)[2] / KvHeads;
    setShape(N, 0, {(*Q)[0], (*Q)[1], QHeads * Dv});
    return Outcome::flops(attentionCore(double((*Q)[0]), double(QHeads),
                                        double((*Q)[1]), double((*K)[1]),
                                        double(Dk), double(Dv)));
  }

  Outcome pool(const Node &N) {
    const Shape *X = shape(N, 0);
    if (!X)
      return Outcome::notCounted(missingShape(N));
    Ints Kernel = N.intsAttribute("kernel_shape");
    if (X->size() < 3 || Kernel.size() != X->size() - 2)
      return Outcome::notCounted("kernel_shape does not match the input");
    std::string Why;
    std::optional<Shape> Spatial =
        windowOutput(N, *X, Kernel, N.intAttribute("ceil_mode", 0), Why);
    if (!Spatial)
      return Outcome::notCounted(Why);
    Shape Y = {(*X)[0], (*X)[1]};
    Y.insert(Y.end(), Spatial->begin(), Spatial->end());
    setShape(N, 0, Y);
    setShape(N, 1, Y); // MaxPool's indices
    return Outcome::flops(elements(Y) * elements(Kernel));
  }

  Outcome reduction(const Node &N) {
    const Shape *X = shape(N, 0);
    if (!X)
      return Outcome::notCounted(missingShape(N));
    double Flops = elements(*X);
    bool Arg = N.OpType == "ArgMax" || N.OpType == "ArgMin";
    bool Keep = N.intAttribute("keepdims", 1);
    std::optional<Ints> Axes;
    if (Arg)
      Axes = Ints{N.intAttribute("axis", 0)};
    else
      Axes = axesOf(N, 1);
    if (!Axes) {
      // The cost is known; only the output's shape is not.
      return Outcome::flops(Flops);
    }
    if (Axes->empty() && !N.intAttribute("noop_with_empty_axes", 0))
      for (size_t I = 0; I < X->size(); ++I)
        Axes->push_back(int64_t(I));
    std::vector<bool> Reduced(X->size(), false);
    for (int64_t A : *Axes)
      if (auto I = axis(A, X->size()))
        Reduced[*I] = true;
    Shape Y;
    for (size_t I = 0; I < X->size(); ++I)
      if (!Reduced[I])
        Y.push_back((*X)[I]);
      else if (Keep)
        Y.push_back(1);
    setShape(N, 0, Y);
    return Outcome::flops(Flops);
  }

  /// Output shapes (and folded constants) of the data-movement ops.
  void dataMovement(const Node &N) {
    llvm::StringRef Op = N.OpType;
    const Shape *X = shape(N, 0);
    if (Op == "Constant") {
      if (const Attribute *A = N.attribute("value"); A && A->T) {
        setShape(N, 0, A->T->Dims);
        if (A->T->HasInts)
          setConst(N, A->T->Ints);
      } else if (const Attribute *A = N.attribute("value_ints")) {
        setShape(N, 0, {int64_t(A->Ints.size())});
        setConst(N, A->Ints);
      } else if (const Attribute *A = N.attribute("value_int"); A && A->I) {
        setShape(N, 0, {});
        setConst(N, {*A->I});
      }
      return;
    }
    if (Op == "ConstantOfShape") {
      if (const Ints *C = constant(N, 0))
        setShape(N, 0, *C);
      return;
    }
    if (!X)
      return;
    if (Op == "Shape") {
      int64_t R = int64_t(X->size());
      int64_t Start = N.intAttribute("start", 0),
              End = N.intAttribute("end", R);
      Start = std::clamp(Start < 0 ? Start + R : Start, int64_t(0), R);
      End = std::clamp(End < 0 ? End + R : End, int64_t(0), R);
      Ints V(X->begin() + Start, X->begin() + std::max(Start, End));
      setShape(N, 0, {int64_t(V.size())});
      setConst(N, V);
    } else if (Op == "Size") {
      setShape(N, 0, {});
      setConst(N, {int64_t(elements(*X))});
    } else if (Op == "Reshape") {
      reshape(N, *X);
    } else if (Op == "Flatten") {
      int64_t A = N.intAttribute("axis", 1);
      int64_t R = int64_t(X->size());
      if (A < 0)
        A += R;
      if (A < 0 || A > R)
        return;
      double Outer = elements(Shape(X->begin(), X->begin() + A));
      setShape(N, 0, {int64_t(Outer), int64_t(elements(*X) / Outer)});
    } else if (Op == "Transpose") {
      Ints Perm = N.intsAttribute("perm");
      if (Perm.empty())
        for (size_t I = X->size(); I-- > 0;)
          Perm.push_back(int64_t(I));
      if (Perm.size() != X->size())
        return;
      Shape Y;
      for (int64_t P : Perm) {
        auto I = axis(P, X->size());
        if (!I)
          return;
        Y.push_back((*X)[*I]);
      }
      setShape(N, 0, Y);
    } else if (Op == "Squeeze") {
      squeeze(N, *X);
    } else if (Op == "Unsqueeze") {
      unsqueeze(N, *X);
    } else if (Op == "Concat") {
      concat(N, *X);
    } else if (Op == "Gather") {
      gather(N, *X);
    } else if (Op == "Slice") {
      slice(N, *X);
    } else if (Op == "Split") {
      split(N, *X);
    } else if (Op == "Expand") {
      if (const Ints *C = constant(N, 1))
        if (auto Y = broadcast(*X, *C))
          setShape(N, 0, *Y);
    } else if (Op == "Tile") {
      const Ints *R = constant(N, 1);
      if (!R || R->size() != X->size() || !plausibleValues(*R))
        return;
      Shape Y = *X;
      for (size_t I = 0; I < Y.size(); ++I)
        if (__builtin_mul_overflow(Y[I], (*R)[I], &Y[I]))
          return;
      setShape(N, 0, Y);
    } else if (Op == "Pad") {
      std::optional<Ints> Pads;
      if (Opset < 11)
        Pads = N.intsAttribute("pads");
      else if (const Ints *C = constant(N, 1); C && !hasInput(N, 3))
        Pads = *C;
      if (!Pads || Pads->size() != 2 * X->size() || !plausibleValues(*Pads))
        return;
      Shape Y = *X;
      for (size_t I = 0; I < Y.size(); ++I)
        Y[I] += (*Pads)[I] + (*Pads)[Y.size() + I];
      setShape(N, 0, Y);
    } else if (Op == "GatherElements") {
      if (const Shape *I = shape(N, 1))
        setShape(N, 0, *I);
    }
    // GatherND, DepthToSpace, SpaceToDepth, Range: no output shape; ops
    // downstream that need it say so.
  }

  void reshape(const Node &N, const Shape &X) {
    const Ints *Target = constant(N, 1);
    if (!Target)
      return;
    bool AllowZero = N.intAttribute("allowzero", 0);
    Shape Y;
    int Infer = -1;
    double Known = 1;
    for (size_t I = 0; I < Target->size(); ++I) {
      int64_t D = (*Target)[I];
      if (D == 0 && !AllowZero) {
        if (I >= X.size())
          return;
        D = X[I];
      }
      if (D == -1) {
        if (Infer >= 0)
          return;
        Infer = int(I);
        Y.push_back(1);
        continue;
      }
      if (D < 0)
        return;
      Known *= double(D);
      Y.push_back(D);
    }
    double Total = elements(X);
    if (Infer >= 0) {
      if (Known == 0 || std::fmod(Total, Known) != 0)
        return;
      Y[size_t(Infer)] = int64_t(Total / Known);
    } else if (Known != Total) {
      return;
    }
    setShape(N, 0, Y);
  }

  void squeeze(const Node &N, const Shape &X) {
    std::optional<Ints> Axes = axesOf(N, 1);
    if (!Axes)
      return;
    std::vector<bool> Drop(X.size(), false);
    if (Axes->empty())
      for (size_t I = 0; I < X.size(); ++I)
        Drop[I] = X[I] == 1;
    for (int64_t A : *Axes)
      if (auto I = axis(A, X.size()))
        Drop[*I] = true;
    Shape Y;
    for (size_t I = 0; I < X.size(); ++I)
      if (!Drop[I])
        Y.push_back(X[I]);
    setShape(N, 0, Y);
    if (const Ints *C = constant(N, 0))
      setConst(N, *C);
  }

  void unsqueeze(const Node &N, const Shape &X) {
    std::optional<Ints> Axes = axesOf(N, 1);
    if (!Axes || Axes->empty())
      return;
    size_t Rank = X.size() + Axes->size();
    std::vector<bool> Inserted(Rank, false);
    for (int64_t A : *Axes) {
      auto I = axis(A, Rank);
      if (!I || Inserted[*I])
        return;
      Inserted[*I] = true;
    }
    Shape Y;
    size_t Next = 0;
    for (size_t I = 0; I < Rank; ++I)
      Y.push_back(Inserted[I] ? 1 : X[Next++]);
    setShape(N, 0, Y);
    if (const Ints *C = constant(N, 0))
      setConst(N, *C);
  }

  void concat(const Node &N, const Shape &First) {
    auto A = axis(N.intAttribute("axis", 0), First.size());
    if (!A)
      return;
    Shape Y = First;
    Y[*A] = 0;
    Ints Values;
    bool AllConst = true;
    for (size_t I = 0; I < N.Inputs.size(); ++I) {
      const Shape *S = shape(N, I);
      if (!S || S->size() != First.size())
        return;
      Y[*A] += (*S)[*A];
      if (const Ints *C = constant(N, I))
        Values.insert(Values.end(), C->begin(), C->end());
      else
        AllConst = false;
    }
    setShape(N, 0, Y);
    if (AllConst && First.size() == 1)
      setConst(N, Values);
  }

  void gather(const Node &N, const Shape &X) {
    const Shape *Indices = shape(N, 1);
    auto A = axis(N.intAttribute("axis", 0), X.size());
    if (!Indices || !A)
      return;
    Shape Y(X.begin(), X.begin() + *A);
    Y.insert(Y.end(), Indices->begin(), Indices->end());
    Y.insert(Y.end(), X.begin() + *A + 1, X.end());
    setShape(N, 0, Y);
    const Ints *Data = constant(N, 0), *Idx = constant(N, 1);
    if (Data && Idx && X.size() == 1) {
      Ints V;
      for (int64_t I : *Idx) {
        int64_t J = I < 0 ? I + int64_t(Data->size()) : I;
        if (J < 0 || J >= int64_t(Data->size()))
          return;
        V.push_back((*Data)[size_t(J)]);
      }
      setConst(N, V);
    }
  }

  void slice(const Node &N, const Shape &X) {
    std::optional<Ints> Starts, Ends, Axes, Steps;
    if (Opset < 10) {
      Starts = N.intsAttribute("starts");
      Ends = N.intsAttribute("ends");
      Axes = N.intsAttribute("axes");
      Steps = Ints();
    } else {
      const Ints *S = constant(N, 1), *E = constant(N, 2);
      if (!S || !E)
        return;
      Starts = *S;
      Ends = *E;
      Axes = hasInput(N, 3) ? std::optional<Ints>() : Ints();
      if (const Ints *C = constant(N, 3))
        Axes = *C;
      Steps = hasInput(N, 4) ? std::optional<Ints>() : Ints();
      if (const Ints *C = constant(N, 4))
        Steps = *C;
    }
    if (!Axes || !Steps || Starts->size() != Ends->size())
      return;
    if (Axes->empty())
      for (size_t I = 0; I < Starts->size(); ++I)
        Axes->push_back(int64_t(I));
    if (Axes->size() != Starts->size() ||
        (!Steps->empty() && Steps->size() != Starts->size()))
      return;
    Shape Y = X;
    for (size_t I = 0; I < Axes->size(); ++I) {
      auto A = axis((*Axes)[I], X.size());
      // A step beyond any dimension takes one element, as the largest does.
      int64_t Step = std::clamp(Steps->empty() ? int64_t(1) : (*Steps)[I],
                                -MaxDimension, MaxDimension);
      if (!A || Step == 0)
        return;
      int64_t D = X[*A], S = (*Starts)[I], E = (*Ends)[I];
      if (S < 0)
        S = S < -D ? 0 : S + D;
      if (E < 0)
        E = E < -D ? -1 : E + D;
      int64_t Len;
      if (Step > 0) {
        S = std::min(S, D);
        E = std::clamp(E, int64_t(0), D);
        Len = E > S ? (E - S + Step - 1) / Step : 0;
      } else {
        S = std::min(S, D - 1);
        E = std::min(E, D - 1);
        Len = S > E ? (S - E + (-Step) - 1) / (-Step) : 0;
      }
      Y[*A] = Len;
    }
    setShape(N, 0, Y);
  }

  void split(const Node &N, const Shape &X) {
    auto A = axis(N.intAttribute("axis", 0), X.size());
    if (!A)
      return;
    Ints Sizes = N.intsAttribute("split");
    if (const Ints *C = constant(N, 1))
      Sizes = *C;
    size_t Outs = N.Outputs.size();
    if (Sizes.empty() && Outs) {
      // Equal parts; the last is smaller when they do not divide (opset 18).
      int64_t Part = (X[*A] + int64_t(Outs) - 1) / int64_t(Outs);
      for (size_t I = 0; I < Outs; ++I)
        Sizes.push_back(std::min(Part, X[*A] - Part * int64_t(I)));
    }
    if (Sizes.size() != Outs)
      return;
    for (size_t I = 0; I < Outs; ++I) {
      Shape Y = X;
      Y[*A] = Sizes[I];
      setShape(N, I, Y);
    }
  }
};

} // namespace

GraphCost countGraph(const Graph &G, const std::map<std::string, int64_t> &Dims,
                     int64_t Opset) {
  return Walker(G, Dims, Opset).run();
}

} // namespace onnx
} // namespace estimate
} // namespace greenlint
