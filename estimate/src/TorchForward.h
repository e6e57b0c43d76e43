//===- TorchForward.h - FLOPs of a module class's forward() -----*- C++ -*-===//
//
// A module class whose input shape is declared ([[clang::annotate(
// "greenlint::input", C, H, W)]]) is followed through its forward(): each
// statement in order, the tensor's per-sample shape through member layers
// (conv1->forward(x), fc(x)), functional ops (torch::relu, max_pool2d) and
// reshapes (x.view({-1, 320})). Control flow or anything not in the data
// ends the reading, with the reason.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_ESTIMATE_TORCHFORWARD_H
#define GREENLINT_RULES_ESTIMATE_TORCHFORWARD_H

#include "greenlint/estimate/ConstantEvaluator.h"
#include "llvm/ADT/StringRef.h"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CXXRecordDecl;
class Expr;
class FieldDecl;
} // namespace clang

namespace greenlint {
class ApiModel;
namespace estimate {

/// How a member layer was built: its kind, class and arguments.
struct FieldLayer {
  llvm::StringRef Role;
  const clang::CXXRecordDecl *Impl = nullptr;
  std::vector<const clang::Expr *> Args;
  Bindings B;
};

using FieldResolver =
    std::function<std::optional<FieldLayer>(const clang::FieldDecl *)>;

/// FLOPs of one sample of \p Input through \p RD's forward(); unset with
/// \p Why when it cannot be followed.
std::optional<double> forwardFlops(const clang::CXXRecordDecl *RD,
                                   const std::vector<int64_t> &Input,
                                   const FieldResolver &Fields,
                                   const ApiModel &Api, clang::ASTContext &Ctx,
                                   std::string &Why);

} // namespace estimate
} // namespace greenlint

#endif
