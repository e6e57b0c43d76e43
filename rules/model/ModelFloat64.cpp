//===- ModelFloat64.cpp ---------------------------------------------------===//
#include "ModelFloat64.h"
#include "../RuleContext.h"
#include "greenlint/apis/ApiModel.h"
#include "greenlint/estimate/ConstantEvaluator.h"
#include "greenlint/estimate/EstimateRoles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

/// The double-precision dtype enumerator (c10::ScalarType::Double); the
/// constants torch::kFloat64, at::kDouble, ... are followed to it.
static constexpr llvm::StringLiteral Float64Role = roles::Float64Dtype;
/// Calls and constructions that give a tensor, a module or the default its
/// dtype.
static constexpr llvm::StringLiteral DtypeSinkRole = roles::DtypeSink;
/// Calls that wrap memory already holding data of the stated dtype.
static constexpr llvm::StringLiteral ExistingDataRole =
    roles::DtypeOfExistingData;

const RuleInfo ModelFloat64::Info = {
    "model-float64",
    "model",
    "tensors, modules or the default dtype are set to double precision",
    /*DefaultOn=*/true,
    {{"AllowedFunctionsRegex", OptionKind::Regex, "",
      "functions whose name matches may use float64 (metric or loss "
      "accumulators, numerical checks), e.g. '[Mm]etric|[Aa]ccuracy'"}},
    makeRule<ModelFloat64>,
    {Float64Role.data(), DtypeSinkRole.data(), ExistingDataRole.data(),
     estimate::roles::ModuleConversion.data()}};

ModelFloat64::ModelFloat64(RuleContext &Ctx)
    : Rule(Info, Ctx), AllowedFunctionsRegex(option("AllowedFunctionsRegex")) {}

void ModelFloat64::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      declRefExpr(isExpansionInMainFile(), unless(isInTemplateInstantiation()),
                  hasType(hasCanonicalType(enumType())),
                  optionally(hasAncestor(functionDecl().bind("fn"))))
          .bind("ref"),
      this);
}

void ModelFloat64::check(const MatchFinder::MatchResult &R) {
  const auto *Ref = R.Nodes.getNodeAs<DeclRefExpr>("ref");
  ASTContext &Ctx = *R.Context;
  const SourceManager &SM = Ctx.getSourceManager();
  if (Ref->getBeginLoc().isMacroID())
    return; // dispatch macros name every dtype on purpose
  // Constants of the user's own are left alone: a dtype kept in a variable
  // is a choice.
  const ValueDecl *Dtype =
      estimate::followConstants(Ref, /*SystemOnly=*/true, SM);
  if (!Dtype || !api().matchValue(Dtype, Float64Role))
    return;

  // Walk up to the call that consumes the dtype, within one expression.
  // Comparisons, assignments and a choice between dtypes end the walk.
  const Expr *Sink = nullptr;
  const Expr *E = Ref;
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(*E);
    if (Parents.empty() || !(E = Parents[0].get<Expr>()))
      break;
    if (const auto *BO = dyn_cast<BinaryOperator>(E))
      if (BO->isComparisonOp() || BO->isAssignmentOp())
        return;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
      if (Op->isComparisonOp() || Op->isAssignmentOp())
        return;
    if (isa<ConditionalOperator>(E))
      return;
    if (isa<CallExpr, CXXConstructExpr>(E)) {
      if (api().matchCall(E, ExistingDataRole))
        return;
      if (!Sink && api().matchCall(E, DtypeSinkRole))
        Sink = E;
    }
  }
  if (!Sink)
    return;
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (Fn && Fn->getIdentifier() && AllowedFunctionsRegex.match(Fn->getName()))
    return;
  Finding &F =
      report(Ref->getBeginLoc(),
             "double precision (float64) runs at a fraction of float32 "
             "throughput and moves twice the bytes; use torch::kFloat32 (or "
             "lower) unless this computation needs 64-bit accuracy");
  noteModelSize(Sink, F);
}

void ModelFloat64::noteModelSize(const Expr *Sink, Finding &F) {
  // A whole model converted: say what its weights weigh, from the static
  // estimate of the same class.
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Sink);
  if (!Call || !api().matchCall(Call, estimate::roles::ModuleConversion))
    return;
  QualType T =
      estimate::stripWrappers(Call->getImplicitObjectArgument())->getType();
  const CXXRecordDecl *RD = T->getPointeeCXXRecordDecl();
  if (!RD)
    RD = T->getAsCXXRecordDecl();
  for (const estimate::ModelEstimate &M : context().modelEstimates())
    if (RD && M.Key == RD && M.Parameters && M.Loc.isValid())
      F.Notes.push_back(
          {M.Loc, "model '" + M.Model + "' has " +
                      estimate::groupDigits(*M.Parameters) + " parameters: " +
                      estimate::formatBytes(double(*M.Parameters) * 8) +
                      " of weights in float64 against " +
                      estimate::formatBytes(double(*M.Parameters) * 4) +
                      " in float32"});
}

} // namespace greenlint
