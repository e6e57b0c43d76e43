//===- CheckMerge.h - greenlint check --merge -------------------*- C++ -*-===//
//
// The last job of a CI matrix: the reports of `check --shard K/N` runs
// merged into the report the unsharded run writes. docs/check.md, "Shards".
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_CHECKMERGE_H
#define GREENLINT_TOOLS_CHECKMERGE_H

#include "CheckOptions.h"

namespace greenlint {

/// Reads and checks every report of \p Opts.Files, then writes the merged
/// report. Returns check's exit code: 1 with reported findings, 0 without,
/// 2 for a bad report (nothing written) or when a shard had compile errors.
int runCheckMerge(const CheckOptions &Opts);

} // namespace greenlint

#endif
