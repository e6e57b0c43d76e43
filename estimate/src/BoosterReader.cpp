//===- BoosterReader.cpp --------------------------------------------------===//
#include "Readers.h"
#include "greenlint/apis/ApiModel.h"
#include "greenlint/estimate/ConstantEvaluator.h"
#include "greenlint/estimate/EstimateRoles.h"
#include "greenlint/estimate/LoopTrips.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include <cmath>
#include <map>

using namespace clang;

namespace greenlint {
namespace estimate {

namespace {

/// Booster parameters XGBoost uses when none is set (XGBoost parameter
/// documentation): trees of depth 6, one tree per round and class.
constexpr int64_t DefaultMaxDepth = 6;

struct RoundSite {
  const CallExpr *Call;
  const FunctionDecl *Fn;
  std::vector<const Stmt *> Loops; // innermost last
};

class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(const ApiModel &Api, ASTContext &Ctx) : Api(Api), Ctx(Ctx) {}

  bool TraverseDecl(Decl *D) {
    const FunctionDecl *Saved = Fn;
    if (auto *F = dyn_cast_or_null<FunctionDecl>(D))
      Fn = F;
    bool Ok = RecursiveASTVisitor::TraverseDecl(D);
    Fn = Saved;
    return Ok;
  }
  // Kind is a type name, which parentheses would break.
  // NOLINTBEGIN(bugprone-macro-parentheses)
#define GREENLINT_LOOP(Kind)                                                   \
  bool Traverse##Kind(Kind *S) {                                               \
    Loops.push_back(S);                                                        \
    bool Ok = RecursiveASTVisitor::Traverse##Kind(S);                          \
    Loops.pop_back();                                                          \
    return Ok;                                                                 \
  }
  GREENLINT_LOOP(ForStmt)
  GREENLINT_LOOP(WhileStmt)
  GREENLINT_LOOP(DoStmt)
  GREENLINT_LOOP(CXXForRangeStmt)
#undef GREENLINT_LOOP
  // NOLINTEND(bugprone-macro-parentheses)

  bool VisitCallExpr(CallExpr *Call) {
    if (Api.matchCall(Call, roles::BoosterRound)) {
      Rounds.push_back({Call, Fn, Loops});
    } else if (Api.matchCall(Call, roles::BoosterParameter) &&
               Call->getNumArgs() >= 3) {
      std::vector<std::string> Name = constantStrings(Call->getArg(1), Ctx);
      std::vector<std::string> Value = constantStrings(Call->getArg(2), Ctx);
      if (Name.size() == 1)
        Params[Name[0]].push_back(Value.size() == 1 ? Value[0] : "");
    }
    return true;
  }

  std::vector<RoundSite> Rounds;
  /// Every literal value each parameter is set to ("" when not literal).
  std::map<std::string, std::vector<std::string>> Params;

private:
  const ApiModel &Api;
  ASTContext &Ctx;
  const FunctionDecl *Fn = nullptr;
  std::vector<const Stmt *> Loops;
};

} // namespace

std::vector<ModelEstimate> readBoosters(ASTContext &Ctx,
                                        const std::vector<Decl *> &UserDecls,
                                        const ApiModel &Api) {
  Collector C(Api, Ctx);
  for (Decl *D : UserDecls)
    C.TraverseDecl(D);
  std::vector<ModelEstimate> Models;
  // One value for the whole file, or the parameter is not known.
  auto Param = [&](const char *Name, int64_t Default,
                   std::string &Why) -> std::optional<int64_t> {
    auto It = C.Params.find(Name);
    if (It == C.Params.end())
      return Default;
    const std::string &First = It->second.front();
    int64_t V = 0;
    for (const std::string &S : It->second)
      if (S != First || S.empty() || llvm::StringRef(S).getAsInteger(10, V)) {
        Why = std::string(Name) + " is set to a value that is not one "
                                  "constant integer";
        return std::nullopt;
      }
    return V;
  };
  const SourceManager &SM = Ctx.getSourceManager();
  for (const RoundSite &R : C.Rounds) {
    ModelEstimate M;
    M.Framework = "xgboost";
    M.setLocation(R.Call->getBeginLoc(), SM);
    M.Model = "booster trained at " + llvm::sys::path::filename(M.File).str() +
              ":" + std::to_string(M.Line);
    M.Dtype = "float32";
    M.FlopsBasis = "tree traversal: comparisons, not FLOPs";
    std::string Why;
    std::optional<uint64_t> Rounds;
    if (R.Loops.size() == 1)
      Rounds = constantTripCount(R.Loops.back(), R.Fn, Ctx);
    if (!Rounds)
      Why = R.Loops.empty()
                ? "the boosting round is not in a loop"
                : "the number of boosting rounds is not a constant count";
    auto Depth = Param("max_depth", DefaultMaxDepth, Why);
    auto Classes = Param("num_class", 1, Why);
    auto Parallel = Param("num_parallel_tree", 1, Why);
    if (C.Params.count("booster") && C.Params["booster"].front() == "gblinear")
      Why = "a linear booster (gblinear) has no trees";
    if (!Why.empty() || !Rounds || !Depth || !Classes || !Parallel) {
      M.Unknown.push_back("ensemble size (line " + std::to_string(M.Line) +
                          "): " + Why);
      Models.push_back(std::move(M));
      continue;
    }
    uint64_t Trees = *Rounds * uint64_t(std::max<int64_t>(*Classes, 1)) *
                     uint64_t(std::max<int64_t>(*Parallel, 1));
    double MaxNodes = double(Trees) * (std::pow(2.0, double(*Depth) + 1) - 1);
    M.Details["rounds"] = *Rounds;
    M.Details["trees"] = Trees;
    M.Details["max_depth"] = *Depth;
    M.Details["max_nodes"] = MaxNodes;
    M.Details["max_comparisons_per_sample"] = double(Trees) * double(*Depth);
    M.Details["defaults"] = "XGBoost's max_depth 6, num_class 1, "
                            "num_parallel_tree 1 where not set";
    M.Description =
        std::to_string(Trees) + " trees of depth <= " + std::to_string(*Depth) +
        " (" + std::to_string(*Rounds) + " rounds): at most " +
        groupDigits(uint64_t(MaxNodes)) + " nodes and " +
        groupDigits(Trees * uint64_t(*Depth)) + " comparisons per sample";
    M.Unknown.push_back("parameters: a tree ensemble's size is learned; " +
                        M.Description);
    Models.push_back(std::move(M));
  }
  return Models;
}

} // namespace estimate
} // namespace greenlint
