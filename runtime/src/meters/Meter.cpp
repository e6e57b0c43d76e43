//===- Meter.cpp - shared helpers of the meters ---------------------------===//

#include "meters/Meter.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace greenlint {
namespace rt {

Meter::~Meter() = default;

std::string underRoot(const std::string &Root, const std::string &Path) {
  if (Root.empty() || Root == "/")
    return Path;
  if (Root.back() == '/')
    return Root.substr(0, Root.size() - 1) + Path;
  return Root + Path;
}

bool readTextFile(const std::string &Path, std::string &Out) {
  int Fd = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return false;
  Out.clear();
  char Buf[4096];
  for (;;) {
    ssize_t N = ::read(Fd, Buf, sizeof(Buf));
    if (N < 0) {
      ::close(Fd);
      return false;
    }
    if (N == 0)
      break;
    Out.append(Buf, static_cast<size_t>(N));
  }
  ::close(Fd);
  return true;
}

CpuShare::CpuShare(std::string Root)
    : StatPath(underRoot(Root, "/proc/stat")) {}

bool CpuShare::readBusySeconds(double &Out) const {
  std::string Text;
  if (!readTextFile(StatPath, Text) || Text.compare(0, 4, "cpu ") != 0)
    return false;
  // cpu user nice system idle iowait irq softirq steal guest guest_nice;
  // guest time is already inside user, and idle/iowait are not busy.
  unsigned long long V[8] = {0};
  if (std::sscanf(Text.c_str() + 4, "%llu %llu %llu %llu %llu %llu %llu %llu",
                  &V[0], &V[1], &V[2], &V[3], &V[4], &V[5], &V[6], &V[7]) < 4)
    return false;
  unsigned long long Busy = V[0] + V[1] + V[2] + V[5] + V[6] + V[7];
  long Hz = sysconf(_SC_CLK_TCK);
  Out = static_cast<double>(Busy) / static_cast<double>(Hz > 0 ? Hz : 100);
  return true;
}

double CpuShare::update(double ProcessCpuS) {
  if (!Readable)
    return Share;
  double Busy;
  if (!readBusySeconds(Busy)) {
    // Without /proc/stat the whole machine reading is kept: say so in the
    // detail rather than guess a share.
    Readable = false;
    Share = 1;
    return Share;
  }
  if (LastBusyS < 0) {
    LastBusyS = Busy;
    return Share;
  }
  AccBusyS += Busy - LastBusyS;
  AccProcS += ProcessCpuS;
  LastBusyS = Busy;
  // A jiffy is 10 ms: wait for a tenth of a CPU-second so the ratio is not
  // dominated by rounding.
  if (AccBusyS >= 0.1) {
    Share = AccProcS / AccBusyS;
    if (Share > 1)
      Share = 1;
    if (Share < 0)
      Share = 0;
    AccBusyS = AccProcS = 0;
  }
  return Share;
}

} // namespace rt
} // namespace greenlint
