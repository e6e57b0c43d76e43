// Helpers for the runtime tests: scratch folders, child processes, ledgers.
#ifndef GREENLINT_TEST_RUNTIME_TESTUTIL_H
#define GREENLINT_TEST_RUNTIME_TESTUTIL_H

#include <nlohmann/json.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <signal.h>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace greenlint_test {

inline std::string makeTempDir() {
  char Tmpl[] = "/tmp/greenlint-rt-XXXXXX";
  const char *D = mkdtemp(Tmpl);
  return D ? D : "/tmp";
}

inline void writeFile(const std::string &Path, const std::string &Text) {
  std::string Dir = Path.substr(0, Path.rfind('/'));
  std::string Cmd = "mkdir -p '" + Dir + "'";
  if (std::system(Cmd.c_str()) != 0)
    return;
  std::ofstream Out(Path, std::ios::trunc);
  Out << Text;
}

inline std::string readFile(const std::string &Path) {
  std::ifstream In(Path);
  std::stringstream S;
  S << In.rdbuf();
  return S.str();
}

inline std::vector<std::string> listLedgers(const std::string &Dir) {
  std::vector<std::string> Out;
  if (DIR *D = opendir(Dir.c_str())) {
    while (dirent *E = readdir(D)) {
      std::string N = E->d_name;
      if (N.size() > 6 && N.substr(N.size() - 6) == ".jsonl")
        Out.push_back(Dir + "/" += N);
    }
    closedir(D);
  }
  return Out;
}

struct ChildResult {
  int Status = 0;
  double CpuS = 0; // user + system, from wait4
  std::string Stdout, Stderr;
  pid_t Pid = 0;
};

// Starts the burner with Env added to (or, with an empty value, removed
// from) the environment. Call finish() to reap it.
struct Child {
  pid_t Pid = -1;
  std::string Program = GREENLINT_TEST_BURNER;
  std::string OutPath, ErrPath;

  void start(const std::vector<std::string> &Args,
             const std::map<std::string, std::string> &Env,
             const std::string &Scratch) {
    OutPath = Scratch + "/stdout.txt";
    ErrPath = Scratch + "/stderr.txt";
    Pid = fork();
    if (Pid == 0) {
      int O = open(OutPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int E = open(ErrPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (O < 0 || E < 0)
        _exit(127); // the scratch folder is gone: the test sees the status
      dup2(O, 1);
      dup2(E, 2);
      for (const char *V :
           {"GREENLINT_LEDGER", "GREENLINT_METER", "GREENLINT_PROFILE",
            "GREENLINT_SAMPLE_MS", "GREENLINT_FLUSH_MS", "GREENLINT_SYSFS_ROOT",
            "GREENLINT_NVML_LIB", "GREENLINT_QUIET"})
        unsetenv(V);
      // Never pick up a real GPU on a test machine unless asked to.
      setenv("GREENLINT_NVML_LIB", "/nonexistent/libnvidia-ml.so.1", 1);
      for (const auto &KV : Env) {
        if (KV.second.empty())
          unsetenv(KV.first.c_str());
        else
          setenv(KV.first.c_str(), KV.second.c_str(), 1);
      }
      std::vector<char *> Argv;
      Argv.push_back(const_cast<char *>(Program.c_str()));
      for (const std::string &A : Args)
        Argv.push_back(const_cast<char *>(A.c_str()));
      Argv.push_back(nullptr);
      execv(Program.c_str(), Argv.data());
      _exit(127);
    }
  }

  ChildResult finish() {
    ChildResult R;
    rusage Usage;
    wait4(Pid, &R.Status, 0, &Usage);
    R.CpuS = Usage.ru_utime.tv_sec + Usage.ru_utime.tv_usec * 1e-6 +
             Usage.ru_stime.tv_sec + Usage.ru_stime.tv_usec * 1e-6;
    R.Stdout = readFile(OutPath);
    R.Stderr = readFile(ErrPath);
    R.Pid = Pid;
    return R;
  }
};

inline ChildResult runBurner(const std::vector<std::string> &Args,
                             const std::map<std::string, std::string> &Env,
                             const std::string &Scratch) {
  Child C;
  C.start(Args, Env, Scratch);
  return C.finish();
}

// The same for another measured program.
inline ChildResult runProgram(const std::string &Program,
                              const std::vector<std::string> &Args,
                              const std::map<std::string, std::string> &Env,
                              const std::string &Scratch) {
  Child C;
  C.Program = Program;
  C.start(Args, Env, Scratch);
  return C.finish();
}

// Every complete line of a ledger, parsed; a torn last line (the process
// was killed inside write) is dropped, as the reader does.
inline std::vector<nlohmann::json> readLedger(const std::string &Path,
                                              bool *AllParsed = nullptr) {
  std::vector<nlohmann::json> Out;
  std::string Text = readFile(Path);
  std::stringstream In(Text);
  std::string Line;
  bool Ok = true;
  while (std::getline(In, Line)) {
    if (Line.empty())
      continue;
    try {
      Out.push_back(nlohmann::json::parse(Line));
    } catch (...) {
      Ok = false;
    }
  }
  if (AllParsed)
    *AllParsed = Ok;
  return Out;
}

inline const nlohmann::json *findRegion(const nlohmann::json &Record,
                                        const std::string &Name) {
  for (const auto &R : Record["regions"])
    if (R["name"] == Name)
      return &R;
  return nullptr;
}

inline double energyOf(const nlohmann::json &Split) {
  return Split["cpu"].get<double>() + Split["dram"].get<double>() +
         Split["gpu"].get<double>();
}

} // namespace greenlint_test

#endif
