//===- InferTrtNoReducedPrecision.cpp -------------------------------------===//
#include "InferTrtNoReducedPrecision.h"
#include "../support/CallParts.h"
#include "../support/ParentStatements.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

static constexpr llvm::StringLiteral EngineBuildRole = roles::EngineBuild;
static constexpr llvm::StringLiteral BuilderConfigCreateRole =
    roles::BuilderConfigCreate;
static constexpr llvm::StringLiteral ReducedPrecisionFlagRole =
    roles::ReducedPrecisionFlag;
static constexpr llvm::StringLiteral StronglyTypedNetworkRole =
    roles::StronglyTypedNetwork;

const RuleInfo InferTrtNoReducedPrecision::Info = {
    "infer-trt-no-reduced-precision",
    "infer",
    "a TensorRT engine is built with no reduced-precision flag on its builder "
    "config",
    /*DefaultOn=*/false,
    {},
    makeRule<InferTrtNoReducedPrecision>,
    {EngineBuildRole.data(), BuilderConfigCreateRole.data(),
     ReducedPrecisionFlagRole.data(), StronglyTypedNetworkRole.data()}};

void InferTrtNoReducedPrecision::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      callExpr(isApiCall(&api(), EngineBuildRole),
               hasAncestor(functionDecl(isDefinition()).bind("fn")))
          .bind("build"),
      this);
}

namespace {

bool mentionsValue(const Stmt *S, llvm::StringRef Role, const ApiModel &Api,
                   ASTContext &Ctx) {
  return S &&
         !match(findAll(declRefExpr(refersToApiValue(&Api, Role))), *S, Ctx)
              .empty();
}

class ConfigUses {
public:
  ConfigUses(const VarDecl *Config, const CallExpr *Build,
             const FunctionDecl &Fn, const ApiModel &Api, ASTContext &Ctx)
      : Config(Config), Build(Build), Fn(Fn), Api(Api), Ctx(Ctx) {}

  /// A method called on the config with a reduced-precision flag in its
  /// arguments: setFlag(kFP16), or setFlags built from the flags; anywhere
  /// in the function, conditional or not.
  bool reducedPrecisionSet() {
    for (const auto &M :
         match(findAll(cxxMemberCallExpr().bind("call")), *Fn.getBody(), Ctx)) {
      const auto *Call = M.getNodeAs<CXXMemberCallExpr>("call");
      if (objectRoot(Call->getImplicitObjectArgument()) != Config)
        continue;
      for (const Expr *Arg : Call->arguments())
        if (mentionsFlag(Arg))
          return true;
    }
    return false;
  }

  /// The flag written at the call, or in the initialiser of a variable the
  /// call reads (`auto Precision = Int8 ? kINT8 : kFP16; setFlag(Precision)`).
  bool mentionsFlag(const Expr *Arg) {
    if (mentionsValue(Arg, ReducedPrecisionFlagRole, Api, Ctx))
      return true;
    for (const auto &M :
         match(findAll(declRefExpr(to(varDecl().bind("v")))), *Arg, Ctx))
      if (mentionsValue(M.getNodeAs<VarDecl>("v")->getInit(),
                        ReducedPrecisionFlagRole, Api, Ctx))
        return true;
    return false;
  }

  /// The config, or a raw pointer taken from it, reaches any call other than
  /// the build and its own methods: a helper may set the flags.
  bool handedElsewhere() {
    for (const auto &M :
         match(findAll(declRefExpr(to(varDecl(equalsNode(Config)))).bind("r")),
               *Fn.getBody(), Ctx))
      if (escapes(M.getNodeAs<DeclRefExpr>("r")))
        return true;
    return false;
  }

private:
  bool escapes(const DeclRefExpr *Ref) {
    const Stmt *S = Ref;
    while (const Stmt *P = parentStmt(S, Ctx)) {
      if (isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
              CXXBindTemporaryExpr>(P) ||
          (isa<UnaryOperator>(P) &&
           cast<UnaryOperator>(P)->getOpcode() == UO_Deref)) {
        S = P;
        continue;
      }
      if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
        if (Op->getOperator() == OO_Star && Op->getNumArgs() == 1) {
          S = P;
          continue;
        }
        if (Op->getOperator() == OO_Arrow)
          return false; // config->setFlag(...): a method of the config
      }
      if (const auto *ME = dyn_cast<MemberExpr>(P)) {
        // `Config.get()` on a smart pointer hands out the raw pointer:
        // follow where that goes.
        const auto *Call =
            dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(ME, Ctx));
        if (!ME->isArrow() && Call && Call->getNumArgs() == 0 &&
            Call->getType()->isPointerType()) {
          S = Call;
          continue;
        }
        return false; // Config->method(...): a method of the config
      }
      if (const auto *Call = dyn_cast<CallExpr>(P))
        return Call != Build;
      // Copied into another variable, returned, or stored: it may be set
      // wherever that goes.
      return isa<DeclStmt, ReturnStmt, BinaryOperator, CXXConstructExpr,
                 InitListExpr>(P);
    }
    return false;
  }

  const VarDecl *Config;
  const CallExpr *Build;
  const FunctionDecl &Fn;
  const ApiModel &Api;
  ASTContext &Ctx;
};

} // namespace

void InferTrtNoReducedPrecision::check(const MatchFinder::MatchResult &R) {
  const auto *Build = R.Nodes.getNodeAs<CallExpr>("build");
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Build || !Fn || !Fn->getBody() || Build->getBeginLoc().isMacroID())
    return;
  ASTContext &Ctx = *R.Context;

  // The config: an argument whose variable was created from the builder
  // here. A config from a parameter or a member is set up elsewhere.
  const VarDecl *Config = nullptr;
  for (const Expr *Arg : Build->arguments()) {
    const VarDecl *Root = objectRoot(Arg);
    if (Root && Root->getInit() && !isa<ParmVarDecl>(Root) &&
        !findApiCalls(*Root->getInit(), BuilderConfigCreateRole, api(), Ctx)
             .empty())
      Config = Root;
  }
  if (!Config ||
      mentionsValue(Fn->getBody(), StronglyTypedNetworkRole, api(), Ctx))
    return;
  ConfigUses Uses(Config, Build, *Fn, api(), Ctx);
  if (Uses.reducedPrecisionSet() || Uses.handedElsewhere())
    return;
  Finding &F = report(
      Build->getBeginLoc(),
      "this TensorRT engine is built from builder config '" +
          Config->getNameAsString() +
          "', which has no reduced-precision flag, so every layer runs in "
          "FP32/TF32; allow FP16 (or BF16, INT8, FP8) kernels where accuracy "
          "permits");
  F.Notes.push_back(
      {Config->getLocation(),
       "set the flag on this config, e.g. config->setFlag(BuilderFlag::kFP16) "
       "when builder->platformHasFastFp16()"});
}

} // namespace greenlint
