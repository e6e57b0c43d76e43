//===- TorchModelReader.h - Sizes of LibTorch models defined in code -----===//
//
// Reads torch::nn models from the user's code: module classes whose
// constructors register layers (register_module / register_parameter),
// instantiations of such classes with constant arguments, and Sequential
// variables. Layer sizes come from constant constructor arguments and
// options (LinearOptions(in, out).bias(false)); a size that is not constant
// makes the model's figures unknown, with the reason, never a guess.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_TORCHMODELREADER_H
#define GREENLINT_RULES_ESTIMATE_TORCHMODELREADER_H

#include "ModelEstimate.h"
#include <vector>

namespace clang {
class ASTContext;
class Decl;
} // namespace clang

namespace greenlint {
class ApiModel;
namespace estimate {

/// Models found in \p UserDecls, with parameters, FLOPs and dtype (weight
/// bytes and energy are filled by the caller).
std::vector<ModelEstimate>
readTorchModels(clang::ASTContext &Ctx,
                const std::vector<clang::Decl *> &UserDecls,
                const ApiModel &Api);

} // namespace estimate
} // namespace greenlint

#endif
