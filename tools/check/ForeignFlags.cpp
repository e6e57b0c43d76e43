//===- ForeignFlags.cpp ---------------------------------------------------===//
#include "ForeignFlags.h"
#include "clang/Basic/Version.h"
#if CLANG_VERSION_MAJOR >= 22
// Clang 22 moved the driver's option table from clangDriver to clangOptions.
#include "clang/Options/Options.h"
#else
#include "clang/Driver/Options.h"
#endif
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include <vector>

namespace greenlint {

clang::tooling::CommandLineArguments
dropUnknownDriverFlags(const clang::tooling::CommandLineArguments &Args,
                       std::set<std::string> &Dropped) {
#if CLANG_VERSION_MAJOR >= 22
  namespace options = clang::options;
  using clang::getDriverOptTable;
#else
  namespace options = clang::driver::options;
  using clang::driver::getDriverOptTable;
#endif
  if (Args.size() < 2)
    return Args;
  // clang-cl commands parse under other visibility rules: leave them alone.
  for (const std::string &A : Args)
    if (A == "--driver-mode=cl")
      return Args;
  std::vector<const char *> Argv;
  for (size_t I = 1; I < Args.size(); ++I)
    Argv.push_back(Args[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  const llvm::opt::OptTable &Table = getDriverOptTable();
  llvm::opt::InputArgList Parsed =
      Table.ParseArgs(Argv, MissingIndex, MissingCount,
                      llvm::opt::Visibility(options::ClangOption));
  std::vector<bool> Unknown(Args.size(), false);
  for (const llvm::opt::Arg *A : Parsed.filtered(options::OPT_UNKNOWN)) {
    Unknown[A->getIndex() + 1] = true; // Argv starts after the compiler
    Dropped.insert(A->getAsString(Parsed));
  }
  clang::tooling::CommandLineArguments Kept;
  for (size_t I = 0; I < Args.size(); ++I)
    if (!Unknown[I])
      Kept.push_back(Args[I]);
  return Kept;
}

} // namespace greenlint
