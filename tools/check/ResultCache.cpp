//===- ResultCache.cpp - Per-unit cache of check's results ----------------===//
#include "ResultCache.h"
#include "Config.h"
#include "Paths.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>

#ifndef GREENLINT_VERSION
#define GREENLINT_VERSION "0.0.0"
#endif

// The API data built into greenlint (apis/): a rebuilt greenlint with new
// data but the same version number must not reuse old results.
// NOLINTNEXTLINE(misc-use-internal-linkage)
const std::vector<std::pair<const char *, const char *>> &greenlintApiFiles();

namespace greenlint {

namespace {

// v2: findings carry their waste estimate. v3: the unit's project facts.
// An entry of another version is a miss, so older entries are replaced,
// never misread.
const char *const Magic = "greenlint-cache-v3\n";

std::string hexHash(llvm::StringRef Bytes) {
  llvm::XXH128_hash_t H =
      llvm::xxh3_128bits(llvm::arrayRefFromStringRef(Bytes));
  return llvm::utohexstr(H.high64, true, 16) +
         llvm::utohexstr(H.low64, true, 16);
}

/// Length-prefixed fields, so that no text in a finding can be taken for
/// the format's own separators.
class EntryWriter {
public:
  void str(llvm::StringRef S) { OS << S.size() << ':' << S << '\n'; }
  void num(uint64_t N) { OS << N << '\n'; }
  std::string Text;
  llvm::raw_string_ostream OS{Text};
};

/// Reads what EntryWriter wrote; any surprise makes the entry a miss.
class EntryReader {
public:
  explicit EntryReader(llvm::StringRef Body) : Rest(Body) {}
  bool num(uint64_t &N) {
    auto [Line, After] = Rest.split('\n');
    if (Line.size() == Rest.size() || Line.getAsInteger(10, N))
      return false;
    Rest = After;
    return true;
  }
  bool num(unsigned &N) {
    uint64_t Wide;
    if (!num(Wide) || Wide > UINT32_MAX)
      return false;
    N = static_cast<unsigned>(Wide);
    return true;
  }
  bool str(std::string &S) {
    size_t Colon = Rest.find(':');
    uint64_t Size;
    if (Colon == llvm::StringRef::npos ||
        Rest.substr(0, Colon).getAsInteger(10, Size) ||
        Rest.size() - Colon - 1 < Size + 1 || Rest[Colon + 1 + Size] != '\n')
      return false;
    S = Rest.substr(Colon + 1, Size).str();
    Rest = Rest.drop_front(Colon + 2 + Size);
    return true;
  }
  /// A count of items that each take at least one line: larger than what
  /// is left means a damaged entry, not a huge allocation.
  bool count(uint64_t &N) { return num(N) && N <= Rest.size(); }
  bool atEnd() const { return Rest.empty(); }

private:
  llvm::StringRef Rest;
};

void writeFinding(EntryWriter &W, const CheckedFinding &C) {
  const ReportedFinding &F = C.Finding;
  W.str(F.RuleId);
  W.num(static_cast<unsigned>(F.Level));
  W.str(F.File);
  W.num(F.Line);
  W.num(F.Column);
  W.str(F.Message);
  W.num(F.Suppressed);
  W.num(F.Notes.size());
  for (const ReportedFinding::Note &N : F.Notes) {
    W.str(N.File);
    W.num(N.Line);
    W.num(N.Column);
    W.str(N.Message);
  }
  W.num(F.Fixes.size());
  for (const ReportedFinding::Replacement &R : F.Fixes) {
    W.str(R.File);
    W.num(R.Offset);
    W.num(R.Length);
    W.str(R.Text);
  }
  W.str(C.BuildDirectory);
  W.num(static_cast<unsigned>(C.State));
  // The estimate as the reports write it, empty for none: one encoding to
  // keep in step with FindingWaste, not a second one.
  W.str(F.Waste ? F.Waste->toJson().dump() : std::string());
}

bool readFinding(EntryReader &R, CheckedFinding &C) {
  ReportedFinding &F = C.Finding;
  unsigned Level, Suppressed, State;
  uint64_t Count;
  if (!R.str(F.RuleId) || !R.num(Level) ||
      Level > static_cast<unsigned>(Severity::Error) || !R.str(F.File) ||
      !R.num(F.Line) || !R.num(F.Column) || !R.str(F.Message) ||
      !R.num(Suppressed) || Suppressed > 1 || !R.count(Count))
    return false;
  F.Level = static_cast<Severity>(Level);
  F.Suppressed = Suppressed;
  F.Notes.resize(Count);
  for (ReportedFinding::Note &N : F.Notes)
    if (!R.str(N.File) || !R.num(N.Line) || !R.num(N.Column) ||
        !R.str(N.Message))
      return false;
  if (!R.count(Count))
    return false;
  F.Fixes.resize(Count);
  for (ReportedFinding::Replacement &X : F.Fixes)
    if (!R.str(X.File) || !R.num(X.Offset) || !R.num(X.Length) ||
        !R.str(X.Text))
      return false;
  if (!R.str(C.BuildDirectory) || !R.num(State) ||
      State > static_cast<unsigned>(FindingState::Unchanged))
    return false;
  C.State = static_cast<FindingState>(State);
  std::string Waste;
  if (!R.str(Waste))
    return false;
  if (Waste.empty())
    return true;
  nlohmann::ordered_json J =
      nlohmann::ordered_json::parse(Waste, nullptr, /*allow_exceptions=*/false);
  std::string Error;
  F.Waste = estimate::FindingWaste::fromJson(J, Error);
  return F.Waste.has_value();
}

struct EntryFile {
  std::string Path;
  llvm::sys::TimePoint<> Modified;
  uint64_t Size;
};

std::vector<EntryFile> listEntries(const std::string &Dir) {
  std::vector<EntryFile> Entries;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(It->path(), Status) ||
        Status.type() != llvm::sys::fs::file_type::regular_file)
      continue;
    Entries.push_back(
        {It->path(), Status.getLastModificationTime(), Status.getSize()});
  }
  return Entries;
}

} // namespace

