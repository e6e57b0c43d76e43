//===- Ledger.h - one append-only JSON-lines file per process ---*- C++ -*-===//
#ifndef GREENLINT_RUNTIME_LEDGER_H
#define GREENLINT_RUNTIME_LEDGER_H

#include <string>

namespace greenlint {
namespace rt {

class Ledger {
public:
  ~Ledger();
  // Creates Dir (and parents) and a new <host>-<pid>.jsonl in it; a pid
  // reused on the same host gets a numbered name rather than a shared file.
  bool open(const std::string &Dir, std::string &Error);
  // Appends one record (a line without its newline) with one write(2), so a
  // killed process leaves whole lines behind.
  bool append(const std::string &Line);
  // Drops the descriptor without writing (a forked child's inherited copy).
  void abandon();
  const std::string &path() const { return Path; }
  bool isOpen() const { return Fd >= 0; }

private:
  int Fd = -1;
  bool Failed = false;
  std::string Path;
};

std::string hostName();

} // namespace rt
} // namespace greenlint

#endif
