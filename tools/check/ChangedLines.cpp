//===- ChangedLines.cpp ---------------------------------------------------===//
#include "ChangedLines.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
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
/// Runs git with Args (no shell), its stdout in Output. False when git
/// fails, with its stderr (or why it could not run) in Error.
bool runGit(llvm::StringRef Git, llvm::ArrayRef<llvm::StringRef> Args,
            std::string &Output, std::string &Error) {
  llvm::SmallString<128> Out, Err;
  llvm::sys::fs::createTemporaryFile("greenlint-git", "txt", Out);
  llvm::sys::fs::createTemporaryFile("greenlint-git", "err", Err);
  llvm::SmallVector<llvm::StringRef, 16> Argv = {Git};
  Argv.append(Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef(Out), llvm::StringRef(Err)};
  std::string ExecError;
  int RC = llvm::sys::ExecuteAndWait(Git, Argv, std::nullopt, Redirects, 0, 0,
                                     &ExecError);
  auto Stdout = llvm::MemoryBuffer::getFile(Out);
  auto Stderr = llvm::MemoryBuffer::getFile(Err);
  llvm::sys::fs::remove(Out);
  llvm::sys::fs::remove(Err);
  Error.clear();
  if (RC == 0 && Stdout) {
    Output = (*Stdout)->getBuffer().str();
    return true;
  }
  if (Stderr && !(*Stderr)->getBuffer().trim().empty())
    Error = (*Stderr)->getBuffer().trim().str();
  else
    Error = ExecError;
  return false;
}
} // namespace

void ChangedLines::addDiff(llvm::StringRef Diff, llvm::StringRef RepoRoot) {
  std::string Current;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    // The old side too: a deleted or renamed header changes its includers.
    if (Line.consume_front("--- a/")) {
      llvm::SmallString<256> Path(RepoRoot);
      llvm::sys::path::append(Path, Line.rtrim("\r"));
      addTouchedFile(Path);
      continue;
    }
    if (Line.consume_front("+++ ")) {
      Current.clear();
      if (Line.consume_front("b/")) {
        llvm::SmallString<256> Path(RepoRoot);
        llvm::sys::path::append(Path, Line.rtrim("\r"));
        Current = std::string(Path);
        Ranges[Current]; // a touched file, even with deletions only
        addTouchedFile(Current);
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
  if (Rev.empty()) {
    Error = "--diff-base: the revision is empty; pass a branch, tag or "
            "commit, e.g. --diff-base origin/main";
    return false;
  }
  // A value git would read as an option (--output=FILE writes a file,
  // --ext-diff runs a program) is never a revision: refuse it before git
  // sees it.
  if (Rev.starts_with("-")) {
    Error = "--diff-base: '" + Rev.str() +
            "' is not a revision (it starts with '-'); pass a branch, tag or "
            "commit, e.g. --diff-base origin/main";
    return false;
  }
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
    // The commit's full hash, so that only hex digits reach `git diff`;
    // --end-of-options keeps even a revision that slipped past the check
    // above from being parsed as an option.
    std::string Commit;
    std::string RevArg = (Rev + "^{commit}").str();
    if (!runGit(*Git,
                {"-C", Repo, "rev-parse", "--verify", "--quiet",
                 "--end-of-options", RevArg},
                Commit, Error)) {
      Error = "--diff-base: '" + Rev.str() + "' names no commit in " + Repo +
              (Error.empty() ? "" : ": " + Error) +
              "; pass a branch, tag or commit that exists there (fetch it "
              "first in a shallow clone)";
      return false;
    }
    Commit = llvm::StringRef(Commit).trim().str();
    if (Commit.empty() ||
        !llvm::all_of(Commit, [](char C) { return llvm::isHexDigit(C); })) {
      Error = "--diff-base: git rev-parse gave '" + Commit + "' for '" +
              Rev.str() + "' in " + Repo + ", not a commit hash";
      return false;
    }
    // Explicit prefixes and no external diff driver: the user's git config
    // must not change the format parsed above.
    std::string Diff;
    if (!runGit(*Git,
                {"-C", Repo, "-c", "core.quotePath=false", "diff", "-U0",
                 "--no-color", "--no-ext-diff", "--no-textconv",
                 "--src-prefix=a/", "--dst-prefix=b/", Commit, "--"},
                Diff, Error)) {
      Error = "--diff-base: 'git diff " + Commit + "' failed in " + Repo +
              (Error.empty() ? "" : ": " + Error);
      return false;
    }
    addDiff(Diff, Repo);
  }
  return true;
}

void ChangedLines::addTouchedFile(llvm::StringRef Path) {
  Touched.insert(Path);
  // Units record the real paths of what they read.
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Path, Real))
    Touched.insert(Real);
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
