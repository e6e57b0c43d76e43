//===- Runtime.cpp - C API, thread registry and recording lifecycle -------===//
//
// Hot path: one relaxed load of the global gate; when recording, a
// thread-local pointer, a pointer-keyed cache lookup for the name id, two
// stores on the thread's own stack and one counter bump. The first use of a
// name on a thread, and a thread's first call, take a lock and allocate.
//
// Lifecycle: a library constructor reads GREENLINT_*; with a ledger folder it
// opens the ledger, writes the header and starts the sampler thread. atexit,
// SIGINT and SIGTERM write the last record and the footer. A forked child
// starts its own ledger lazily, at its first greenlint call, so that
// fork+exec children do not leave empty ledgers behind.
//
// Over 500 lines on purpose: the C API's inline hot path, the thread registry
// and the lifecycle hooks share file-local state (the gate, the thread-local
// pointer, the control block); splitting them would put that state behind a
// header every runtime file could reach, and out of the inliner's sight.
//
//===----------------------------------------------------------------------===//

#include "greenlint/greenlint.h"

#include "GpuSync.h"
#include "Runtime.h"
#include "Sampler.h"
#include "Session.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <pthread.h>
#include <semaphore.h>
#include <string>
#include <sys/prctl.h>
#include <unistd.h>
#include <unordered_map>

#define GREENLINT_LIKELY(X) __builtin_expect(!!(X), 1)
#define GREENLINT_UNLIKELY(X) __builtin_expect(!!(X), 0)

// The C API keeps C names (runtime/include/greenlint/.clang-tidy).
// NOLINTBEGIN(readability-identifier-naming)
extern "C" GREENLINT_API const int greenlint_runtime_linked = 1;
// Referenced by code the greenlint plugin instruments, so that linking it
// without this library fails with a message that names the fix.
extern "C" GREENLINT_API const int
    greenlint_instrumented_code_needs_libgreenlint_rt = 1;
// NOLINTEND(readability-identifier-naming)

