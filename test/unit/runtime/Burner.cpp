// A measured program for the runtime tests: burns CPU inside regions.
//   greenlint_rt_burner burn SECONDS      one thread, region "burn"
//   greenlint_rt_burner threads SECONDS   four threads that exit early
//   greenlint_rt_burner fork SECONDS      parent and forked child
//   greenlint_rt_burner threadcount       prints the process's thread count
// It prints "done" when it finishes normally, so a test can tell that the
// host program kept running whatever the runtime thought of its input.
#include "greenlint/region.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
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
