//===- RaplMeter.cpp - RAPL energy through powercap sysfs -----------------===//
//
// Counting rules, because every double count seen in peer tools comes from
// summing overlapping zones:
//  - core and uncore sit inside their package: never counted;
//  - psys covers package and DRAM: used only when there is no package zone;
//  - intel-rapl-mmio repeats the MSR package zone of the same name: skipped;
//  - AMD exposes one socket counter once per die ("package-0-die-1") and
//    sometimes as equal package zones: dies of one socket, or zones whose
//    counters read identical back to back, are counted once.
//
//===----------------------------------------------------------------------===//

#include "meters/Meter.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <unistd.h>

namespace greenlint {
namespace rt {

uint64_t wrappedDeltaUj(uint64_t Prev, uint64_t Cur, uint64_t MaxRangeUj) {
  if (Cur >= Prev)
    return Cur - Prev;
  // The counter passed max_energy_range_uj and restarted at zero.
  if (MaxRangeUj >= Prev)
    return (MaxRangeUj - Prev) + Cur;
  return Cur; // inconsistent range: count only what is certain
}

static bool readU64(int Fd, uint64_t &Out) {
  char Buf[32];
  ssize_t N = ::pread(Fd, Buf, sizeof(Buf) - 1, 0);
  if (N <= 0)
    return false;
  Buf[N] = 0;
  char *End;
  errno = 0;
  unsigned long long V = std::strtoull(Buf, &End, 10);
  if (End == Buf || errno)
    return false;
  Out = V;
  return true;
}

static std::string trim(std::string S) {
  while (!S.empty() && (S.back() == '\n' || S.back() == ' '))
    S.pop_back();
  return S;
}

namespace {
struct Candidate {
  std::string Dir, Entry, Name;
  std::string Parent; // entry name of the parent zone, empty at top level
  bool Mmio = false;
  uint64_t MaxRange = 0, Value = 0;
  int Fd = -1;
  bool Keep = false;
};
} // namespace

std::unique_ptr<RaplMeter> RaplMeter::open(const std::string &Root,
                                           const std::string &VendorHint,
                                           std::string &Reason) {
  std::string Base = underRoot(Root, "/sys/class/powercap");
  DIR *D = ::opendir(Base.c_str());
  if (!D) {
    Reason = "no powercap at " + Base;
    return nullptr;
  }
  std::vector<Candidate> Cands;
  std::string Denied;
  while (dirent *E = ::readdir(D)) {
    std::string Entry = E->d_name;
    bool Mmio = Entry.rfind("intel-rapl-mmio:", 0) == 0;
    if (!Mmio && Entry.rfind("intel-rapl:", 0) != 0)
      continue;
    Candidate C;
    C.Entry = Entry;
    C.Dir = Base + "/" + Entry;
    C.Mmio = Mmio;
    size_t Last = Entry.rfind(':');
    size_t First = Entry.find(':');
    if (Last != First)
      C.Parent = Entry.substr(0, Last);
    std::string Text;
    if (!readTextFile(C.Dir + "/name", Text))
      continue;
    C.Name = trim(Text);
    if (readTextFile(C.Dir + "/max_energy_range_uj", Text))
      C.MaxRange = std::strtoull(Text.c_str(), nullptr, 10);
    C.Fd = ::open((C.Dir + "/energy_uj").c_str(), O_RDONLY | O_CLOEXEC);
    if (C.Fd < 0) {
      if (errno == EACCES || errno == EPERM)
        Denied = C.Dir + "/energy_uj";
      continue;
    }
    if (!readU64(C.Fd, C.Value)) {
      if (errno == EACCES || errno == EPERM)
        Denied = C.Dir + "/energy_uj";
      ::close(C.Fd);
      continue;
    }
    Cands.push_back(std::move(C));
  }
  ::closedir(D);
  std::sort(
      Cands.begin(), Cands.end(),
      [](const Candidate &A, const Candidate &B) { return A.Entry < B.Entry; });
  if (Cands.empty()) {
    Reason = Denied.empty()
                 ? "no readable RAPL zone under " + Base
                 : "permission denied reading " + Denied +
                       " (root-only since CVE-2020-8694; grant read access "
                       "or set GREENLINT_METER=model)";
    return nullptr;
  }

  std::unique_ptr<RaplMeter> M(new RaplMeter(Root));
  bool Amd = VendorHint.find("AMD") != std::string::npos ||
             VendorHint.find("Hygon") != std::string::npos;
  auto isPackage = [](const Candidate &C) {
    return C.Name.rfind("package-", 0) == 0;
  };
  // Socket number of "package-P" or "package-P-die-D".
  auto socketOf = [](const Candidate &C) {
    return std::atoi(C.Name.c_str() + std::strlen("package-"));
  };
  std::map<std::string, bool> MsrNames;
  for (const Candidate &C : Cands)
    if (!C.Mmio)
      MsrNames[C.Name] = true;

  std::vector<Candidate *> Kept;
  std::map<int, Candidate *> SocketZone;
  bool AnyPackage = false;
  for (Candidate &C : Cands) {
    if (!isPackage(C))
      continue;
    AnyPackage = true;
    if (C.Mmio && MsrNames.count(C.Name)) {
      M->Skipped.push_back(C.Entry + " (" + C.Name +
                           ": MMIO copy of the MSR zone)");
      continue;
    }
    bool Die = C.Name.find("-die-") != std::string::npos;
    int Socket = socketOf(C);
    bool Mirror = false;
    if (Die && Amd && SocketZone.count(Socket))
      Mirror = true;
    for (Candidate *K : Kept)
      if (K->Value == C.Value && K->MaxRange == C.MaxRange && C.Value != 0)
        Mirror = true;
    if (Mirror) {
      M->Skipped.push_back(C.Entry + " (" + C.Name +
                           ": mirror of the same socket counter)");
      continue;
    }
    C.Keep = true;
    Kept.push_back(&C);
    SocketZone.emplace(Socket, &C);
  }
  for (Candidate &C : Cands) {
    if (C.Keep || isPackage(C))
      continue;
    if (C.Name == "dram") {
      bool ParentKept = C.Parent.empty();
      for (Candidate *K : Kept)
        if (K->Entry == C.Parent)
          ParentKept = true;
      if (ParentKept && AnyPackage) {
        C.Keep = true;
        continue;
      }
      M->Skipped.push_back(C.Entry + " (dram of an uncounted zone)");
    } else if (C.Name == "psys") {
      if (!AnyPackage) {
        C.Keep = true;
        continue;
      }
      M->Skipped.push_back(C.Entry +
                           " (psys: overlaps package and dram, counted)");
    } else {
      M->Skipped.push_back(C.Entry + " (" + C.Name + ": inside its package)");
    }
  }
  for (Candidate &C : Cands) {
    if (!C.Keep) {
      ::close(C.Fd);
      continue;
    }
    Zone Z;
    Z.Path = C.Dir;
    Z.Name = C.Name;
    Z.Domain = C.Name == "dram" ? "dram" : "cpu";
    Z.MaxRangeUj = C.MaxRange;
    Z.LastUj = C.Value;
    Z.Fd = C.Fd;
    M->Zones.push_back(std::move(Z));
  }
  if (M->Zones.empty()) {
    Reason = "no countable RAPL zone under " + Base;
    return nullptr;
  }
  return M;
}

RaplMeter::~RaplMeter() {
  for (Zone &Z : Zones)
    if (Z.Fd >= 0)
      ::close(Z.Fd);
}

std::string RaplMeter::detail() const {
  std::string S = "powercap zones:";
  for (const Zone &Z : Zones)
    S += " " + Z.Name + "(" + Z.Domain + ")";
  if (!Skipped.empty()) {
    S += "; not counted:";
    for (const std::string &K : Skipped)
      S += " " + K + ";";
    S.pop_back();
  }
  return S;
}

EnergySplit RaplMeter::readMachine() {
  EnergySplit E;
  for (Zone &Z : Zones) {
    uint64_t Cur;
    if (!readU64(Z.Fd, Cur))
      continue;
    double J =
        static_cast<double>(wrappedDeltaUj(Z.LastUj, Cur, Z.MaxRangeUj)) * 1e-6;
    Z.LastUj = Cur;
    if (Z.Domain == "dram")
      E.DramJ += J;
    else
      E.CpuJ += J;
  }
  return E;
}

EnergySplit RaplMeter::read(const IntervalInput &In) {
  EnergySplit E = readMachine();
  double S = Share.update(In.ProcessCpuS);
  E.CpuJ *= S;
  E.DramJ *= S;
  return E;
}

} // namespace rt
} // namespace greenlint
