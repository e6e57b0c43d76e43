//===- WorkerPool.h - Runs numbered tasks on threads ------------*- C++ -*-===//
//
// `greenlint check` lints its translation units in parallel; each worker
// takes the next unnumbered task, so a slow unit does not hold up a queue.
//
//===----------------------------------------------------------------------===//
#ifndef GREENLINT_TOOLS_WORKERPOOL_H
#define GREENLINT_TOOLS_WORKERPOOL_H

#include <cstddef>
#include <functional>

namespace greenlint {

/// Calls \p Task(I) once for each I in [0, Count) on \p Threads threads
/// (on the calling thread when 1); returns when all have returned. Tasks run
/// in any order: each should write to its own slot, so results come out in
/// the same order whatever the scheduling.
void runInParallel(size_t Count, unsigned Threads,
                   const std::function<void(size_t)> &Task);

} // namespace greenlint

#endif
