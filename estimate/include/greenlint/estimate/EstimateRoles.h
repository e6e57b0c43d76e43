//===- EstimateRoles.h - API roles the static estimates read ----*- C++ -*-===//
//
// Which framework classes are which kind of layer lives in rules/apis/*.yaml
// under these roles; the formulas that size each kind are in LayerCost.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_ESTIMATEROLES_H
#define GREENLINT_RULES_ESTIMATE_ESTIMATEROLES_H

#include "greenlint/apis/ApiRoles.h"
#include "llvm/ADT/StringRef.h"
#include <vector>

namespace greenlint {
namespace estimate {
namespace roles {
/// The module base class (torch::nn::Module) and the handle that owns a
/// module implementation (torch::nn::ModuleHolder<Impl>).
inline constexpr llvm::StringLiteral ModuleBase = greenlint::roles::ModuleBase;
inline constexpr llvm::StringLiteral ModuleHolder =
    greenlint::roles::ModuleHolder;
/// register_module(name, module) and register_parameter(name, tensor).
inline constexpr llvm::StringLiteral ModuleRegistration =
    greenlint::roles::ModuleRegistration;
inline constexpr llvm::StringLiteral ParameterRegistration =
    greenlint::roles::ParameterRegistration;
/// Appending a layer to a Sequential (push_back), read in the constructor
/// of a class derived from one.
inline constexpr llvm::StringLiteral ModuleAppend =
    greenlint::roles::ModuleAppend;
/// Tensor factories whose argument 0 is the shape.
inline constexpr llvm::StringLiteral ShapedFactory =
    greenlint::roles::ShapedTensorFactory;
/// Containers whose constructor arguments are their layers, in order.
inline constexpr llvm::StringLiteral LayerSequence =
    greenlint::roles::LayerSequence;
inline constexpr llvm::StringLiteral LayerLinear =
    greenlint::roles::LayerLinear;
inline constexpr llvm::StringLiteral LayerConv = greenlint::roles::LayerConv;
inline constexpr llvm::StringLiteral LayerEmbedding =
    greenlint::roles::LayerEmbedding;
inline constexpr llvm::StringLiteral LayerRnn = greenlint::roles::LayerRnn;
inline constexpr llvm::StringLiteral LayerGru = greenlint::roles::LayerGru;
inline constexpr llvm::StringLiteral LayerLstm = greenlint::roles::LayerLstm;
inline constexpr llvm::StringLiteral LayerAttention =
    greenlint::roles::LayerAttention;
inline constexpr llvm::StringLiteral LayerBatchNorm =
    greenlint::roles::LayerBatchnorm;
inline constexpr llvm::StringLiteral LayerLayerNorm =
    greenlint::roles::LayerLayernorm;
/// Pooling layers: no parameters, but they shrink the spatial size.
inline constexpr llvm::StringLiteral LayerPooling =
    greenlint::roles::LayerPooling;
inline constexpr llvm::StringLiteral LayerFlatten =
    greenlint::roles::LayerFlatten;
/// No parameters, but a shape greenlint does not follow (adaptive pooling).
inline constexpr llvm::StringLiteral LayerReshaping =
    greenlint::roles::LayerReshaping;
/// Activations, dropout, identity: no parameters, shape unchanged.
inline constexpr llvm::StringLiteral LayerParameterFree =
    greenlint::roles::LayerParameterFree;
/// What forward() does to a tensor between layers: ops that keep its shape
/// (activations, dropout, softmax), pooling functions (input, kernel,
/// stride, padding), flattening, and reshapes whose argument 0 lists sizes.
inline constexpr llvm::StringLiteral ShapePreservingOp =
    greenlint::roles::ShapePreservingOp;
inline constexpr llvm::StringLiteral PoolingOp = greenlint::roles::PoolingOp;
inline constexpr llvm::StringLiteral FlattenOp = greenlint::roles::FlattenOp;
inline constexpr llvm::StringLiteral ReshapeOp = greenlint::roles::ReshapeOp;
/// Weight dtypes by size (c10::ScalarType enumerators); float64 is the
/// model-float64 rule's role.
inline constexpr llvm::StringLiteral DtypeFloat64 =
    greenlint::roles::Float64Dtype;
inline constexpr llvm::StringLiteral DtypeFloat32 =
    greenlint::roles::Float32Dtype;
inline constexpr llvm::StringLiteral DtypeFloat16 =
    greenlint::roles::Float16Dtype;
inline constexpr llvm::StringLiteral DtypeBFloat16 =
    greenlint::roles::Bfloat16Dtype;
/// Calls that convert a module's parameters (Module::to).
inline constexpr llvm::StringLiteral ModuleConversion =
    greenlint::roles::ModuleConversion;
/// XGBoost: setting a booster parameter by name, and one boosting round.
inline constexpr llvm::StringLiteral BoosterParameter =
    greenlint::roles::BoosterParameter;
inline constexpr llvm::StringLiteral BoosterRound =
    greenlint::roles::BoosterRound;
/// dlib: the layer templates a network type is made of.
inline constexpr llvm::StringLiteral DlibLossLayer =
    greenlint::roles::DlibLossLayer;
inline constexpr llvm::StringLiteral DlibLayer = greenlint::roles::DlibLayer;
inline constexpr llvm::StringLiteral DlibFc = greenlint::roles::DlibFc;
inline constexpr llvm::StringLiteral DlibConv = greenlint::roles::DlibConv;
inline constexpr llvm::StringLiteral DlibPooling =
    greenlint::roles::DlibPooling;
inline constexpr llvm::StringLiteral DlibBatchNorm =
    greenlint::roles::DlibBatchnorm;
inline constexpr llvm::StringLiteral DlibParameterFree =
    greenlint::roles::DlibParameterFree;
inline constexpr llvm::StringLiteral DlibInput = greenlint::roles::DlibInput;
inline constexpr llvm::StringLiteral DlibRgbInput =
    greenlint::roles::DlibRgbInput;
inline constexpr llvm::StringLiteral DlibColorPixel =
    greenlint::roles::DlibColorPixel;
/// llama.cpp: loading a model from a GGUF file (argument 0 is the path).
inline constexpr llvm::StringLiteral LlmWeightsLoad =
    greenlint::roles::LlmWeightsLoad;
} // namespace roles

/// Every role above, for the data files' validation.
const std::vector<const char *> &estimateRoles();

} // namespace estimate
} // namespace greenlint

#endif
