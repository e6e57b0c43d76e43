//===- LlamaModelReader.cpp -----------------------------------------------===//
#include "CallCollector.h"
#include "Readers.h"
#include "greenlint/estimate/ConstantEvaluator.h"
#include "greenlint/estimate/EstimateRoles.h"
#include "greenlint/estimate/GgufName.h"
#include "clang/AST/ASTContext.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace greenlint {
namespace estimate {

std::vector<ModelEstimate> readLlamaModels(ASTContext &Ctx,
                                           const std::vector<Decl *> &UserDecls,
                                           const ApiModel &Api) {
  std::vector<ModelEstimate> Models;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const auto &[Call, Fn] :
       collectCalls(UserDecls, Api, roles::LlmWeightsLoad)) {
    if (Call->getNumArgs() < 1)
      continue;
    std::string File;
    for (const std::string &S : constantStrings(Call->getArg(0), Ctx))
      if (llvm::StringRef(S).ends_with_insensitive(".gguf"))
        File = S;
    if (File.empty())
      continue; // a path known only at run time says nothing
    ModelEstimate M;
    M.Model = llvm::sys::path::filename(File).str();
    M.Framework = "llama.cpp";
    M.setLocation(Call->getBeginLoc(), SM);
    M.FlopsBasis = "one token (2 x parameters, Kaplan et al. 2020)";
    std::optional<GgufWeightType> Type = ggufWeightType(File);
    std::optional<double> Params = ggufNominalParameters(File);
    if (Type) {
      M.Dtype = Type->Name;
      M.Details["weight_type"] = Type->Name;
      M.Details["quantised"] = Type->Quantised;
      if (Type->BitsPerWeight) {
        M.BytesPerParameter = *Type->BitsPerWeight / 8;
        M.Details["bits_per_weight"] = *Type->BitsPerWeight;
      } else {
        M.BytesPerParameter = 0;
        M.Unknown.push_back("weight bytes: the block layout of " + Type->Name +
                            " is not in greenlint's table");
      }
      M.ComputeDtype = Type->Name == "F32"    ? "float32"
                       : Type->Name == "BF16" ? "bfloat16"
                                              : "float16";
    } else {
      M.BytesPerParameter = 0;
      M.Unknown.push_back("weight bytes: the file name names no GGUF weight "
                          "type (such as Q4_K_M or F16)");
    }
    if (Params) {
      M.Parameters = uint64_t(*Params);
      M.Details["parameters_source"] = "nominal size in the file name";
      M.FlopsPerSample = 2 * *Params;
      if (Type && Type->BitsPerWeight)
        M.WeightBytes = *Params * M.BytesPerParameter;
    } else {
      M.Unknown.push_back("parameters: the file name states no size (such "
                          "as 7b)");
    }
    Models.push_back(std::move(M));
  }
  return Models;
}

} // namespace estimate
} // namespace greenlint