bool ResultCache::open(const std::string &Folder, uint64_t Bound,
                       std::string &Error) {
  Dir = Folder;
  MaxBytes = Bound;
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir)) {
    Error = "cannot use the cache folder '" + Dir + "': " + EC.message() +
            "; pass a writable folder with --cache DIR, or --no-cache";
    return false;
  }
  // A folder that exists but cannot be written to would make every store
  // fail silently and every run cold.
  if (llvm::sys::fs::access(Dir, llvm::sys::fs::AccessMode::Write)) {
    Error = "cannot write to the cache folder '" + Dir +
            "'; pass a writable folder with --cache DIR, or --no-cache";
    return false;
  }
  std::string Api;
  for (const auto &[Name, Text] : greenlintApiFiles())
    Api += hexHash(Name) + hexHash(Text);
  ApiDataHash = hexHash(Api);
  return true;
}

std::string ResultCache::fileHash(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Lock(HashMutex);
    auto It = FileHashes.find(Path);
    if (It != FileHashes.end())
      return It->second;
  }
  std::string Hash = "-";
  if (llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
          llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                      /*RequiresNullTerminator=*/false))
    Hash = hexHash((*Buffer)->getBuffer());
  std::lock_guard<std::mutex> Lock(HashMutex);
  FileHashes[Path] = Hash;
  return Hash;
}

std::string ResultCache::unitKey(const clang::tooling::CompilationDatabase &DB,
                                 const std::string &File,
                                 const LintOptions &Opts) {
  EntryWriter W;
  W.str(GREENLINT_VERSION);
  W.str(ApiDataHash);
  W.str(File);
  for (const clang::tooling::CompileCommand &C : DB.getCompileCommands(File)) {
    W.str(C.Directory);
    W.str(C.Filename);
    W.num(C.CommandLine.size());
    for (const std::string &A : C.CommandLine)
      W.str(A);
  }
  W.str(Opts.ConfigPath);
  W.str(Opts.RuleGlobs);
  // An entry written without the unit's project facts cannot serve a run
  // that needs them.
  W.num(Opts.CollectProjectFacts);
  // A .greenlint.yaml added nearer to the source changes which config is in
  // force without changing any file the entry lists.
  W.str(Opts.ConfigPath.empty() ? findConfigFile(File) : std::string());
  W.OS.flush();
  return hexHash(W.Text);
}

bool ResultCache::readEntry(const std::string &Key,
                            std::unique_ptr<llvm::MemoryBuffer> &Buffer,
                            llvm::StringRef &Body) {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key);
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> File =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!File)
    return false;
  Buffer = std::move(*File);
  llvm::StringRef Text = Buffer->getBuffer();
  // The checksum catches a truncated or overwritten entry before any field
  // of it is believed.
  if (!Text.consume_front(Magic))
    return false;
  auto [Sum, Rest] = Text.split('\n');
  Body = Rest;
  return Sum == hexHash(Body);
}

bool ResultCache::recordedInputs(const std::string &Key,
                                 std::vector<std::string> &Inputs,
                                 bool &Current) {
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  llvm::StringRef Body;
  if (!readEntry(Key, Buffer, Body))
    return false;
  EntryReader R(Body);
  uint64_t Count;
  if (!R.count(Count))
    return false;
  Current = true;
  Inputs.resize(Count);
  for (std::string &Input : Inputs) {
    std::string Hash;
    if (!R.str(Input) || !R.str(Hash))
      return false;
    // An entry written before an #include line changed lists what the unit
    // read then, not now.
    Current = Current && fileHash(Input) == Hash;
  }
  return true;
}

std::string ResultCache::derivedKey(const std::string &Key,
                                    llvm::StringRef Extra) const {
  EntryWriter W;
  W.str(Key);
  W.str(Extra);
  W.OS.flush();
  return hexHash(W.Text);
}

