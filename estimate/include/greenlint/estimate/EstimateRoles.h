//===- EstimateRoles.h - API roles the static estimates read ----*- C++ -*-===//
//
// Which framework classes are which kind of layer lives in rules/apis/*.yaml
// under these roles; the formulas that size each kind are in LayerCost.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_ESTIMATEROLES_H
#define GREENLINT_RULES_ESTIMATE_ESTIMATEROLES_H

#include "llvm/ADT/StringRef.h"
#include <vector>

namespace greenlint {
namespace estimate {
namespace roles {
/// The module base class (torch::nn::Module) and the handle that owns a
/// module implementation (torch::nn::ModuleHolder<Impl>).
inline constexpr llvm::StringLiteral ModuleBase{"module-base"};
inline constexpr llvm::StringLiteral ModuleHolder{"module-holder"};
/// register_module(name, module) and register_parameter(name, tensor).
inline constexpr llvm::StringLiteral ModuleRegistration{"module-registration"};
inline constexpr llvm::StringLiteral ParameterRegistration{
    "parameter-registration"};
/// Appending a layer to a Sequential (push_back), read in the constructor
/// of a class derived from one.
inline constexpr llvm::StringLiteral ModuleAppend{"module-append"};
/// Tensor factories whose argument 0 is the shape.
inline constexpr llvm::StringLiteral ShapedFactory{"shaped-tensor-factory"};
/// Containers whose constructor arguments are their layers, in order.
inline constexpr llvm::StringLiteral LayerSequence{"layer-sequence"};
inline constexpr llvm::StringLiteral LayerLinear{"layer-linear"};
inline constexpr llvm::StringLiteral LayerConv{"layer-conv"};
inline constexpr llvm::StringLiteral LayerEmbedding{"layer-embedding"};
inline constexpr llvm::StringLiteral LayerRnn{"layer-rnn"};
inline constexpr llvm::StringLiteral LayerGru{"layer-gru"};
inline constexpr llvm::StringLiteral LayerLstm{"layer-lstm"};
inline constexpr llvm::StringLiteral LayerAttention{"layer-attention"};
inline constexpr llvm::StringLiteral LayerBatchNorm{"layer-batchnorm"};
inline constexpr llvm::StringLiteral LayerLayerNorm{"layer-layernorm"};
/// Pooling layers: no parameters, but they shrink the spatial size.
inline constexpr llvm::StringLiteral LayerPooling{"layer-pooling"};
inline constexpr llvm::StringLiteral LayerFlatten{"layer-flatten"};
/// No parameters, but a shape greenlint does not follow (adaptive pooling).
inline constexpr llvm::StringLiteral LayerReshaping{"layer-reshaping"};
/// Activations, dropout, identity: no parameters, shape unchanged.
inline constexpr llvm::StringLiteral LayerParameterFree{"layer-parameter-free"};
/// What forward() does to a tensor between layers: ops that keep its shape
/// (activations, dropout, softmax), pooling functions (input, kernel,
/// stride, padding), flattening, and reshapes whose argument 0 lists sizes.
inline constexpr llvm::StringLiteral ShapePreservingOp{"shape-preserving-op"};
inline constexpr llvm::StringLiteral PoolingOp{"pooling-op"};
inline constexpr llvm::StringLiteral FlattenOp{"flatten-op"};
inline constexpr llvm::StringLiteral ReshapeOp{"reshape-op"};
/// Weight dtypes by size (c10::ScalarType enumerators); float64 is the
/// model-float64 rule's role.
inline constexpr llvm::StringLiteral DtypeFloat64{"float64-dtype"};
inline constexpr llvm::StringLiteral DtypeFloat32{"float32-dtype"};
inline constexpr llvm::StringLiteral DtypeFloat16{"float16-dtype"};
inline constexpr llvm::StringLiteral DtypeBFloat16{"bfloat16-dtype"};
/// Calls that convert a module's parameters (Module::to).
inline constexpr llvm::StringLiteral ModuleConversion{"module-conversion"};
/// XGBoost: setting a booster parameter by name, and one boosting round.
inline constexpr llvm::StringLiteral BoosterParameter{"booster-parameter"};
inline constexpr llvm::StringLiteral BoosterRound{"booster-round"};
/// dlib: the layer templates a network type is made of.
inline constexpr llvm::StringLiteral DlibLossLayer{"dlib-loss-layer"};
inline constexpr llvm::StringLiteral DlibLayer{"dlib-layer"};
inline constexpr llvm::StringLiteral DlibFc{"dlib-fc"};
inline constexpr llvm::StringLiteral DlibConv{"dlib-conv"};
inline constexpr llvm::StringLiteral DlibPooling{"dlib-pooling"};
inline constexpr llvm::StringLiteral DlibBatchNorm{"dlib-batchnorm"};
inline constexpr llvm::StringLiteral DlibParameterFree{"dlib-parameter-free"};
inline constexpr llvm::StringLiteral DlibInput{"dlib-input"};
inline constexpr llvm::StringLiteral DlibRgbInput{"dlib-rgb-input"};
inline constexpr llvm::StringLiteral DlibColorPixel{"dlib-color-pixel"};
/// llama.cpp: loading a model from a GGUF file (argument 0 is the path).
inline constexpr llvm::StringLiteral LlmWeightsLoad{"llm-weights-load"};
} // namespace roles

/// Every role above, for the data files' validation.
const std::vector<const char *> &estimateRoles();

} // namespace estimate
} // namespace greenlint

#endif
