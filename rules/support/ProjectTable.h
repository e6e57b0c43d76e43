//===- ProjectTable.h - Function summaries of a whole project ---*- C++ -*-===//
//
// A helper that loads or runs the model is often defined in another file of
// the project than the loop that calls it. `greenlint check` lints every
// unit once, collecting what each unit's own functions reach (ProjectFacts)
// and which functions it calls without seeing their bodies; it then lints
// again, with the project's table, the units that call a function whose
// summary the table holds. FunctionSummaries consults the table for a
// function it has no body for. See docs/check.md, "Project view".
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_RULES_SUPPORT_PROJECTTABLE_H
#define GREENLINT_RULES_SUPPORT_PROJECTTABLE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace greenlint {

struct ApiEntry;

/// One API call a function of another unit reaches (SummaryEffect, with
/// the call's place written out instead of its AST node).
struct ExportedEffect {
  std::string Role;
  /// The API entry (apiEntryId()).
  std::string Api;
  /// Where the API call is: absolute path, line, byte column.
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  /// The user functions leading from the exported one down to the call.
  std::vector<std::string> Via;
  std::vector<unsigned> Params;
  bool FromObject = false;
  bool OtherInputs = false;
  /// Some function on the way writes a member, a global or a static: it may
  /// keep state between calls (a recurrent model, a memo).
  bool WritesLastingState = false;

  bool operator==(const ExportedEffect &O) const;
};

/// A function a unit defines, with the API calls calling it reaches.
struct ExportedFunction {
  /// functionKey() of the definition.
  std::string Key;
  std::string Name;
  std::string File;
  unsigned Line = 0;
  std::vector<ExportedEffect> Effects;
  /// Parameters the function only runs or reads (ModelUses.h): a model
  /// passed there by non-const reference comes back unchanged.
  std::vector<unsigned> OnlyRunParams;
};

/// What one unit adds to, and needs from, the project's table.
struct ProjectFacts {
  /// The shape of toJson(), kept with it in the plugin's facts files: bump
  /// it when a field changes meaning or goes (adding one keeps it).
  static constexpr int FormatVersion = 1;

  /// Externally visible functions defined in the unit's main file, with
  /// the API calls of the roles the rules follow that they reach (none for
  /// most).
  std::vector<ExportedFunction> Defines;
  /// Keys of the user functions the unit's rules asked about but whose
  /// bodies it does not have.
  std::set<std::string> Wants;

  nlohmann::ordered_json toJson() const;
  /// Null with \p Error naming the field when \p J is not what toJson
  /// writes.
  static std::optional<ProjectFacts> fromJson(const nlohmann::ordered_json &J,
                                              std::string &Error);
};

/// Identifies a function across units: its qualified name and canonical
/// type (so overloads differ and typedefs do not).
std::string functionKey(const clang::FunctionDecl &FD);

/// Names an API entry across units: its class and name.
std::string apiEntryId(const ApiEntry &Entry);

/// The roles whose calls are exported; the rules that follow helpers ask
/// for these.
llvm::ArrayRef<llvm::StringRef> exportedRoles();

/// Where a table's functions come from; a finding that needed one says so.
enum class ProjectSource {
  /// `greenlint check`'s second pass: the units of the compile database.
  CheckProjectView,
  /// The compiler plugin's facts=DIR: the units compiled before this one.
  FactsFolder,
};

class ProjectTable {
public:
  explicit ProjectTable(ProjectSource Source = ProjectSource::CheckProjectView)
      : Source(Source) {}

  /// Adds a unit's functions. A key that two units define with different
  /// effects (two programs of one project, each with its own `load`) is
  /// ambiguous: it is dropped, since the call cannot say which it means.
  void add(const ProjectFacts &Unit);
  /// The function for \p Key, or null when unknown or ambiguous.
  const ExportedFunction *find(llvm::StringRef Key) const;
  /// The table's entries with effects for the keys \p Unit wants,
  /// serialised in key order: empty when the table adds nothing to the
  /// unit's view. Equal
  /// slices give equal findings, so a cache keys on it.
  std::string sliceFor(const ProjectFacts &Unit) const;
  /// How many functions the table knows that reach an API call.
  size_t helperCount() const;
  /// How a note names where a function of this table was found ("found by
  /// greenlint check's project view, in another unit").
  llvm::StringRef foundBy() const;

private:
  ProjectSource Source;
  std::map<std::string, ExportedFunction, std::less<>> Functions;
  std::set<std::string, std::less<>> Ambiguous;
};

} // namespace greenlint

#endif
