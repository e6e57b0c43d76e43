//===- TorchModuleReader.h - Layers of a LibTorch module class --*- C++ -*-===//
//
// What a module class adds up to: its constructor's registered layers (with
// the constants its parameters hold), and the FLOPs its forward() runs. The
// model finder (TorchModelReader.cpp) decides which classes are models.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_ESTIMATE_TORCHMODULEREADER_H
#define GREENLINT_ESTIMATE_TORCHMODULEREADER_H

#include "greenlint/estimate/ConstantEvaluator.h"
#include "greenlint/estimate/ModelEstimate.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/ArrayRef.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class CXXConstructorDecl;
class CXXRecordDecl;
class Decl;
class Expr;
class QualType;
} // namespace clang

namespace greenlint {
class ApiModel;
namespace estimate {
namespace torch {

/// The constructor being read and the constants its parameters hold.
struct Scope {
  const clang::CXXConstructorDecl *Ctor = nullptr;
  Bindings B;
};

/// What one model's layers add up to.
struct Accumulator {
  std::vector<LayerEstimate> Layers;
  std::vector<std::string> Unknown;
  /// Why only the FLOPs are unknown (listed after Unknown).
  std::vector<std::string> FlopsUnknownWhy;
  /// FLOPs read through forward(), which replace the layers' sum.
  std::optional<double> ForwardFlops;
  bool PerTimeStep = false;
  /// Layers pushed into a Sequential base, for their names.
  unsigned Appended = 0;
  bool ParametersUnknown = false, FlopsUnknown = false;
  /// The per-sample shape flowing through a Sequential whose input shape
  /// was declared; unset where the order of layers is not certain.
  std::optional<std::vector<int64_t>> Shape;
};

/// The source text of E, for naming a construction's arguments.
std::string sourceText(const clang::Expr *E, const clang::ASTContext &Ctx);

class TorchModuleReader {
public:
  TorchModuleReader(clang::ASTContext &Ctx, const ApiModel &Api);
  ~TorchModuleReader();

  bool isModuleClass(const clang::CXXRecordDecl *RD) const;
  /// A Sequential, or a class of the user's derived from one.
  bool isSequence(const clang::CXXRecordDecl *RD) const;
  bool isUserClass(const clang::CXXRecordDecl *RD) const;
  /// The implementation a handle owns: Impl for ModuleHolder<Impl> and the
  /// classes TORCH_MODULE derives from it.
  const clang::CXXRecordDecl *heldImpl(clang::QualType T) const;
  unsigned line(clang::SourceLocation L) const;

  /// Adds the layers a module expression (a construction, a handle, a
  /// Sequential) builds.
  void readModuleExpr(const clang::Expr *E, const Scope &S,
                      const std::string &Name, Accumulator &Acc, int Depth);
  /// Adds the layers a user's module class registers, constructed with Args.
  void readUserModule(const clang::CXXRecordDecl *RD,
                      llvm::ArrayRef<const clang::Expr *> Args,
                      const Scope &Caller, const std::string &Name,
                      clang::SourceLocation Loc, Accumulator &Acc, int Depth);
  /// Reads RD's forward() for an input of the given per-sample shape.
  void readForward(const clang::CXXRecordDecl *RD,
                   const std::vector<int64_t> &Input, Accumulator &Acc);
  /// The estimate for one model from what was accumulated.
  ModelEstimate finish(const std::string &Model, clang::SourceLocation Loc,
                       const clang::Decl *Key, Accumulator &Acc,
                       const std::optional<std::vector<int64_t>> &Input);

private:
  class Impl;
  std::unique_ptr<Impl> I;
};

} // namespace torch
} // namespace estimate
} // namespace greenlint

#endif
