//===- Shards.h - --shard K/N: one CI job's share of the units --*- C++ -*-===//
//
// CI matrices split a project's units over N jobs. The split must be the same
// on every machine, so it depends only on the sorted unit paths: shard K gets
// the K-th contiguous block, which keeps the units of one folder together and
// lets merged shard reports come out in the unsharded run's unit order.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_CHECK_SHARDS_H
#define GREENLINT_TOOLS_CHECK_SHARDS_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace greenlint {

/// Shard Index (1-based) of Count.
struct Shard {
  unsigned Index = 1;
  unsigned Count = 1;
};

/// Parses "K/N" with 1 <= K <= N; \p Error says what is wrong and what to do.
bool parseShard(llvm::StringRef Text, Shard &Out, std::string &Error);

/// Keeps only \p S's block of \p SortedUnits (sorted and without duplicates).
/// Blocks differ in size by at most one unit and together cover every unit
/// exactly once.
void selectShard(std::vector<std::string> &SortedUnits, const Shard &S);

} // namespace greenlint

#endif
