//===- RestoreFacts.cpp - greenlint restore-facts -------------------------===//
//
// Writes the facts that the plugin kept in object files (facts-in-object=on,
// plugin/ObjectFacts.h) back into the facts folder. A compile-cache hit
// restores the object but does not run the plugin, so without this a fresh
// build folder filled from a cache has no facts for those units.
// greenlint_enable(FACTS_DIR) runs it after each link. See
// docs/compile-caches.md.
//
//===----------------------------------------------------------------------===//
#include "ObjectFacts.h"
#include "OptionValue.h"
#include "OutputEscaping.h"
#include "Subcommands.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace greenlint {
namespace {

using nlohmann::ordered_json;

void usage(llvm::raw_ostream &OS) {
  OS << "usage: greenlint restore-facts --into DIR OBJECT...\n"
        "Writes the facts kept in object files compiled with\n"
        "-fplugin-arg-greenlint-facts-in-object=on into the facts folder "
        "DIR, for the\nunits whose facts file is missing or describes other "
        "code (a compile-cache hit\ndoes not run the plugin). A facts file "
        "that matches is kept. Objects without\ngreenlint facts are "
        "skipped.\n";
}

/// The facts without what differs between two compiles of the same code.
ordered_json comparable(ordered_json Facts) {
  for (const char *Key : {"compile", "lint_seconds", "restored_from_object"})
    Facts.erase(Key);
  return Facts;
}

/// Reads the envelope from Object's facts section: false with Error set when
/// it is damaged; Found stays false when the object has no such section.
bool readEnvelope(const std::string &Object, bool &Found, std::string &File,
                  ordered_json &Facts, std::string &Error) {
  Found = false;
  auto Binary = llvm::object::ObjectFile::createObjectFile(Object);
  if (!Binary) {
    Error = "cannot read object file: " + llvm::toString(Binary.takeError());
    return false;
  }
  for (const llvm::object::SectionRef &Section :
       Binary->getBinary()->sections()) {
    llvm::Expected<llvm::StringRef> Name = Section.getName();
    if (!Name) {
      llvm::consumeError(Name.takeError());
      continue;
    }
    if (*Name != ObjectFactsSection)
      continue;
    llvm::Expected<llvm::StringRef> Contents = Section.getContents();
    if (!Contents) {
      Error = "cannot read section " + ObjectFactsSection.str() + ": " +
              llvm::toString(Contents.takeError());
      return false;
    }
    ordered_json Envelope =
        ordered_json::parse(Contents->begin(), Contents->end(), nullptr,
                            /*allow_exceptions=*/false);
    if (!Envelope.is_object() ||
        Envelope.value("format", "") != ObjectFactsFormat ||
        !Envelope["version"].is_number_integer() ||
        !Envelope["file"].is_string() || !Envelope["facts"].is_object()) {
      Error = "section " + ObjectFactsSection.str() +
              " is not greenlint's object facts";
      return false;
    }
    if (Envelope["version"].get<int64_t>() != 1) {
      Error = "object facts version " +
              std::to_string(Envelope["version"].get<int64_t>()) +
              " is newer than this greenlint reads (1); use the greenlint "
              "of the plugin that compiled it";
      return false;
    }
    File = Envelope["file"].get<std::string>();
    // The name comes from a file anyone may have made: it must not reach
    // outside the facts folder.
    if (File.empty() || File.find('/') != std::string::npos ||
        File.find('\\') != std::string::npos || File[0] == '.' ||
        !llvm::StringRef(File).ends_with(".json")) {
      Error = "section " + ObjectFactsSection.str() +
              " names the facts file '" + File +
              "', which is not a plain <name>.json";
      return false;
    }
    Facts = std::move(Envelope["facts"]);
    Found = true;
    return true;
  }
  return true;
}

/// True when Path holds facts equal to Facts but for timings.
bool alreadyThere(const std::string &Path, const ordered_json &Facts) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return false;
  ordered_json Existing =
      ordered_json::parse((*Buffer)->getBuffer().begin(),
                          (*Buffer)->getBuffer().end(), nullptr, false);
  return Existing.is_object() && comparable(Existing) == comparable(Facts);
}

bool writeAtomically(const std::string &Path, const std::string &Text,
                     std::string &Error) {
  std::string Temp =
      Path + ".tmp" + std::to_string(llvm::sys::Process::getProcessId());
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Temp, EC);
    if (EC) {
      Error = "cannot write " + Temp + ": " + EC.message();
      return false;
    }
    OS << Text;
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    Error = "cannot write " + Path + ": " + EC.message();
    return false;
  }
  return true;
}

} // namespace

int runRestoreFacts(int Argc, const char **Argv) {
  std::string Into;
  std::vector<std::string> Objects;
  for (int I = 0; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "-h" || Arg == "--help") {
      usage(llvm::outs());
      return 0;
    }
    std::optional<std::string> Value;
    if (optionValue(Argc, Argv, I, "--into", Value)) {
      if (!Value || Value->empty()) {
        llvm::errs() << "greenlint restore-facts: --into needs a value\n";
        return 2;
      }
      Into = *Value;
      continue;
    }
    if (Arg.starts_with("-")) {
      llvm::errs() << "greenlint restore-facts: unknown argument '"
                   << terminalText(Arg)
                   << "'; try greenlint restore-facts --help\n";
      return 2;
    }
    Objects.push_back(Arg.str());
  }
  if (Into.empty()) {
    llvm::errs() << "greenlint restore-facts: --into DIR is required; "
                    "try greenlint restore-facts --help\n";
    return 2;
  }
  if (std::error_code EC = llvm::sys::fs::create_directories(Into)) {
    llvm::errs() << "greenlint: " << terminalText(Into)
                 << ": cannot create facts folder: " << EC.message()
                 << "; check --into\n";
    return 2;
  }
  unsigned Restored = 0;
  for (const std::string &Object : Objects) {
    bool Found = false;
    std::string File, Error;
    ordered_json Facts;
    if (!readEnvelope(Object, Found, File, Facts, Error)) {
      llvm::errs() << "greenlint: " << terminalText(Object) << ": "
                   << terminalText(Error) << "\n";
      return 2;
    }
    if (!Found)
      continue;
    llvm::SmallString<256> Path(Into);
    llvm::sys::path::append(Path, File);
    if (alreadyThere(Path.str().str(), Facts))
      continue;
    // No compile ran in this build for this unit: its cost is not known,
    // and the report says which units came from the cache.
    llvm::SmallString<256> AbsObject(Object);
    if (llvm::sys::fs::make_absolute(AbsObject))
      AbsObject = Object; // no working directory: the path as given
    Facts["compile"] = nullptr;
    Facts["restored_from_object"] = AbsObject.str().str();
    if (!writeAtomically(Path.str().str(), Facts.dump(2) + "\n", Error)) {
      llvm::errs() << "greenlint: " << terminalText(Error) << "\n";
      return 2;
    }
    ++Restored;
  }
  if (Restored)
    llvm::outs() << "greenlint: restored the facts of " << Restored
                 << (Restored == 1 ? " unit" : " units")
                 << " from object files (compile-cache hits) into "
                 << terminalText(Into) << "\n";
  return 0;
}

} // namespace greenlint
