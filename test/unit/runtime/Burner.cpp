// A measured program for the runtime tests: burns CPU inside regions.
//   greenlint_rt_burner burn SECONDS      one thread, region "burn"
//   greenlint_rt_burner threads SECONDS   four threads that exit early
//   greenlint_rt_burner fork SECONDS      parent and forked child
//   greenlint_rt_burner threadcount       prints the process's thread count
//   greenlint_rt_burner stray-ends        five region ends before any begin
//   greenlint_rt_burner full-disk SECONDS free|stay
//       writes to the ledger fail (file size limit, EFBIG) while it burns;
//       with "free" they work again before it exits
// It prints "done" when it finishes normally, so a test can tell that the
// host program kept running whatever the runtime thought of its input.
#include "greenlint/region.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

static double threadCpu() {
  timespec Ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &Ts);
  return Ts.tv_sec + Ts.tv_nsec * 1e-9;
}

volatile unsigned long Sink;

// Burns CPU time, not wall time, so a loaded machine only makes it slower.
static void burn(double Seconds, const char *Unit) {
  double End = threadCpu() + Seconds;
  unsigned long X = 1;
  while (threadCpu() < End) {
    for (int I = 0; I < 20000; ++I)
      X = X * 6364136223846793005ul + 1442695040888963407ul;
    if (Unit)
      greenlint::Region::units(Unit, 1);
  }
  Sink = X;
}

// Size of the one ledger in GREENLINT_LEDGER, or -1.
static long ledgerSize() {
  const char *Dir = std::getenv("GREENLINT_LEDGER");
  long Size = -1;
  if (DIR *D = Dir ? opendir(Dir) : nullptr) {
    while (dirent *E = readdir(D)) {
      std::string Path = std::string(Dir) + "/" + E->d_name;
      struct stat St;
      if (Path.size() > 6 && Path.substr(Path.size() - 6) == ".jsonl" &&
          stat(Path.c_str(), &St) == 0)
        Size = static_cast<long>(St.st_size);
    }
    closedir(D);
  }
  return Size;
}

// A full disk without root: a file size limit just past the ledger's end
// makes the next record a short write and every later one fail with EFBIG
// (SIGXFSZ ignored, as it would kill the process).
static void fullDisk(double Seconds, bool FreeUp) {
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit Old;
  getrlimit(RLIMIT_FSIZE, &Old);
  long Size = ledgerSize();
  if (Size < 0) {
    std::printf("no ledger\n");
    return;
  }
  rlimit Full = Old;
  Full.rlim_cur = static_cast<rlim_t>(Size) + 40;
  setrlimit(RLIMIT_FSIZE, &Full);
  {
    GREENLINT_REGION("full");
    for (int I = 0; I < 4; ++I) {
      burn(Seconds / 4, nullptr);
      greenlint::flush();
    }
  }
  if (FreeUp)
    setrlimit(RLIMIT_FSIZE, &Old);
  GREENLINT_REGION("after");
  burn(0.05, nullptr);
}

int main(int Argc, char **Argv) {
  std::string Mode = Argc > 1 ? Argv[1] : "burn";
  double Seconds = Argc > 2 ? std::atof(Argv[2]) : 0.5;
  if (Mode == "threadcount") {
    std::ifstream In("/proc/self/status");
    std::string Line;
    while (std::getline(In, Line))
      if (Line.rfind("Threads:", 0) == 0)
        std::printf("%s\n", Line.c_str());
    GREENLINT_REGION("idle");
  } else if (Mode == "burn") {
    GREENLINT_REGION("burn");
    burn(Seconds, "step");
  } else if (Mode == "threads") {
    std::vector<std::thread> Workers;
    for (int I = 0; I < 4; ++I)
      Workers.emplace_back([Seconds] {
        GREENLINT_REGION("worker");
        burn(Seconds, nullptr);
      });
    for (auto &W : Workers)
      W.join();
    GREENLINT_REGION("main-after");
    burn(Seconds, nullptr);
  } else if (Mode == "stray-ends") {
    // Ends before a thread's first begin: two on main, three on a thread
    // that never begins a region.
    greenlint_region_end();
    greenlint_region_end();
    std::thread([] {
      for (int I = 0; I < 3; ++I)
        greenlint_region_end();
    }).join();
    GREENLINT_REGION("after");
    burn(0.02, nullptr);
  } else if (Mode == "full-disk") {
    fullDisk(Seconds, Argc > 3 && std::strcmp(Argv[3], "free") == 0);
  } else if (Mode == "fork") {
    GREENLINT_REGION("parent");
    pid_t Child = fork();
    if (Child == 0) {
      {
        GREENLINT_REGION("child");
        burn(Seconds, "step");
      }
      std::exit(0);
    }
    burn(Seconds, nullptr);
    int Status;
    waitpid(Child, &Status, 0);
    std::printf("child %d\n", static_cast<int>(Child));
  }
  std::printf("done\n");
  std::fflush(stdout);
  return 0;
}
