//===- EstimateRoles.cpp --------------------------------------------------===//
#include "greenlint/estimate/EstimateRoles.h"

namespace greenlint {
namespace estimate {

const std::vector<const char *> &estimateRoles() {
  static const std::vector<const char *> Roles = {
      roles::ModuleBase.data(),
      roles::ModuleHolder.data(),
      roles::ModuleRegistration.data(),
      roles::ParameterRegistration.data(),
      roles::ShapedFactory.data(),
      roles::ModuleAppend.data(),
      roles::ShapePreservingOp.data(),
      roles::PoolingOp.data(),
      roles::FlattenOp.data(),
      roles::ReshapeOp.data(),
      roles::LayerSequence.data(),
      roles::LayerLinear.data(),
      roles::LayerConv.data(),
      roles::LayerEmbedding.data(),
      roles::LayerRnn.data(),
      roles::LayerGru.data(),
      roles::LayerLstm.data(),
      roles::LayerAttention.data(),
      roles::LayerBatchNorm.data(),
      roles::LayerLayerNorm.data(),
      roles::LayerPooling.data(),
      roles::LayerFlatten.data(),
      roles::LayerReshaping.data(),
      roles::LayerParameterFree.data(),
      roles::DtypeFloat64.data(),
      roles::DtypeFloat32.data(),
      roles::DtypeFloat16.data(),
      roles::DtypeBFloat16.data(),
      roles::ModuleConversion.data(),
      roles::BoosterParameter.data(),
      roles::BoosterRound.data(),
      roles::LlmWeightsLoad.data(),
      roles::DlibLossLayer.data(),
      roles::DlibLayer.data(),
      roles::DlibFc.data(),
      roles::DlibConv.data(),
      roles::DlibPooling.data(),
      roles::DlibBatchNorm.data(),
      roles::DlibParameterFree.data(),
      roles::DlibInput.data(),
      roles::DlibRgbInput.data(),
      roles::DlibColorPixel.data()};
  return Roles;
}

} // namespace estimate
} // namespace greenlint
