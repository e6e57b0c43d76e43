//===- FactsFolderProject.cpp ---------------------------------------------===//
#include "FactsFolderProject.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <nlohmann/json.hpp>

namespace greenlint {

using Json = nlohmann::ordered_json;

namespace {

const char *const DamagedFix =
    "delete it and compile its unit again with -fplugin-arg-greenlint-facts=";

/// The parts of a facts file the project view reads. Findings, regions and
/// estimates are most of a file and are dropped while parsing.
Json parseProjectParts(llvm::StringRef Text) {
  auto Keep = [](int Depth, Json::parse_event_t Event, Json &Parsed) {
    if (Depth != 1 || Event != Json::parse_event_t::key)
      return true;
    return Parsed == "format" || Parsed == "version" || Parsed == "project";
  };
  return Json::parse(Text.begin(), Text.end(), Keep,
                     /*allow_exceptions=*/false);
}

/// The project facts of one facts file: none when it has none to give,
/// with \p Skip's What and Fix set when it is unusable.
std::optional<ProjectFacts> readProjectFacts(llvm::StringRef Path,
                                             SkippedFactsFile &Skip) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Skip.What = "cannot read facts file: " + Buffer.getError().message();
    Skip.Fix = "check the facts folder's permissions";
    return std::nullopt;
  }
  Json J = parseProjectParts((*Buffer)->getBuffer());
  if (J.is_discarded() || !J.is_object()) {
    Skip.What = "not JSON (a damaged facts file, or not greenlint's)";
    Skip.Fix = DamagedFix;
    return std::nullopt;
  }
  auto Format = J.find("format");
  if (Format == J.end() || *Format != "greenlint-facts") {
    Skip.What = "not a greenlint facts file (no \"format\": "
                "\"greenlint-facts\")";
    Skip.Fix = "keep other files out of the facts folder";
    return std::nullopt;
  }
  auto Project = J.find("project");
  // Model-file facts (greenlint estimate) and an older plugin's files: the
  // next compile of their unit adds the project facts.
  if (Project == J.end())
    return std::nullopt;
  const Json *Version = nullptr;
  if (Project->is_object())
    if (auto It = Project->find("version"); It != Project->end())
      Version = &*It;
  if (!Version || !Version->is_number_unsigned()) {
    Skip.What = "facts field /project/version: missing or not a whole number";
    Skip.Fix = DamagedFix;
    return std::nullopt;
  }
  if (*Version != ProjectFacts::FormatVersion) {
    Skip.What = "project facts of version " + Version->dump() +
                "; this greenlint reads version " +
                std::to_string(ProjectFacts::FormatVersion);
    Skip.Fix = "build all units with the same greenlint plugin";
    return std::nullopt;
  }
  std::string Error;
  std::optional<ProjectFacts> Facts = ProjectFacts::fromJson(*Project, Error);
  if (!Facts) {
    Skip.What = "facts field /project" + Error;
    Skip.Fix = DamagedFix;
  }
  return Facts;
}

} // namespace

FactsFolderRead addFactsFolder(llvm::StringRef Dir, llvm::StringRef OwnFileName,
                               ProjectTable &Table) {
  FactsFolderRead Read;
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; !EC && It != End;
       It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    // Temporary files of a write under way end in .tmp<pid>.
    if (Name.ends_with(".json") && Name != OwnFileName &&
        It->type() != llvm::sys::fs::file_type::directory_file)
      Files.push_back(It->path());
  }
  // Ambiguous keys are dropped whatever the order; sorting keeps the
  // warning about the same file from build to build.
  std::sort(Files.begin(), Files.end());
  for (const std::string &File : Files) {
    SkippedFactsFile Skip;
    std::optional<ProjectFacts> Facts = readProjectFacts(File, Skip);
    if (Facts) {
      Table.add(*Facts);
      ++Read.Units;
    } else if (!Skip.What.empty()) {
      Skip.File = File;
      Read.Skipped.push_back(std::move(Skip));
    }
  }
  return Read;
}

std::string skippedFactsWarning(const FactsFolderRead &Read) {
  if (Read.Skipped.empty())
    return {};
  const SkippedFactsFile &First = Read.Skipped.front();
  std::string Text = "greenlint: " + First.File + ": " + First.What +
                     "; the project view skips it: " + First.Fix;
  if (size_t More = Read.Skipped.size() - 1)
    Text += "; " + std::to_string(More) + " more facts file" +
            (More == 1 ? " is" : "s are") + " skipped likewise";
  return Text;
}

} // namespace greenlint
