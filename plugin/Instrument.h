//===- Instrument.h - Region calls around training and inference paths ----===//
//
// The AST side finds the hot paths (rules/HotPaths.h) and records, per
// mangled function name, the region to open and the call sites that count
// functional units. The IR side, an LLVM pass registered by the same
// greenlint.so, reads that plan and inserts the runtime calls before
// inlining. Both sides run in the same compiler process, so the plan is a
// process-wide table. See docs/instrumentation.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_PLUGIN_INSTRUMENT_H
#define GREENLINT_PLUGIN_INSTRUMENT_H

#include "llvm/ADT/ArrayRef.h"
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Decl;
} // namespace clang
namespace llvm {
class PassBuilder;
} // namespace llvm

namespace greenlint {

class ApiModel;

struct PlannedUnitSite {
  unsigned Line;
  std::vector<unsigned> Columns; ///< columns a call's debug location may use
  std::string Callee;            ///< mangled name of the direct callee
  bool MayBeIndirect;            ///< virtual: the IR call may go via a vtable
  std::string Unit;
  /// Counting an integer read from the call (unit_count): the integer
  /// argument itself, or a field of a by-value struct argument, which
  /// reaches the IR call as a pointer to its copy (structs larger than 16
  /// bytes on x86-64 and AArch64), read before the call.
  struct FieldCount {
    unsigned Arg;        ///< source argument index (= IR index, checked)
    unsigned SourceArgs; ///< the call's source argument count
    bool InStruct;       ///< a field at ByteOffset, else the argument
    uint64_t ByteOffset; ///< the field's offset in the struct
    unsigned Bits;       ///< the integer's width
    bool Signed;
    uint64_t Divisor; ///< the value counts divided by this
  };
  std::optional<FieldCount> Count;
  /// Sites planned from one source call share it: one IR call counts all.
  unsigned CallId = 0;
};

struct PlannedRegion {
  std::string Name; ///< "<phase>:<qualified function>"
  std::string Phase;
  std::string Framework;
  std::string File;
  unsigned Line;
  std::vector<PlannedUnitSite> Units;
  unsigned EndLine = 0; ///< the body's last line: findings inside are its own
};

/// Mangled function name -> region. Filled before code generation.
std::map<std::string, PlannedRegion> &instrumentationPlan();

/// Finds the hot paths among the user's declarations and adds them to the
/// plan; returns them (for the facts file).
std::vector<PlannedRegion>
planInstrumentation(clang::ASTContext &Ctx,
                    llvm::ArrayRef<clang::Decl *> UserDecls,
                    const ApiModel &Api);

/// Registers the instrumentation pass at the start of the optimisation
/// pipeline (before inlining; also at -O0).
void registerInstrumentation(llvm::PassBuilder &PB);

} // namespace greenlint

#endif
