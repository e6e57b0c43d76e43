//===- DlibNetReader.h - Sizes of dlib network types ------------*- C++ -*-===//
//
// A dlib network is a type: loss<fc<10, relu<con<6,5,5,1,1, input<...>>>>>.
// Every size is a template argument, except the image's, which dlib reads
// from the first batch; an fc layer's inputs depend on it. A type alias can
// state it with [[clang::annotate("greenlint::input", C, rows, cols)]].
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_DLIBNETREADER_H
#define GREENLINT_RULES_ESTIMATE_DLIBNETREADER_H

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
readDlibNets(clang::ASTContext &Ctx,
             const std::vector<clang::Decl *> &UserDecls, const ApiModel &Api);

} // namespace estimate
} // namespace greenlint

#endif