bool ResultCache::lookup(const std::string &Key, UnitResult &Out,
                         bool CountInStats) {
  auto Miss = [this, CountInStats] {
    Misses += CountInStats;
    return false;
  };
  std::unique_ptr<llvm::MemoryBuffer> Buffer;
  llvm::StringRef Body;
  if (!readEntry(Key, Buffer, Body))
    return Miss();

  EntryReader R(Body);
  UnitResult Result;
  uint64_t Count;
  if (!R.count(Count))
    return Miss();
  for (uint64_t I = 0; I < Count; ++I) {
    std::string Input, Hash;
    if (!R.str(Input) || !R.str(Hash) || fileHash(Input) != Hash)
      return Miss();
    Result.Inputs.insert(Input);
  }
  if (!R.count(Count))
    return Miss();
  for (uint64_t I = 0; I < Count; ++I) {
    std::string Flag;
    if (!R.str(Flag))
      return Miss();
    Result.DroppedFlags.insert(Flag);
  }
  if (!R.str(Result.Diagnostics) || !R.count(Count))
    return Miss();
  Result.Findings.resize(Count);
  for (CheckedFinding &C : Result.Findings)
    if (!readFinding(R, C))
      return Miss();
  std::string Project, Error;
  if (!R.str(Project) || !R.atEnd())
    return Miss();
  std::optional<ProjectFacts> Facts = ProjectFacts::fromJson(
      nlohmann::ordered_json::parse(Project, nullptr,
                                    /*allow_exceptions=*/false),
      Error);
  if (!Facts)
    return Miss();
  Result.Project = std::move(*Facts);
  Out = std::move(Result);
  Hits += CountInStats;
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key);
  // Eviction removes the entries used least recently, not the oldest
  // written.
  int FD;
  if (!llvm::sys::fs::openFileForWrite(Path, FD, llvm::sys::fs::CD_OpenExisting,
                                       llvm::sys::fs::OF_Append)) {
    // Best effort: a failure only makes the entry evicted sooner.
    std::error_code Ignored = llvm::sys::fs::setLastAccessAndModificationTime(
        FD, std::chrono::system_clock::now());
    Ignored = llvm::sys::Process::SafelyCloseFileDescriptor(FD);
    (void)Ignored;
  }
  return true;
}

void ResultCache::store(const std::string &Key, const UnitResult &Result) {
  if (Result.Failed || Result.Errors)
    return;
  EntryWriter W;
  W.num(Result.Inputs.size());
  for (const std::string &Input : Result.Inputs) {
    std::string Hash = fileHash(Input);
    // An input that cannot be read now could not be checked for changes
    // later either.
    if (Hash == "-")
      return;
    W.str(Input);
    W.str(Hash);
  }
  W.num(Result.DroppedFlags.size());
  for (const std::string &Flag : Result.DroppedFlags)
    W.str(Flag);
  W.str(Result.Diagnostics);
  W.num(Result.Findings.size());
  for (const CheckedFinding &C : Result.Findings)
    writeFinding(W, C);
  W.str(Result.Project.toJson().dump());
  W.OS.flush();

  llvm::SmallString<256> Model(Dir), Temp;
  llvm::sys::path::append(Model, Key + ".tmp-%%%%%%%%");
  int FD;
  if (llvm::sys::fs::createUniqueFile(Model, FD, Temp))
    return;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Magic << hexHash(W.Text) << '\n' << W.Text;
    OS.close();
    if (OS.has_error()) {
      OS.clear_error();
      // Best effort: a temporary left behind is evicted like an entry.
      std::error_code Ignored = llvm::sys::fs::remove(Temp);
      (void)Ignored;
      return;
    }
  }
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key);
  if (llvm::sys::fs::rename(Temp, Path)) {
    std::error_code Ignored = llvm::sys::fs::remove(Temp);
    (void)Ignored;
  }
}

void ResultCache::evict() {
  std::vector<EntryFile> Entries = listEntries(Dir);
  uint64_t Total = 0;
  for (const EntryFile &E : Entries)
    Total += E.Size;
  if (Total <= MaxBytes)
    return;
  std::sort(Entries.begin(), Entries.end(),
            [](const EntryFile &A, const EntryFile &B) {
              return A.Modified < B.Modified ||
                     (A.Modified == B.Modified && A.Path < B.Path);
            });
  for (const EntryFile &E : Entries) {
    if (Total <= MaxBytes)
      break;
    if (!llvm::sys::fs::remove(E.Path))
      Total -= E.Size;
  }
}

void ResultCache::printStats(llvm::raw_ostream &OS) {
  std::vector<EntryFile> Entries = listEntries(Dir);
  uint64_t Bytes = 0;
  for (const EntryFile &E : Entries)
    Bytes += E.Size;
  OS << "greenlint check: cache " << Dir << ": " << Hits.load() << " hits, "
     << Misses.load() << " misses, " << Entries.size() << " entries, " << Bytes
     << " bytes\n";
}

} // namespace greenlint
