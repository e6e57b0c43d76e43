//===- LlamaModelReader.h - llama.cpp models from their file names -------===//
//
// A GGUF path given to llama.cpp's loader as a constant names the weight
// type and, by convention, the nominal size. The FLOPs of one token are
// about twice the parameters for a decoder (Kaplan et al., 2020).
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_LLAMAMODELREADER_H
#define GREENLINT_RULES_ESTIMATE_LLAMAMODELREADER_H

#include "ModelEstimate.h"
#include <vector>

namespace clang {
class ASTContext;
class Decl;
} // namespace clang

namespace greenlint {
class ApiModel;
namespace estimate {

std::vector<ModelEstimate>
readLlamaModels(clang::ASTContext &Ctx,
                const std::vector<clang::Decl *> &UserDecls,
                const ApiModel &Api);

} // namespace estimate
} // namespace greenlint

#endif
