//===- ObjectFacts.cpp ----------------------------------------------------===//
#include "ObjectFacts.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/MemoryBufferRef.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"
#include <nlohmann/json.hpp>

namespace greenlint {

namespace {

/// The envelope of the unit being compiled. One compiler process compiles
/// its inputs one after another, each setting this before its own code
/// generation, so a process-wide slot is enough (as for the
/// instrumentation plan).
std::string &pendingObjectFacts() {
  static std::string Envelope;
  return Envelope;
}

class EmbedFactsPass : public llvm::PassInfoMixin<EmbedFactsPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &) {
    std::string &Envelope = pendingObjectFacts();
    if (Envelope.empty())
      return llvm::PreservedAnalyses::all();
    // A private constant in the section, kept by llvm.compiler.used and
    // marked !exclude: ELF gives the section SHF_EXCLUDE, so linkers drop it
    // from executables and shared libraries while objects and archives keep
    // it. (The helper is the one offloading uses for its embedded images.)
    llvm::embedBufferInModule(
        M, llvm::MemoryBufferRef(Envelope, "greenlint-facts"),
        ObjectFactsSection);
    Envelope.clear(); // a second pipeline run must not embed it twice
    return llvm::PreservedAnalyses::none();
  }
  // Also under optnone (-O0): the facts are data, not an optimisation.
  static bool isRequired() { return true; }
};

} // namespace

void setObjectFacts(const FactsFile &Facts) {
  nlohmann::ordered_json Envelope;
  Envelope["format"] = ObjectFactsFormat.str();
  Envelope["version"] = 1;
  Envelope["file"] = Facts.fileName();
  Envelope["facts"] = nlohmann::ordered_json::parse(Facts.toJson());
  pendingObjectFacts() = Envelope.dump();
}

void registerObjectFacts(llvm::PassBuilder &PB) {
  PB.registerPipelineStartEPCallback(
      [](llvm::ModulePassManager &MPM, llvm::OptimizationLevel) {
        MPM.addPass(EmbedFactsPass());
      });
}

} // namespace greenlint
