//===- GuardScope.h - Is autograd off where this statement runs? ----------===//
#ifndef GREENLINT_RULES_SUPPORT_GUARDSCOPE_H
#define GREENLINT_RULES_SUPPORT_GUARDSCOPE_H

namespace clang {
class ASTContext;
class Stmt;
} // namespace clang

namespace greenlint {

class ApiModel;

/// True if a grad guard (InferenceMode, NoGradGuard, ...) declared earlier in
/// an enclosing block, or a call turning grad mode off earlier in an
/// enclosing block, is in effect at S. Lambda bodies see the guards of the
/// scope they are written in, since they usually run there.
bool isUnderGradGuard(const clang::Stmt *S, clang::ASTContext &Ctx,
                      const ApiModel &Api);

} // namespace greenlint

#endif
