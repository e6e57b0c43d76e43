//===- ObjectFacts.h - The facts file, also kept in the object file -------===//
//
// A compile cache (ccache, sccache) that hits restores the object file and
// the compiler's stderr, but the plugin does not run, so the facts file it
// would have written is missing from a fresh build folder. With
// facts-in-object=on the plugin also puts the unit's facts into the object,
// in a section the linker leaves out of executables and shared libraries
// (SHF_EXCLUDE); `greenlint restore-facts` writes them back into the facts
// folder. See docs/compile-caches.md.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_PLUGIN_OBJECTFACTS_H
#define GREENLINT_PLUGIN_OBJECTFACTS_H

#include "Facts.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace llvm {
class PassBuilder;
} // namespace llvm

namespace greenlint {

/// The object file section that holds a unit's facts.
inline constexpr llvm::StringLiteral ObjectFactsSection = ".greenlint.facts";
/// The section's content: {"format": ObjectFactsFormat, "version": 1,
/// "file": <facts file name>, "facts": <the facts, compile null>}.
inline constexpr llvm::StringLiteral ObjectFactsFormat =
    "greenlint-object-facts";

/// Keeps Facts for the object this compile is about to generate.
void setObjectFacts(const FactsFile &Facts);

/// Registers the pass that puts the kept facts into the module (at the start
/// of the optimisation pipeline, at every optimisation level).
void registerObjectFacts(llvm::PassBuilder &PB);

} // namespace greenlint

#endif
