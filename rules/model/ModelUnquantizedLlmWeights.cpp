//===- ModelUnquantizedLlmWeights.cpp -------------------------------------===//
#include "ModelUnquantizedLlmWeights.h"
#include "greenlint/apis/ApiModel.h"
#include "greenlint/estimate/ConstantEvaluator.h"
#include "greenlint/estimate/EstimateRoles.h"
#include "greenlint/estimate/GgufName.h"
#include "greenlint/estimate/ModelEstimate.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

using estimate::roles::LlmWeightsLoad;

const RuleInfo ModelUnquantizedLlmWeights::Info = {
    "model-unquantized-llm-weights",
    "model",
    "an LLM is loaded from unquantised (f32/f16/bf16) GGUF weights",
    /*DefaultOn=*/false,
    {{"UnquantizedPattern", OptionKind::Regex,
      "[-_.](f32|f16|bf16|fp16|fp32)\\.gguf$",
      "a model path literal matching this (case-insensitive) names "
      "unquantised weights"}},
    makeRule<ModelUnquantizedLlmWeights>,
    {LlmWeightsLoad.data()}};

ModelUnquantizedLlmWeights::ModelUnquantizedLlmWeights(RuleContext &Ctx)
    : Rule(Info, Ctx), UnquantizedPattern(option("UnquantizedPattern"),
                                          llvm::Regex::IgnoreCase) {}

void ModelUnquantizedLlmWeights::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(callExpr(isApiCall(&api(), LlmWeightsLoad)).bind("load"),
                    this);
}

void ModelUnquantizedLlmWeights::check(const MatchFinder::MatchResult &R) {
  const auto *Load = R.Nodes.getNodeAs<CallExpr>("load");
  if (Load->getNumArgs() < 1 || UnquantizedPattern.empty())
    return;
  for (const std::string &S :
       estimate::constantStrings(Load->getArg(0), *R.Context)) {
    llvm::SmallVector<llvm::StringRef, 2> Groups;
    if (!UnquantizedPattern.match(S, &Groups))
      continue;
    std::string Precision = Groups.size() > 1 && !Groups[1].empty()
                                ? Groups[1].upper()
                                : std::string("full-precision");
    // The same reading of the file name as the static estimates: with a
    // nominal size, say what the weights weigh now and quantised.
    std::string Size;
    auto Type = estimate::ggufWeightType(S);
    auto Params = estimate::ggufNominalParameters(S);
    if (Type && Type->BitsPerWeight && Params)
      Size = " (about " +
             estimate::formatBytes(*Params * *Type->BitsPerWeight / 8) +
             " for the " + estimate::formatNumber(*Params) +
             " parameters its name states; about " +
             estimate::formatBytes(*Params * 4.5 / 8) + " at Q4_K_M)";
    const FunctionDecl *Callee = Load->getDirectCallee();
    report(Load->getBeginLoc(),
           "'" + Callee->getNameAsString() + "' loads unquantised " +
               Precision + " weights" + Size +
               ", so every generated token streams the full-size tensors "
               "through memory; load a quantised GGUF (e.g. Q4_K_M from "
               "llama-quantize) unless this precision is needed");
    return;
  }
}

} // namespace greenlint
