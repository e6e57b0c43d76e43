//===- FunctionSummaries.h - What calling a user function does ------------===//
//
// Real waste often sits one call away from the loop that repeats it: the loop
// calls the project's own helper and the helper loads the model or runs it.
// A summary records, per role, the API calls a user function reaches (through
// any depth of user calls in this translation unit) and which of its
// parameters, or its object, feed those calls' inputs. Rules ask for the API
// calls reachable from a statement and judge the inputs at the call they can
// see, as they would for a direct API call.
//
// Summaries are computed on demand, bottom-up and memoised; a recursive cycle
// contributes nothing beyond the calls found before it closes. Functions in
// system headers and the framework APIs themselves are not summarised. A
// user function without a body here takes its summary from the project's
// table (ProjectTable.h) when `greenlint check` or the plugin's facts folder
// gives one.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_FUNCTIONSUMMARIES_H
#define GREENLINT_RULES_SUPPORT_FUNCTIONSUMMARIES_H

#include "../Rule.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace greenlint {

class ApiModel;
struct ApiEntry;
struct ExportedEffect;
class ProjectTable;
struct ProjectFacts;

/// One API call a user function reaches.
struct SummaryEffect {
  /// The framework call (or construction) deep inside; null when it is in
  /// another unit (External).
  const clang::Expr *ApiCall = nullptr;
  /// The call as the project's table describes it, when the function that
  /// reaches it is defined in another unit.
  const ExportedEffect *External = nullptr;
  /// With External: how the note says where it was found (the table's
  /// foundBy()).
  llvm::StringRef FoundBy;
  const ApiEntry *Entry = nullptr;
  /// The user calls leading from the summarised function's body down to
  /// ApiCall, outermost first; empty when ApiCall is in the body itself.
  std::vector<const clang::Expr *> Via;
  /// Parameters whose values flow into the API call's inputs.
  llvm::SmallVector<unsigned, 2> Params;
  /// The object the function runs on (its fields, `this`, a lambda's
  /// captures) flows into the inputs.
  bool FromObject = false;
  /// Something else the inputs depend on cannot be traced to a parameter or
  /// a constant (a local filled by an unknown call, a mutated global): the
  /// inputs may differ on every call.
  bool OtherInputs = false;
};

class FunctionSummaries {
public:
  /// \p Project: the summaries of the project's other units, or null.
  FunctionSummaries(const ApiModel &Api, clang::ASTContext &Ctx,
                    const ProjectTable *Project = nullptr);
  ~FunctionSummaries();

  /// The calls with Role that calling FD reaches; empty for functions in
  /// system headers or that are APIs themselves, and for functions without
  /// a body here that the project's table does not know.
  const std::vector<SummaryEffect> &effects(const clang::FunctionDecl *FD,
                                            llvm::StringRef Role);

  /// The functions effects() was asked about that have no body here (by
  /// functionKey()): what the project's table could add to this unit.
  const std::set<std::string> &missingBodies() const;

private:
  struct Impl;
  std::unique_ptr<Impl> P;
};

/// An API call with Role that a statement reaches, directly or through user
/// functions it calls.
struct ReachedApiCall {
  /// The call inside the statement: the API call itself, or the user call.
  const clang::Expr *Site = nullptr;
  /// Null when the call is in another unit (External).
  const clang::Expr *ApiCall = nullptr;
  const ExportedEffect *External = nullptr;
  /// With External: the table's foundBy(), for the note.
  llvm::StringRef FoundBy;
  const ApiEntry *Entry = nullptr;
  std::vector<const clang::Expr *> Via;
  /// The expressions at Site that the API call's inputs come from; the call
  /// repeats with the same inputs when all of these are the same (and
  /// OtherInputs is false).
  std::vector<const clang::Expr *> Inputs;
  bool OtherInputs = false;
  bool throughHelper() const { return Site != ApiCall; }
};

/// Every API call with Role reachable from Scope, in traversal order:
/// direct calls (with the entry's source arguments, or all arguments and the
/// object, as inputs) and calls reached through user functions.
std::vector<ReachedApiCall> findApiCallsThrough(const clang::Stmt &Scope,
                                                llvm::StringRef Role,
                                                FunctionSummaries &Summaries,
                                                const ApiModel &Api,
                                                clang::ASTContext &Ctx);

/// The API calls with Role that a loop repeats with the same inputs on every
/// iteration through the project's own functions: helper calls whose
/// innermost loop is Loop, outside retry blocks, with loop-invariant inputs.
/// Direct API calls are left to the rule's own matcher.
std::vector<ReachedApiCall> repeatedHelperCalls(const clang::Stmt &Loop,
                                                llvm::StringRef Role,
                                                FunctionSummaries &Summaries,
                                                const ApiModel &Api,
                                                clang::ASTContext &Ctx);

/// How a finding names a user call: the function, the class constructed, or
/// the variable holding the lambda called.
std::string userCallName(const clang::Expr *Site);

/// A finding on a helper call in Loop that repeats R's API call: the
/// message "'<helper>' <Does> on every iteration of this loop (through
/// '<API>'); <Fix>", and notes on the loop and on the API call ("'<API>'
/// <At>"). An API call in another unit gets a note saying how the project's
/// table found it.
Finding throughHelperFinding(const clang::Stmt &Loop, const ReachedApiCall &R,
                             llvm::StringRef Does, llvm::StringRef Fix,
                             llvm::StringRef At, clang::ASTContext &Ctx);

/// The note at R's API call saying \p Text; for a call in another unit, it
/// also says how the project's table found it (ProjectTable::foundBy()),
/// and through which functions.
FindingNote apiCallNote(const ReachedApiCall &R, llvm::StringRef Text,
                        clang::ASTContext &Ctx);

/// True when F writes a member of its object, a global, a static or a
/// captured variable (state that lasts between its calls), or when its body
/// is not here to tell.
bool writesLastingState(const clang::FunctionDecl &F, clang::ASTContext &Ctx);

/// What the unit adds to the project's table: the externally visible
/// functions its main file defines, with the calls of exportedRoles() they
/// reach and the parameters they only run; and the functions it needs
/// (Summaries' missingBodies(), asked while the rules ran).
ProjectFacts collectProjectFacts(FunctionSummaries &Summaries,
                                 const ApiModel &Api, clang::ASTContext &Ctx);

/// The expressions that say what a direct API call works on: the entry's
/// source arguments when it names them, else every argument and the object.
std::vector<const clang::Expr *> apiCallInputs(const clang::Expr *Call,
                                               const ApiEntry &Entry);

} // namespace greenlint

#endif
