//===- CompileDatabase.cpp - The build's compile_commands.json ------------===//
#include "CompileDatabase.h"
#include "CompileDatabaseCheck.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <string_view>

namespace greenlint {

using namespace clang;

std::unique_ptr<tooling::CompilationDatabase>
loadCompileDatabase(llvm::StringRef BuildDir, std::string &Error) {
  if (!llvm::sys::fs::is_directory(BuildDir)) {
    Error = ("build folder '" + BuildDir + "' does not exist").str();
    return nullptr;
  }
  llvm::SmallString<256> Path(BuildDir);
  llvm::sys::path::append(Path, "compile_commands.json");
  if (!llvm::sys::fs::exists(Path)) {
    Error = ("no compile_commands.json in '" + BuildDir +
             "'; configure the build with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON "
             "(or use bear) and pass that folder to -p")
                .str();
    return nullptr;
  }
  auto Text = llvm::MemoryBuffer::getFile(Path);
  if (!Text) {
    Error = (Path + ": cannot be read: " + Text.getError().message()).str();
    return nullptr;
  }
  if (!checkCompileDatabase(std::string_view(Path.data(), Path.size()),
                            (*Text)->getBuffer(), Error))
    return nullptr;
  std::string ParseError;
  // Loaded directly rather than with loadFromDirectory, which would invent
  // commands for files that are not in the database.
  auto JSON = tooling::JSONCompilationDatabase::loadFromFile(
      Path, ParseError, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!JSON) {
    Error = (Path + ": " + ParseError + "; regenerate it with the build system")
                .str();
    return nullptr;
  }
  if (JSON->getAllFiles().empty()) {
    Error = (Path + ": lists no translation units").str();
    return nullptr;
  }
  return tooling::inferTargetAndDriverMode(tooling::expandResponseFiles(
      std::move(JSON), llvm::vfs::getRealFileSystem()));
}

} // namespace greenlint