namespace greenlint {
namespace rt {

const char *const NoRegionName = "(none)";

namespace {

// The gate every API call checks first.
std::atomic<bool> Active{false};

// Initial-exec keeps the access a single %fs-relative load even in the
// shared library; the runtime is linked, not dlopened, in normal use.
__thread ThreadState *Current __attribute__((tls_model("initial-exec"))) =
    nullptr;

std::atomic<const char *> NameTable[MaxNames];
std::atomic<uint32_t> NameTotal{1};

struct NameIndex {
  std::mutex Mutex;
  std::unordered_map<std::string, uint32_t> Ids;
};

// Heap objects that are never freed: atexit handlers and other libraries'
// static destructors may still call in after our statics would be gone.
NameIndex &names() {
  static NameIndex *N = new NameIndex();
  return *N;
}

struct Control {
  std::mutex SamplerMutex; // guards Smp and every sampling pass
  Sampler *Smp = nullptr;
  bool Finished = false;
  pthread_t Thread{};
  std::atomic<bool> ThreadRunning{false};
  std::atomic<bool> Stop{false};
  sem_t Wake;
  std::atomic<int> PendingSignal{0};
  std::atomic<bool> SignalFinal{false};
  std::atomic<bool> SignalDone{false};
  std::atomic<bool> InSignal{false};
  std::atomic<double> SamplerCpu{0};
  bool OnceDone = false;
  pthread_key_t ExitKey{};
  struct sigaction Prev[2];
  bool Installed[2] = {false, false};
  // Fork: the child starts recording at its first call.
  std::atomic<bool> ForkPending{false};
  ThreadState *ForkedState = nullptr;
  pthread_t ForkedThread{};
};

Control *Ctl = nullptr; // set before any handler can run

Control &ctl() {
  if (!Ctl)
    Ctl = new Control();
  return *Ctl;
}

double threadCpuSeconds() {
  timespec Ts;
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &Ts);
  return static_cast<double>(Ts.tv_sec) + Ts.tv_nsec * 1e-9;
}

void onThreadExit(void *P) {
  auto *T = static_cast<ThreadState *>(P);
  double Cpu = threadCpuSeconds();
  Registry &R = registry();
  {
    std::lock_guard<std::mutex> Lock(R.Mutex);
    T->FinalCpuS = Cpu;
    T->Exited = true;
  }
  Current = nullptr;
}

void startForkedChild();

ThreadState *attachThread() {
  Control &C = ctl();
  if (C.ForkPending.load(std::memory_order_acquire))
    startForkedChild();
  if (!Active.load(std::memory_order_relaxed))
    return nullptr;
  if (C.ForkedState && pthread_equal(pthread_self(), C.ForkedThread)) {
    // The forking thread keeps its open regions in the child.
    Current = C.ForkedState;
    C.ForkedState = nullptr;
    pthread_setspecific(C.ExitKey, Current);
    return Current;
  }
  auto *T = new ThreadState();
  if (pthread_getcpuclockid(pthread_self(), &T->CpuClock) != 0)
    T->CpuClock = CLOCK_THREAD_CPUTIME_ID; // only wrong if another reads it
  // CPU used before the first call is outside every region: leave it to
  // "(none)" through the process clock.
  T->LastCpuS = threadCpuSeconds();
  {
    Registry &R = registry();
    std::lock_guard<std::mutex> Lock(R.Mutex);
    T->Next = R.Head;
    R.Head = T;
  }
  Current = T;
  pthread_setspecific(C.ExitKey, T);
  return T;
}

__attribute__((noinline)) uint32_t slowId(const char *Name,
                                          ThreadState::CacheEntry &E) {
  uint32_t Id = internName(Name ? Name : "(null)");
  E.Ptr = Name;
  E.Id = Id;
  return Id;
}

inline uint32_t idFor(ThreadState *T, const char *Name) {
  uintptr_t A = reinterpret_cast<uintptr_t>(Name);
  ThreadState::CacheEntry &E = T->Cache[(A ^ (A >> 9)) & (CacheSize - 1)];
  // A zeroed entry matches a null name with id 0, "(none)": acceptable.
  if (GREENLINT_LIKELY(E.Ptr == Name))
    return E.Id;
  return slowId(Name, E);
}

__attribute__((noinline)) CallChunk *newChunk(ThreadState *T, uint32_t Index) {
  auto *C = new CallChunk();
  T->Chunks[Index].store(C, std::memory_order_release);
  return C;
}

inline void countCall(ThreadState *T, uint32_t Id) {
  CallChunk *C = T->Chunks[Id / ChunkSize].load(std::memory_order_relaxed);
  if (GREENLINT_UNLIKELY(!C))
    C = newChunk(T, Id / ChunkSize);
  std::atomic<uint64_t> &Ctr = C->Calls[Id % ChunkSize];
  // Single writer: a load and a store, no locked read-modify-write.
  Ctr.store(Ctr.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
}

void *samplerMain(void *) {
  Control &C = ctl();
  ::prctl(PR_SET_NAME, "greenlint-smp", 0, 0, 0);
  timespec Next;
  ::clock_gettime(CLOCK_MONOTONIC, &Next);
  for (;;) {
    unsigned Ms;
    {
      std::lock_guard<std::mutex> Lock(C.SamplerMutex);
      Ms = C.Smp ? C.Smp->session().Cfg.SampleMs : 10;
    }
    Next.tv_nsec += static_cast<long>(Ms % 1000) * 1000000L;
    Next.tv_sec += Ms / 1000;
    if (Next.tv_nsec >= 1000000000L) {
      Next.tv_nsec -= 1000000000L;
      ++Next.tv_sec;
    }
    while (::sem_clockwait(&C.Wake, CLOCK_MONOTONIC, &Next) != 0 &&
           errno == EINTR) {
    }
    if (C.Stop.load())
      break;
    int Sig = C.PendingSignal.exchange(0);
    bool Done = false;
    {
      std::lock_guard<std::mutex> Lock(C.SamplerMutex);
      if (C.Finished || !C.Smp) {
        Done = true;
      } else if (Sig && C.SignalFinal.load()) {
        C.Smp->writeFooter("signal", Sig);
        C.Finished = true;
        Active.store(false);
        Done = true;
      } else {
        C.Smp->sample(Sig != 0);
      }
    }
    if (Sig)
      C.SignalDone.store(true);
    C.SamplerCpu.store(threadCpuSeconds(), std::memory_order_relaxed);
    if (Done)
      break;
    // After a stall (suspended VM, debugger) do not fire a burst of samples.
    timespec Now;
    ::clock_gettime(CLOCK_MONOTONIC, &Now);
    if (Now.tv_sec > Next.tv_sec + 1)
      Next = Now;
  }
  return nullptr;
}

bool startSamplerThread() {
  Control &C = ctl();
  C.Stop.store(false);
  ::sem_init(&C.Wake, 0, 0);
  // The sampler must never run a signal handler: the handler waits for it.
  sigset_t All, Old;
  sigfillset(&All);
  pthread_sigmask(SIG_SETMASK, &All, &Old);
  int Err = pthread_create(&C.Thread, nullptr, samplerMain, nullptr);
  pthread_sigmask(SIG_SETMASK, &Old, nullptr);
  if (Err != 0) {
    std::fprintf(stderr,
                 "greenlint: cannot start the sampler thread: %s; recording "
                 "is off, the program runs unmeasured\n",
                 std::strerror(Err));
    return false;
  }
  C.ThreadRunning.store(true);
  return true;
}

void stopSamplerThread() {
  Control &C = ctl();
  if (!C.ThreadRunning.exchange(false))
    return;
  C.Stop.store(true);
  ::sem_post(&C.Wake);
  pthread_join(C.Thread, nullptr);
}

void onSignal(int Sig, siginfo_t *Info, void *Context) {
  int SavedErrno = errno;
  Control &C = *Ctl;
  struct sigaction &Prev = C.Prev[Sig == SIGINT ? 0 : 1];
  bool Default = !(Prev.sa_flags & SA_SIGINFO) && Prev.sa_handler == SIG_DFL;
  if (C.ThreadRunning.load() && !C.InSignal.exchange(true)) {
    // Formatting JSON is not async-signal-safe: the sampler thread does it
    // while this handler waits (bounded, in case it cannot get its locks).
    C.SignalFinal.store(Default);
    C.SignalDone.store(false);
    C.PendingSignal.store(Sig);
    ::sem_post(&C.Wake);
    for (int I = 0; I < 2000 && !C.SignalDone.load(); ++I) {
      timespec Ms = {0, 1000000};
      ::nanosleep(&Ms, nullptr);
    }
    C.InSignal.store(false);
  }
  errno = SavedErrno;
  if (Default) {
    // Die of the signal as the program would have without us.
    ::sigaction(Sig, &Prev, nullptr);
    sigset_t Set;
    sigemptyset(&Set);
    sigaddset(&Set, Sig);
    pthread_sigmask(SIG_UNBLOCK, &Set, nullptr);
    ::raise(Sig);
    return;
  }
  if (Prev.sa_flags & SA_SIGINFO)
    Prev.sa_sigaction(Sig, Info, Context);
  else if (Prev.sa_handler != SIG_IGN)
    Prev.sa_handler(Sig);
}

void installSignalHandlers() {
  Control &C = ctl();
  const int Sigs[2] = {SIGINT, SIGTERM};
  for (int I = 0; I < 2; ++I) {
    if (C.Installed[I])
      continue;
    struct sigaction Prev;
    if (::sigaction(Sigs[I], nullptr, &Prev) != 0)
      continue;
    // An ignored signal stays ignored (nohup, shells' background jobs).
    if (!(Prev.sa_flags & SA_SIGINFO) && Prev.sa_handler == SIG_IGN)
      continue;
    C.Prev[I] = Prev;
    struct sigaction Act;
    std::memset(&Act, 0, sizeof(Act));
    Act.sa_sigaction = onSignal;
    Act.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&Act.sa_mask);
    if (::sigaction(Sigs[I], &Act, nullptr) == 0)
      C.Installed[I] = true;
  }
}

void onExit() {
  Control &C = ctl();
  stopSamplerThread();
  std::lock_guard<std::mutex> Lock(C.SamplerMutex);
  if (C.Smp && !C.Finished && C.Smp->ledger().isOpen())
    C.Smp->writeFooter("exit", 0);
  C.Finished = true;
  Active.store(false);
}

void forkPrepare() {
  Control &C = ctl();
  C.SamplerMutex.lock();
  registry().Mutex.lock();
  names().Mutex.lock();
}

void forkParent() {
  names().Mutex.unlock();
  registry().Mutex.unlock();
  ctl().SamplerMutex.unlock();
}

void forkChild() {
  Control &C = ctl();
  names().Mutex.unlock();
  registry().Mutex.unlock();
  C.SamplerMutex.unlock();
  C.ThreadRunning.store(false); // the sampler thread was not copied
  C.PendingSignal.store(0);
  C.InSignal.store(false);
  if (!C.Smp || C.Finished)
    return;
  // Only the forking thread exists here; the others' states are garbage.
  Registry &R = registry();
  ThreadState *Keep = nullptr;
  for (ThreadState *T = R.Head, *Next; T; T = Next) {
    Next = T->Next;
    if (T == Current) {
      Keep = T;
      continue;
    }
    for (auto &Chunk : T->Chunks)
      delete Chunk.load(std::memory_order_relaxed);
    delete T;
  }
  R.Head = Keep;
  if (Keep) {
    Keep->Next = nullptr;
    pthread_getcpuclockid(pthread_self(), &Keep->CpuClock);
    Keep->LastCpuS = threadCpuSeconds();
    // The parent's ledger already has these counts.
    for (auto &Chunk : Keep->Chunks)
      if (CallChunk *Ch = Chunk.load(std::memory_order_relaxed))
        for (uint32_t I = 0; I < ChunkSize; ++I)
          Ch->Seen[I] = Ch->Calls[I].load(std::memory_order_relaxed);
    for (UnitSlot &U : Keep->Units)
      U.Seen = U.Count.load(std::memory_order_relaxed);
  }
  C.Smp->resetAfterFork();
  C.ForkedState = Keep;
  C.ForkedThread = pthread_self();
  Current = nullptr; // routes the next call through attachThread
  C.ForkPending.store(true, std::memory_order_release);
}

void startForkedChild() {
  Control &C = ctl();
  std::lock_guard<std::mutex> Lock(C.SamplerMutex);
  if (!C.ForkPending.exchange(false))
    return;
  std::string Error;
  if (!C.Smp->openLedger(Error)) {
    std::fprintf(stderr,
                 "greenlint: %s; set GREENLINT_LEDGER to a writable folder; "
                 "recording is off in process %d, it runs unmeasured\n",
                 Error.c_str(), static_cast<int>(::getpid()));
    C.Finished = true;
    Active.store(false);
    return;
  }
  C.Smp->writeHeader(static_cast<int>(::getppid()));
  if (!startSamplerThread()) {
    C.Finished = true;
    Active.store(false);
  }
}

void onceSetup() {
  Control &C = ctl();
  if (C.OnceDone)
    return;
  C.OnceDone = true;
  pthread_key_create(&C.ExitKey, onThreadExit);
  pthread_atfork(forkPrepare, forkParent, forkChild);
  std::atexit(onExit);
}

void reportDisabled(const std::string &Error) {
  std::fprintf(stderr,
               "greenlint: %s; recording is off, the program runs "
               "unmeasured\n",
               Error.c_str());
}

} // namespace

Registry &registry() {
  static Registry *R = new Registry();
  return *R;
}

uint32_t internName(const char *Name) {
  NameIndex &N = names();
  std::lock_guard<std::mutex> Lock(N.Mutex);
  auto It = N.Ids.find(Name);
  if (It != N.Ids.end())
    return It->second;
  uint32_t Id = NameTotal.load(std::memory_order_relaxed);
  if (Id >= MaxNames)
    return NoRegionId; // past 65535 names everything new is "(none)"
  // Names live as long as the process: a sampler or exit handler may still
  // read them after every other static is gone.
  // NOLINTBEGIN(clang-analyzer-unix.Malloc)
  char *Copy = ::strdup(Name);
  NameTable[Id].store(Copy, std::memory_order_release);
  NameTotal.store(Id + 1, std::memory_order_release);
  N.Ids.emplace(Name, Id);
  return Id;
  // NOLINTEND(clang-analyzer-unix.Malloc)
}

const char *nameOf(uint32_t Id) {
  if (Id == NoRegionId || Id >= MaxNames)
    return NoRegionName;
  const char *N = NameTable[Id].load(std::memory_order_acquire);
  return N ? N : NoRegionName;
}

uint32_t nameCount() { return NameTotal.load(std::memory_order_acquire); }

bool initialiseFromEnvironment() {
  Control &C = ctl();
  {
    std::lock_guard<std::mutex> Lock(C.SamplerMutex);
    if (C.Smp && !C.Finished)
      return true;
  }
  Config Cfg;
  std::string Error;
  if (!readConfig(Cfg, Error)) {
    if (std::getenv("GREENLINT_LEDGER"))
      reportDisabled(Error);
    return false;
  }
  if (Cfg.LedgerDir.empty())
    return false;
  std::unique_ptr<Session> S(new Session());
  if (!buildSession(Cfg, *S, Error)) {
    reportDisabled(Error);
    return false;
  }
  // Only the library constructor's start covers the process from its start;
  // a restart (benchmarks after setenv) begins now.
  static bool Restart = false;
  std::unique_ptr<Sampler> Smp(new Sampler(std::move(S), !Restart));
  Restart = true;
  if (!Smp->openLedger(Error)) {
    reportDisabled(Error + "; set GREENLINT_LEDGER to a writable folder");
    return false;
  }
  Smp->writeHeader(static_cast<int>(::getppid()));
  const Session &Sess = Smp->session();
  // GREENLINT_QUIET=1 keeps only the warning about a generic profile.
  if (!Cfg.Quiet)
    std::fprintf(stderr, "%s\n", Smp->announcement().c_str());
  else if (Sess.Profile->Generic)
    std::fprintf(stderr, "%s\n", Smp->genericProfileWarning().c_str());
  onceSetup();
  std::string SyncMessage =
      configureGpuSync(std::getenv("GREENLINT_GPU_SYNC"), cudartNames());
  if (!SyncMessage.empty())
    std::fprintf(stderr, "%s\n", SyncMessage.c_str());
  {
    std::lock_guard<std::mutex> Lock(C.SamplerMutex);
    delete C.Smp;
    C.Smp = Smp.release();
    C.Finished = false;
  }
  installSignalHandlers();
  if (!startSamplerThread())
    return false;
  Active.store(true);
  return true;
}

void shutdownRecording(const char *Reason) {
  Control &C = ctl();
  stopSamplerThread();
  std::lock_guard<std::mutex> Lock(C.SamplerMutex);
  if (C.Smp && !C.Finished && C.Smp->ledger().isOpen())
    C.Smp->writeFooter(Reason, 0);
  C.Finished = true;
  Active.store(false);
}

bool recording() { return Active.load(std::memory_order_relaxed); }

uint32_t currentDepth() {
  return Current ? Current->Depth.load(std::memory_order_relaxed) : 0;
}

const std::string &ledgerPath() {
  static const std::string Empty;
  Control &C = ctl();
  return C.Smp ? C.Smp->ledger().path() : Empty;
}

double samplerCpuSeconds() {
  return ctl().SamplerCpu.load(std::memory_order_relaxed);
}

uint64_t samplesTaken() {
  Control &C = ctl();
  std::lock_guard<std::mutex> Lock(C.SamplerMutex);
  return C.Smp ? C.Smp->samples() : 0;
}

} // namespace rt
} // namespace greenlint

