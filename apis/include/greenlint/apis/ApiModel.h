//===- ApiModel.h - Framework API knowledge, loaded from data files -------===//
//
// Which functions load a model, run a forward pass, take a training step,
// guard autograd, and so on, for every framework greenlint knows. The names
// live in rules/apis/*.yaml (embedded at build time) and in the files a
// project lists under api_files:, so an API rename is a data change.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_APIS_APIMODEL_H
#define GREENLINT_APIS_APIMODEL_H

#include "greenlint/apis/ApiRoles.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class Decl;
class ASTContext;
class Expr;
class Stmt;
class FunctionDecl;
class CXXRecordDecl;
class NamedDecl;
class QualType;
class ValueDecl;
} // namespace clang

namespace greenlint {

/// The roles shared by several rules and helpers (roles:: in ApiRoles.h,
/// generated from rules/apis/roles.yaml): always valid in data files.
const std::vector<llvm::StringRef> &coreRoles();

/// The roles rules declare (RuleInfo::Roles) are valid in data files too.
/// This library sits below the rules, so the rules library hands them over
/// (rules/Registry.cpp, during static initialisation); they are read once,
/// on the first data file loaded.
using RoleListSource = std::vector<const char *> (*)();
void setRuleRolesSource(RoleListSource Source);

struct ApiEntry {
  enum KindType { Function, Method, Type, Value } Kind;
  std::string Role;
  std::string Framework;
  /// Qualified function name, method name, qualified type name, or
  /// qualified variable/enumerator name (Value).
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
  /// Functional unit one call counts when instrumented ("inference",
  /// "step", ...); empty for calls that count nothing.
  std::string Unit;
  /// How many of a unit one call counts: one per call, or an integer read
  /// from the call (unit_count "<arg>[.<field>][/<divisor>]").
  struct UnitCount {
    /// The source argument the count is read from.
    unsigned Arg = 0;
    /// An integer field of that argument (a struct passed by value, e.g. a
    /// llama.cpp batch's n_tokens); empty: the integer argument itself.
    std::string Field;
    /// The value read is divided by this (whisper.cpp samples at 16 kHz
    /// count as milliseconds of audio with 16).
    uint64_t Divisor = 1;
  };
  std::optional<UnitCount> UnitCountSpec;
  /// A second unit the same call counts (also_count), e.g. the rows of a
  /// prediction call beside its one inference.
  std::string AlsoUnit;
  std::optional<UnitCount> AlsoUnitCountSpec;
  /// A count the API stands for (a dataset split's samples), what it counts
  /// as messages say it, where the number comes from and its year: data,
  /// never a guess in code.
  std::optional<uint64_t> Samples;
  std::string Label;
  std::string Source;
  int Year = 0;
  std::string File;
  unsigned Line = 0;
};

class ApiModel {
public:
  /// The built-in data, parsed once per process.
  static const ApiModel &builtin();

  /// Adds the entries of one YAML file (text given); false with a
  /// "greenlint: file:line:col: ..." message on error.
  bool addYaml(llvm::StringRef Text, llvm::StringRef File, std::string &Error);
  bool addFile(llvm::StringRef Path, std::string &Error);

  /// The entry for the function a call or construction reaches, if it has
  /// this role.
  const ApiEntry *matchCall(const clang::Expr *E, llvm::StringRef Role) const;
  const ApiEntry *matchFunction(const clang::FunctionDecl *FD,
                                llvm::StringRef Role) const;
  const ApiEntry *matchType(clang::QualType T, llvm::StringRef Role) const;
  /// For variables and enumerators such as c10::kDouble.
  const ApiEntry *matchValue(const clang::ValueDecl *D,
                             llvm::StringRef Role) const;
  const std::vector<ApiEntry> &entries() const { return Entries; }
  /// Problems found while loading the built-in data (a packaging bug).
  const std::string &builtinError() const { return BuiltinError; }

private:
  bool classMatches(const clang::CXXRecordDecl *RD, const ApiEntry &E) const;

  std::vector<ApiEntry> Entries;
  std::string BuiltinError;
  const ApiEntry *lookup(llvm::StringRef Role, llvm::StringRef Unqualified,
                         ApiEntry::KindType Kind,
                         const clang::NamedDecl *D) const;

  /// Entries indexed by role, then by unqualified name: the hot lookup.
  llvm::StringMap<llvm::StringMap<std::vector<size_t>>> ByRoleAndName;
};

/// Every call or construction with Role inside Scope, in traversal order.
std::vector<const clang::Expr *> findApiCalls(const clang::Stmt &Scope,
                                              llvm::StringRef Role,
                                              const ApiModel &Api,
                                              clang::ASTContext &Ctx);

// Role arguments of these matchers must outlive the matcher: pass the
// string literals of roles:: or a rule's own role constants.

/// Matches a call or construction whose target has Role in Model.
AST_MATCHER_P2(clang::Expr, isApiCall, const ApiModel *, Model, llvm::StringRef,
               Role) {
  (void)Finder, (void)Builder; // the macro's parameters; nothing is bound
  return Model->matchCall(&Node, Role) != nullptr;
}

/// Matches a declaration whose type has Role (e.g. a guard variable).
AST_MATCHER_P2(clang::ValueDecl, hasApiType, const ApiModel *, Model,
               llvm::StringRef, Role) {
  (void)Finder, (void)Builder;
  return Model->matchType(Node.getType(), Role) != nullptr;
}

/// Matches a reference to a variable or enumerator with Role.
AST_MATCHER_P2(clang::DeclRefExpr, refersToApiValue, const ApiModel *, Model,
               llvm::StringRef, Role) {
  (void)Finder, (void)Builder;
  return Model->matchValue(Node.getDecl(), Role) != nullptr;
}

} // namespace greenlint

#endif
