//===- Ledger.cpp - ledger file creation and appends ----------------------===//

#include "Ledger.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace greenlint {
namespace rt {

std::string hostName() {
  char Buf[256] = {0};
  if (::gethostname(Buf, sizeof(Buf) - 1) != 0 || !Buf[0])
    return "localhost";
  std::string H = Buf;
  for (char &C : H)
    if (C == '/' || C == ' ')
      C = '_';
  return H;
}

static bool makeDirs(const std::string &Dir, std::string &Error) {
  std::string Partial;
  size_t Pos = 0;
  while (Pos <= Dir.size()) {
    size_t Next = Dir.find('/', Pos);
    if (Next == std::string::npos)
      Next = Dir.size();
    Partial = Dir.substr(0, Next);
    Pos = Next + 1;
    if (Partial.empty())
      continue;
    if (::mkdir(Partial.c_str(), 0777) != 0 && errno != EEXIST) {
      Error = "cannot create ledger folder " + Partial + ": " +
              std::strerror(errno);
      return false;
    }
  }
  struct stat St;
  if (::stat(Dir.c_str(), &St) != 0) {
    Error = "cannot open ledger folder " + Dir + ": " + std::strerror(errno);
    return false;
  }
  if (!S_ISDIR(St.st_mode)) {
    Error = "ledger path " + Dir + " is not a folder";
    return false;
  }
  return true;
}

Ledger::~Ledger() {
  if (Fd >= 0)
    ::close(Fd);
}

bool Ledger::open(const std::string &Dir, std::string &Error) {
  if (!makeDirs(Dir, Error))
    return false;
  std::string Base = Dir + "/" + hostName() + "-" + std::to_string(::getpid());
  for (int N = 0; N < 1000; ++N) {
    Path = Base + (N ? "." + std::to_string(N) : std::string()) + ".jsonl";
    Fd = ::open(Path.c_str(),
                O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
    if (Fd >= 0) {
      Committed = 0;
      Failures = 0;
      Failing = Broken = RecoverySaid = false;
      FirstError.clear();
      return true;
    }
    if (errno != EEXIST) {
      Error = "cannot create ledger file " + Path + ": " + std::strerror(errno);
      return false;
    }
  }
  Error = "too many ledgers named " + Base + "*.jsonl";
  return false;
}

bool Ledger::append(const std::string &Line) {
  if (Fd < 0 || Broken)
    return false;
  std::string Buf = Line;
  Buf += '\n';
  const char *P = Buf.data();
  size_t Left = Buf.size();
  while (Left) {
    ssize_t N = ::write(Fd, P, Left);
    if (N < 0 && errno == EINTR)
      continue;
    if (N > 0) {
      P += N;
      Left -= static_cast<size_t>(N);
      continue;
    }
    // write(2) returns 0 only for a zero-length request; treat it as no
    // space rather than loop forever.
    int Err = N < 0 ? errno : ENOSPC;
    ++Failures;
    if (Left != Buf.size() && ::ftruncate(Fd, Committed) != 0)
      Broken = true;
    if (FirstError.empty())
      FirstError = std::strerror(Err);
    if (Failures == 1)
      std::fprintf(stderr, "greenlint: cannot write ledger %s: %s; %s\n",
                   Path.c_str(), std::strerror(Err),
                   Broken ? "a torn record could not be removed, so recording "
                            "stops here; the program continues"
                          : "the figures are kept in memory and written with "
                            "the next record that fits; free space there, the "
                            "program continues");
    Failing = true;
    return false;
  }
  Committed += static_cast<off_t>(Buf.size());
  if (Failing && !RecoverySaid)
    std::fprintf(stderr,
                 "greenlint: ledger %s is writable again after %llu failed "
                 "writes; the figures kept meanwhile are in its next record\n",
                 Path.c_str(), static_cast<unsigned long long>(Failures));
  RecoverySaid |= Failing;
  Failing = false;
  return true;
}

void Ledger::abandon() {
  if (Fd >= 0)
    ::close(Fd);
  Fd = -1;
  Path.clear();
}

} // namespace rt
} // namespace greenlint