using namespace greenlint::rt;

// NOLINTBEGIN(readability-identifier-naming)
extern "C" {

void greenlint_region_begin(const char *Name) {
  if (GREENLINT_LIKELY(!Active.load(std::memory_order_relaxed)))
    return;
  // GREENLINT_GPU_SYNC=1: the GPU work launched so far belongs to the
  // region(s) active until now, not to this one.
  if (GpuSyncFn Sync = GpuSyncAtEdges.load(std::memory_order_relaxed);
      GREENLINT_UNLIKELY(Sync != nullptr))
    Sync();
  ThreadState *T = Current;
  if (GREENLINT_UNLIKELY(!T)) {
    T = attachThread();
    if (!T)
      return;
  }
  uint32_t Id = idFor(T, Name);
  uint32_t D = T->Depth.load(std::memory_order_relaxed);
  if (GREENLINT_LIKELY(D < MaxDepth))
    T->Stack[D].store(Id, std::memory_order_relaxed);
  // Release: the sampler that sees the new depth sees the id under it.
  T->Depth.store(D + 1, std::memory_order_release);
  countCall(T, Id);
}

void greenlint_region_end(void) {
  if (GREENLINT_LIKELY(!Active.load(std::memory_order_relaxed)))
    return;
  if (GpuSyncFn Sync = GpuSyncAtEdges.load(std::memory_order_relaxed);
      GREENLINT_UNLIKELY(Sync != nullptr))
    Sync();
  ThreadState *T = Current;
  // A thread's first call may be an end: a forked child's end of a region
  // begun before fork, or an unbalanced end, which the footer must count.
  if (GREENLINT_UNLIKELY(!T)) {
    T = attachThread();
    if (!T)
      return;
  }
  uint32_t D = T->Depth.load(std::memory_order_relaxed);
  if (GREENLINT_UNLIKELY(D == 0)) {
    T->UnbalancedEnds.store(T->UnbalancedEnds.load(std::memory_order_relaxed) +
                                1,
                            std::memory_order_relaxed);
    return;
  }
  T->Depth.store(D - 1, std::memory_order_release);
}

void greenlint_units(const char *Unit, uint64_t N) {
  if (GREENLINT_LIKELY(!Active.load(std::memory_order_relaxed)) || !Unit)
    return;
  ThreadState *T = Current;
  if (!T) {
    T = attachThread();
    if (!T)
      return;
  }
  uint32_t UnitId = idFor(T, Unit);
  if (UnitId == NoRegionId)
    return;
  uint32_t D = T->Depth.load(std::memory_order_relaxed);
  uint32_t Region =
      D ? T->Stack[std::min(D, MaxDepth) - 1].load(std::memory_order_relaxed)
        : NoRegionId;
  uint64_t Key = (static_cast<uint64_t>(Region) << 32) | UnitId;
  uint32_t H = static_cast<uint32_t>((Key * 0x9E3779B97F4A7C15ull) >> 56);
  for (uint32_t Probe = 0; Probe < UnitSlots; ++Probe) {
    UnitSlot &S = T->Units[(H + Probe) & (UnitSlots - 1)];
    uint64_t K = S.Key.load(std::memory_order_relaxed);
    if (K == Key) {
      S.Count.store(S.Count.load(std::memory_order_relaxed) + N,
                    std::memory_order_relaxed);
      return;
    }
    if (K == 0) {
      // Count before key: the sampler only reads slots whose key it sees.
      S.Count.store(N, std::memory_order_relaxed);
      S.Key.store(Key, std::memory_order_release);
      return;
    }
  }
  T->DroppedUnits.store(T->DroppedUnits.load(std::memory_order_relaxed) + 1,
                        std::memory_order_relaxed);
}

void greenlint_flush(void) {
  if (!Active.load(std::memory_order_relaxed))
    return;
  Control &C = ctl();
  if (C.ForkPending.load(std::memory_order_acquire))
    startForkedChild();
  std::lock_guard<std::mutex> Lock(C.SamplerMutex);
  if (C.Smp && !C.Finished)
    C.Smp->sample(true);
}

int greenlint_enabled(void) {
  return Active.load(std::memory_order_relaxed) ? 1 : 0;
}

} // extern "C"
// NOLINTEND(readability-identifier-naming)

// Runs when the program (or the shared library) is loaded; in the static
// library it lives in the same object as the API, so linking any API call
// brings it in.
__attribute__((constructor)) static void greenlintAutoStart() {
  greenlint::rt::initialiseFromEnvironment();
}
