//===- InferOrtGraphOptDisabled.cpp ---------------------------------------===//
#include "InferOrtGraphOptDisabled.h"
#include "../RuleContext.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

namespace {
/// Sets a session's graph optimisation level (C++ method or C API slot).
constexpr llvm::StringLiteral GraphOptSetter = roles::GraphOptSetter;
/// The level that turns every graph optimisation off.
constexpr llvm::StringLiteral GraphOptNone = roles::GraphOptNone;
/// The level that keeps only the basic, provider-independent rewrites.
constexpr llvm::StringLiteral GraphOptBasic = roles::GraphOptBasic;
} // namespace

const RuleInfo InferOrtGraphOptDisabled::Info = {
    "infer-ort-graph-opt-disabled",
    "infer",
    "an ONNX Runtime session runs with graph optimisations turned off",
    /*DefaultOn=*/true,
    {{"ReportBasic", OptionKind::Bool, "false",
      "also report ORT_ENABLE_BASIC (skips the extended and layout fusions)"},
     {"TestFileRegex", OptionKind::Regex,
      "(^|/)(tests?|unittests?|testing)/|[_-](test|tests|unittest)\\.[ch]("
      "c|pp|xx)?$|Tests?\\.[ch](c|pp|xx)?$",
      "files whose path matches are test code, where disabling "
      "optimisations for numerical parity is normal; empty checks every file"},
     {"PreOptimizedModelRegex", OptionKind::Regex,
      "\\.ort$|[._-]opt(imi[sz]ed)?\\.onnx$",
      "a string literal matching this in the same function names a model "
      "optimised offline, which needs no optimisation at load"}},
    makeRule<InferOrtGraphOptDisabled>,
    {GraphOptSetter.data(), GraphOptNone.data(), GraphOptBasic.data()}};

InferOrtGraphOptDisabled::InferOrtGraphOptDisabled(RuleContext &Ctx)
    : Rule(Info, Ctx), ReportBasic(boolOption("ReportBasic")),
      TestFileRegex(option("TestFileRegex")),
      PreOptimizedModelRegex(option("PreOptimizedModelRegex")) {}

void InferOrtGraphOptDisabled::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      callExpr(hasAnyArgument(ignoringParenImpCasts(declRefExpr(
                   anyOf(refersToApiValue(&api(), GraphOptNone),
                         refersToApiValue(&api(), GraphOptBasic))))),
               hasAncestor(functionDecl(isDefinition()).bind("fn")))
          .bind("call"),
      this);
}

bool InferOrtGraphOptDisabled::isSetter(const CallExpr *Call) const {
  if (api().matchCall(Call, GraphOptSetter))
    return true;
  // The C API calls through a function pointer held in struct OrtApi.
  if (const auto *ME =
          dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParenImpCasts()))
    return api().matchValue(ME->getMemberDecl(), GraphOptSetter) != nullptr;
  return false;
}

const Expr *InferOrtGraphOptDisabled::lowLevelArg(const CallExpr *Call,
                                                  std::string &Level) const {
  for (const Expr *Arg : Call->arguments()) {
    const auto *DRE = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
    if (!DRE)
      continue;
    if (api().matchValue(DRE->getDecl(), GraphOptNone) ||
        (ReportBasic && api().matchValue(DRE->getDecl(), GraphOptBasic))) {
      Level = DRE->getDecl()->getNameAsString();
      return DRE;
    }
  }
  return nullptr;
}

void InferOrtGraphOptDisabled::check(const MatchFinder::MatchResult &R) {
  const auto *Call = R.Nodes.getNodeAs<CallExpr>("call");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &Ctx = *R.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Level;
  if (!Fn || !Fn->getBody() || !isSetter(Call) || !lowLevelArg(Call, Level))
    return;

  if (!TestFileRegex.empty()) {
    StringRef File = SM.getFilename(SM.getExpansionLoc(Call->getBeginLoc()));
    if (TestFileRegex.match(File))
      return;
  }
  // gtest bodies are methods of classes named <Suite>_<Name>_Test.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Fn))
    if (MD->getParent()->getName().ends_with("_Test"))
      return;

  bool Deliberate = false;
  for (const auto &M : match(findAll(expr(anyOf(callExpr().bind("other"),
                                                stringLiteral().bind("str")))),
                             *Fn->getBody(), Ctx)) {
    // Another level set in the same function: the level is chosen, e.g. by
    // a debug flag.
    if (const auto *Other = M.getNodeAs<CallExpr>("other")) {
      std::string Ignored;
      if (Other != Call && isSetter(Other) && !lowLevelArg(Other, Ignored))
        Deliberate = true;
    }
    if (const auto *Str = M.getNodeAs<StringLiteral>("str"))
      if (Str->getCharByteWidth() == 1 &&
          PreOptimizedModelRegex.match(Str->getString()))
        Deliberate = true;
  }
  if (Deliberate)
    return;

  report(Call->getBeginLoc(),
         "graph optimisation level " + Level +
             " makes every inference run the unfused graph (no constant "
             "folding or operator fusion); use ORT_ENABLE_ALL, or optimise "
             "once offline with SetOptimizedModelFilePath and load that model");
}

} // namespace greenlint
