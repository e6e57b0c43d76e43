//===- ModelUnquantizedLlmWeights.cpp -------------------------------------===//
#include "ModelUnquantizedLlmWeights.h"
#include "../ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Support/Regex.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

namespace {
/// Loads LLM weights from a file path given as argument 0.
constexpr llvm::StringLiteral LlmWeightsLoad{"llm-weights-load"};
} // namespace

const RuleInfo ModelUnquantizedLlmWeights::Info = {
    "model-unquantized-llm-weights",
    "model",
    "an LLM is loaded from unquantised (f32/f16/bf16) GGUF weights",
    /*DefaultOn=*/false,
    {{"UnquantizedPattern", OptionKind::Regex,
      "[-_.](f32|f16|bf16|fp16|fp32)\\.gguf$",
      "a model path literal matching this (case-insensitive) names "
      "unquantised weights"}},
    [](RuleContext &Ctx) -> std::unique_ptr<Rule> {
      return std::make_unique<ModelUnquantizedLlmWeights>(Ctx);
    },
    {LlmWeightsLoad.data()}};

ModelUnquantizedLlmWeights::ModelUnquantizedLlmWeights(RuleContext &Ctx)
    : Rule(Info, Ctx), UnquantizedPattern(option("UnquantizedPattern")) {}

void ModelUnquantizedLlmWeights::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(callExpr(isApiCall(&api(), LlmWeightsLoad)).bind("load"),
                    this);
}

namespace {
/// String literals that make up Path: in the expression itself, or in the
/// initialiser of a const variable it names.
std::vector<const StringLiteral *> pathLiterals(const Expr *Path,
                                                ASTContext &Ctx) {
  std::vector<const StringLiteral *> Found;
  auto Collect = [&](const Stmt &S) {
    for (const auto &M : match(findAll(stringLiteral().bind("s")), S, Ctx))
      Found.push_back(M.getNodeAs<StringLiteral>("s"));
  };
  Collect(*Path);
  if (Found.empty())
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Path->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (VD->getType().isConstQualified() ||
            (VD->getType()->isArrayType() && VD->getType()
                                                 ->getAsArrayTypeUnsafe()
                                                 ->getElementType()
                                                 .isConstQualified()))
          if (const Expr *Init = VD->getInit())
            Collect(*Init);
  return Found;
}
} // namespace

void ModelUnquantizedLlmWeights::check(const MatchFinder::MatchResult &R) {
  const auto *Load = R.Nodes.getNodeAs<CallExpr>("load");
  if (Load->getNumArgs() < 1 || UnquantizedPattern.empty())
    return;
  llvm::Regex Unquantized(UnquantizedPattern, llvm::Regex::IgnoreCase);
  for (const StringLiteral *S : pathLiterals(Load->getArg(0), *R.Context)) {
    if (S->getCharByteWidth() != 1)
      continue;
    llvm::SmallVector<llvm::StringRef, 2> Groups;
    if (!Unquantized.match(S->getString(), &Groups))
      continue;
    std::string Precision = Groups.size() > 1 && !Groups[1].empty()
                                ? Groups[1].upper()
                                : std::string("full-precision");
    const FunctionDecl *Callee = Load->getDirectCallee();
    report(
        Load->getBeginLoc(),
        "'" + Callee->getNameAsString() + "' loads unquantised " + Precision +
            " weights, so every generated token streams the full-size tensors "
            "through memory; load a quantised GGUF (e.g. Q4_K_M from "
            "llama-quantize) unless this precision is needed");
    return;
  }
}

} // namespace greenlint
