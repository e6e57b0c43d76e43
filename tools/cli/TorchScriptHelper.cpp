//===- TorchScriptHelper.cpp ----------------------------------------------===//
#include "TorchScriptHelper.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace greenlint {

namespace {
/// Loading a large archive takes seconds; one that takes minutes is stuck.
constexpr unsigned HelperTimeoutS = 300;
constexpr const char *HelperName = "greenlint-estimate-torch";

std::string helperPath() {
  // Tests and relocated installs may name it; otherwise it sits beside
  // greenlint (build/tools/, or bin/ once installed).
  if (const char *Env = std::getenv("GREENLINT_TORCH_HELPER"); Env && *Env)
    return Env;
  std::string Self = llvm::sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&describeTorchScript));
  llvm::SmallString<256> P(llvm::sys::path::parent_path(Self));
  llvm::sys::path::append(P, HelperName);
  return std::string(P);
}

std::string firstLine(llvm::StringRef S) {
  return S.trim().split('\n').first.trim().str();
}
} // namespace

bool describeTorchScript(const std::string &Path, nlohmann::json &Summary,
                         std::string &Error) {
  std::string Helper = helperPath();
  if (!llvm::sys::fs::can_execute(Helper)) {
    Error = "greenlint: " + Path + ": TorchScript archives are read by " +
            HelperName + ", which is not at " + Helper +
            "; build greenlint with LibTorch (libtorch-dev) installed, or "
            "export the model to ONNX";
    return false;
  }
  llvm::SmallString<128> OutFile, ErrFile;
  if (llvm::sys::fs::createTemporaryFile("greenlint-torch", "json", OutFile) ||
      llvm::sys::fs::createTemporaryFile("greenlint-torch", "err", ErrFile)) {
    Error = "greenlint: cannot create a temporary file for " +
            std::string(HelperName) + "; check TMPDIR is writable";
    return false;
  }
  llvm::StringRef Out = OutFile, Err = ErrFile;
  llvm::FileRemover RemoveOut(Out), RemoveErr(Err);
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, Out, Err};
  std::string Message;
  llvm::StringRef Args[] = {Helper, "--", Path};
  int Rc = llvm::sys::ExecuteAndWait(Helper, Args, std::nullopt, Redirects,
                                     HelperTimeoutS, 0, &Message);
  auto Read = [](llvm::StringRef F) {
    auto Buf = llvm::MemoryBuffer::getFile(F);
    return Buf ? (*Buf)->getBuffer().str() : std::string();
  };
  std::string Stdout = Read(Out), Stderr = Read(Err);
  if (Rc != 0) {
    std::string Why = firstLine(Stderr);
    if (Why.empty())
      Why = Rc < 0 ? "the helper crashed or timed out (" + Message + ")"
                   : "the helper failed with exit code " + std::to_string(Rc);
    Error = "greenlint: " + Path +
            ": LibTorch cannot read it as TorchScript: " + Why +
            "; save the model with torch.jit.save (a torch.save'd "
            "state_dict is not TorchScript)";
    return false;
  }
  Summary = nlohmann::json::parse(Stdout, nullptr, /*allow_exceptions=*/false);
  if (Summary.is_discarded()) {
    Error = "greenlint: " + Path + ": " + HelperName +
            " answered with something other than JSON; reinstall it with this "
            "greenlint";
    return false;
  }
  return true;
}

} // namespace greenlint
