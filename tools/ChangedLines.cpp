//===- ChangedLines.cpp ---------------------------------------------------===//
#include "ChangedLines.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include <map>

namespace greenlint {

namespace {
/// The nearest folder at or above File's folder holding a .git entry (a
/// folder, or a file in worktrees and submodules).
std::string repositoryOf(llvm::StringRef File) {
  llvm::StringRef Dir = llvm::sys::path::parent_path(File);
  while (!Dir.empty()) {
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    if (llvm::sys::fs::exists(Git))
      return Dir.str();
    llvm::StringRef Parent = llvm::sys::path::parent_path(Dir);
    if (Parent == Dir)
      break;
    Dir = Parent;
  }
  return {};
}

/// Parses "+c,d" or "+c" of a hunk header into first line and count.
bool parseNewRange(llvm::StringRef Header, unsigned &First, unsigned &Count) {
  size_t Plus = Header.find(" +");
  if (Plus == llvm::StringRef::npos)
    return false;
  llvm::StringRef Range = Header.substr(Plus + 2);
  Range = Range.take_until([](char C) { return C == ' '; });
  auto [Start, Length] = Range.split(',');
  if (Start.getAsInteger(10, First))
    return false;
  Count = 1;
  if (!Length.empty() && Length.getAsInteger(10, Count))
    return false;
  return true;
}
} // namespace

void ChangedLines::addDiff(llvm::StringRef Diff, llvm::StringRef RepoRoot) {
  std::string Current;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (Line.consume_front("+++ ")) {
      Current.clear();
      if (Line.consume_front("b/")) {
        llvm::SmallString<256> Path(RepoRoot);
        llvm::sys::path::append(Path, Line.rtrim("\r"));
        Current = std::string(Path);
        Ranges[Current]; // a touched file, even with deletions only
      }
      continue;
    }
    unsigned First, Count;
    if (!Current.empty() && Line.starts_with("@@ ") &&
        parseNewRange(Line, First, Count) && Count > 0)
      Ranges[Current].push_back({First, First + Count - 1});
  }
}

bool ChangedLines::load(llvm::StringRef Rev, llvm::ArrayRef<std::string> Files,
                        std::string &Error) {
  std::map<std::string, bool> Repositories;
  for (const std::string &File : Files) {
    std::string Repo = repositoryOf(File);
    if (Repo.empty()) {
      Error = "--diff-base: '" + File + "' is not in a git repository";
      return false;
    }
    Repositories[Repo] = true;
  }
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git) {
    Error = "--diff-base needs git on the PATH";
    return false;
  }
  for (const auto &[Repo, Unused] : Repositories) {
    llvm::SmallString<128> Out, Err;
    llvm::sys::fs::createTemporaryFile("greenlint-diff", "txt", Out);
    llvm::sys::fs::createTemporaryFile("greenlint-diff", "err", Err);
    // Explicit prefixes and no external diff driver: the user's git config
    // must not change the format parsed above.
    std::string RevArg = Rev.str();
    llvm::SmallVector<llvm::StringRef, 12> Args = {*Git,
                                                   "-C",
                                                   Repo,
                                                   "-c",
                                                   "core.quotePath=false",
                                                   "diff",
                                                   "-U0",
                                                   "--no-color",
                                                   "--no-ext-diff",
                                                   "--src-prefix=a/",
                                                   "--dst-prefix=b/",
                                                   RevArg,
                                                   "--"};
    std::optional<llvm::StringRef> Redirects[] = {
        std::nullopt, llvm::StringRef(Out), llvm::StringRef(Err)};
    std::string ExecError;
    int RC = llvm::sys::ExecuteAndWait(*Git, Args, std::nullopt, Redirects, 0,
                                       0, &ExecError);
    auto Output = llvm::MemoryBuffer::getFile(Out);
    auto Stderr = llvm::MemoryBuffer::getFile(Err);
    llvm::sys::fs::remove(Out);
    llvm::sys::fs::remove(Err);
    if (RC != 0 || !Output) {
      Error = "--diff-base: 'git diff " + Rev.str() + "' failed in " + Repo;
      if (Stderr && !(*Stderr)->getBuffer().trim().empty())
        Error += ": " + (*Stderr)->getBuffer().trim().str();
      else if (!ExecError.empty())
        Error += ": " + ExecError;
      return false;
    }
    addDiff((*Output)->getBuffer(), Repo);
  }
  return true;
}

bool ChangedLines::isChanged(llvm::StringRef File, unsigned Line) const {
  auto It = Ranges.find(File);
  if (It == Ranges.end())
    return false;
  for (const auto &[First, Last] : It->second)
    if (Line >= First && Line <= Last)
      return true;
  return false;
}

} // namespace greenlint
