//===- Ledger.h - one append-only JSON-lines file per process ---*- C++ -*-===//
#ifndef GREENLINT_RUNTIME_LEDGER_H
#define GREENLINT_RUNTIME_LEDGER_H

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace greenlint {
namespace rt {

class Ledger {
public:
  ~Ledger();
  // Creates Dir (and parents) and a new <host>-<pid>.jsonl in it; a pid
  // reused on the same host gets a numbered name rather than a shared file.
  bool open(const std::string &Dir, std::string &Error);
  // Appends one record (a line without its newline), whole or not at all: a
  // write that fails part way (full disk, EIO, file size limit) is cut back,
  // so the file never holds half a record followed by more. A failure is
  // said once on stderr; the caller keeps what it could not write and may
  // try again later (the disk may free up).
  bool append(const std::string &Line);
  // Drops the descriptor without writing (a forked child's inherited copy).
  void abandon();
  const std::string &path() const { return Path; }
  bool isOpen() const { return Fd >= 0; }
  // Failed appends so far, and the OS's reason for the first one.
  uint64_t failures() const { return Failures; }
  const std::string &firstError() const { return FirstError; }
  // Whether the last append failed.
  bool failing() const { return Failing; }

private:
  int Fd = -1;
  // The file's length after the last whole record: a torn record is cut
  // back to it.
  off_t Committed = 0;
  uint64_t Failures = 0;
  bool Failing = false;
  // A torn record could not be cut back: writing more would bury it in the
  // middle of the file, where a reader rejects the whole ledger.
  bool Broken = false;
  // Failure and recovery are each said once: a disk that fills and frees
  // repeatedly must not flood the program's stderr.
  bool RecoverySaid = false;
  std::string FirstError;
  std::string Path;
};

std::string hostName();

} // namespace rt
} // namespace greenlint

#endif
