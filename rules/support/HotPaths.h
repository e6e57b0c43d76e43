//===- HotPaths.h - Which functions are training or inference hot paths ---===//
//
// Shared by the instrumentation and the rules: a function is a training hot
// path if it takes a training step, an inference hot path if it runs a model
// forward, and a user region if annotated greenlint::region. A model's own
// forward method (itself an inference API) is part of the model, not a hot
// path.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_HOTPATHS_H
#define GREENLINT_RULES_SUPPORT_HOTPATHS_H

#include "greenlint/apis/ApiModel.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CallExpr;
class FunctionDecl;
} // namespace clang

namespace greenlint {

class ApiModel;

enum class Phase { Train, Infer, User };
llvm::StringRef phaseName(Phase P);

/// Annotations users put on functions, e.g.
/// [[clang::annotate("greenlint::region")]].
inline constexpr llvm::StringLiteral RegionAnnotation{"greenlint::region"};
inline constexpr llvm::StringLiteral NoRegionAnnotation{"greenlint::no_region"};

struct UnitSite {
  const clang::CallExpr *Call;
  std::string Unit;
  /// The API entry's unit_count (an integer argument, or an integer field
  /// of a by-value argument, counted instead of one per call), if any.
  std::optional<ApiEntry::UnitCount> Count;
};

struct HotPath {
  const clang::FunctionDecl *Function;
  Phase Kind;
  /// Framework of the first API call that made it a hot path.
  std::string Framework;
  /// Calls that count functional units, in source order.
  std::vector<UnitSite> Units;
  /// "<phase>:<qualified function>"
  std::string regionName() const;
};

/// Classifies a function definition; nullopt if it is not a hot path or the
/// user opted it out.
std::optional<HotPath> classifyHotPath(const clang::FunctionDecl &FD,
                                       const ApiModel &Api,
                                       clang::ASTContext &Ctx);

} // namespace greenlint

#endif
