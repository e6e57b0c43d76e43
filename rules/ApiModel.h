//===- ApiModel.h - Framework API knowledge, loaded from data files -------===//
//
// Which functions load a model, run a forward pass, take a training step,
// guard autograd, and so on, for every framework greenlint knows. The names
// live in rules/apis/*.yaml (embedded at build time) and in the files a
// project lists under api_files:, so an API rename is a data change.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_APIMODEL_H
#define GREENLINT_RULES_APIMODEL_H

#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>
#include <vector>

namespace clang {
class Decl;
class Expr;
class FunctionDecl;
class CXXRecordDecl;
class QualType;
} // namespace clang

namespace greenlint {

/// What an API does, as far as energy is concerned.
enum class ApiRole : unsigned {
  ModelLoad,      ///< reads, parses or compiles a model or creates a session
  InferenceCall,  ///< runs a model forward
  TrainingStep,   ///< backward pass or optimizer/booster update
  GradGuard,      ///< RAII type that turns autograd recording off
  GradDisable,    ///< call that turns autograd recording off globally
  EvalMode,       ///< switches a model to inference behaviour
  ZeroGrad,       ///< clears gradients; may fill zeros instead of releasing
  CheckpointSave, ///< persists model or trainer state
  NumRoles
};

llvm::StringRef roleName(ApiRole Role);

struct ApiEntry {
  enum KindType { Function, Method, Type } Kind;
  ApiRole Role;
  std::string Framework;
  /// Qualified function name, method name, or qualified type name.
  std::string Name;
  /// For methods: the qualified class name.
  std::string Class;
  /// For methods: also match overrides in classes derived from Class.
  bool Derived = false;
  /// Arguments that say *what* is loaded (the rest are outputs or options);
  /// empty means all arguments.
  std::vector<unsigned> SourceArgs;
  /// For guards and switches: the value of the first argument (when it is a
  /// literal) for which the entry takes effect; unset means any.
  std::optional<bool> ActiveArg;
  std::string File;
  unsigned Line = 0;
};

class ApiModel {
public:
  /// The built-in data, parsed once per process.
  static const ApiModel &builtin();

  /// Adds the entries of one YAML file (text given); false with a
  /// "greenlint: file:line:col: ..." message on error.
  bool addYaml(llvm::StringRef Text, llvm::StringRef File,
               std::string &Error);
  bool addFile(llvm::StringRef Path, std::string &Error);

  /// The entry for the function a call or construction reaches, if it has
  /// this role.
  const ApiEntry *matchCall(const clang::Expr *E, ApiRole Role) const;
  const ApiEntry *matchFunction(const clang::FunctionDecl *FD,
                                ApiRole Role) const;
  const ApiEntry *matchType(clang::QualType T, ApiRole Role) const;
  const std::vector<ApiEntry> &entries() const { return Entries; }
  /// Problems found while loading the built-in data (a packaging bug).
  const std::string &builtinError() const { return BuiltinError; }

private:
  bool classMatches(const clang::CXXRecordDecl *RD, const ApiEntry &E) const;

  std::vector<ApiEntry> Entries;
  std::string BuiltinError;
  /// Entries indexed by role, then by unqualified name: the hot lookup.
  llvm::StringMap<std::vector<size_t>> ByRoleAndName[unsigned(
      ApiRole::NumRoles)];
};

/// Matches a call or construction whose target has Role in Model.
AST_MATCHER_P2(clang::Expr, isApiCall, const ApiModel *, Model, ApiRole,
               Role) {
  return Model->matchCall(&Node, Role) != nullptr;
}

/// Matches a declaration whose type has Role (e.g. a guard variable).
AST_MATCHER_P2(clang::ValueDecl, hasApiType, const ApiModel *, Model,
               ApiRole, Role) {
  return Model->matchType(Node.getType(), Role) != nullptr;
}

} // namespace greenlint

#endif
