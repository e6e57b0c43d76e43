//===- RetrainFromScratch.cpp ---------------------------------------------===//
#include "RetrainFromScratch.h"
#include "../support/SourceArguments.h"
#include "../support/TrainingLoop.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSet.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

namespace {
/// A call that tests whether a file exists or opens it for reading;
/// source_args name the path.
constexpr llvm::StringLiteral FileExistsCheck = roles::FileExistsCheck;
/// How many calls deep training, saves and loads are looked for from the
/// entry function (main -> train() -> epoch() is two).
constexpr unsigned SearchDepth = 2;

const llvm::StringRef TrainingRoles[] = {
    roles::TrainingStep, roles::TrainingUpdate, roles::TrainingRun};
} // namespace

const RuleInfo RetrainFromScratch::Info = {
    "retrain-from-scratch",
    "retrain",
    "a program trains and saves a model on every run but never loads one",
    /*DefaultOn=*/false,
    {{"EntryFunctionRegex", OptionKind::Regex, "^main$",
      "functions whose name matches are program entries: each run of one "
      "starts from nothing unless it loads a saved model"},
     {"LoadFunctionRegex", OptionKind::Regex,
      "(load|restore|resume).*(model|weight|checkpoint|ckpt|net|state|"
      "snapshot)|deserializ",
      "calls to functions whose name matches (case-insensitive) count as "
      "model loads, for helpers defined in other files"}},
    makeRule<RetrainFromScratch>,
    {roles::TrainingUpdate.data(), roles::TrainingRun.data(),
     roles::TrainingStep.data(), roles::CheckpointSave.data(),
     roles::ModelLoad.data(), FileExistsCheck.data()}};

RetrainFromScratch::RetrainFromScratch(RuleContext &Ctx)
    : Rule(Info, Ctx), EntryFunctionRegex(option("EntryFunctionRegex")),
      LoadFunctionRegex(option("LoadFunctionRegex"), llvm::Regex::IgnoreCase) {}

void RetrainFromScratch::registerMatchers(MatchFinder &Finder) {
  Finder.addMatcher(
      functionDecl(isDefinition(), isExpansionInMainFile()).bind("fn"), this);
}

namespace {

/// Bodies of Body and of the functions defined in this file that it calls,
/// up to Depth calls deep.
std::vector<const Stmt *> reachableBodies(const Stmt *Body, ASTContext &Ctx,
                                          unsigned Depth) {
  std::vector<const Stmt *> Bodies{Body};
  llvm::SmallPtrSet<const FunctionDecl *, 8> Visited;
  size_t Begin = 0;
  for (unsigned Level = 0; Level < Depth; ++Level) {
    size_t End = Bodies.size();
    for (size_t I = Begin; I < End; ++I)
      for (const auto &M :
           match(findAll(callExpr().bind("c")), *Bodies[I], Ctx)) {
        const FunctionDecl *Callee =
            M.getNodeAs<CallExpr>("c")->getDirectCallee();
        const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
        if (!Def || !Def->hasBody() ||
            Ctx.getSourceManager().isInSystemHeader(Def->getLocation()) ||
            !Visited.insert(Def).second)
          continue;
        Bodies.push_back(Def->getBody());
      }
    Begin = End;
  }
  return Bodies;
}

bool isTrainingCall(const Expr *Call, const ApiModel &Api) {
  for (llvm::StringRef Role : TrainingRoles)
    if (Api.matchCall(Call, Role))
      return true;
  return false;
}

std::vector<const Expr *> arguments(const Expr *Call) {
  if (const auto *C = dyn_cast<CallExpr>(Call))
    return {C->arg_begin(), C->arg_end()};
  if (const auto *C = dyn_cast<CXXConstructExpr>(Call))
    return {C->arg_begin(), C->arg_end()};
  return {};
}

/// What a path expression is built from: string literals and variables. A
/// variable initialised from a literal also counts as that literal.
void collectPathKeys(const Stmt *S, llvm::StringSet<> &Keys) {
  if (!S)
    return;
  if (const auto *SL = dyn_cast<StringLiteral>(S)) {
    if (SL->getCharByteWidth() == 1)
      Keys.insert(("\"" + SL->getString()).str());
    return;
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl())) {
      Keys.insert("var:" + std::to_string(reinterpret_cast<uintptr_t>(
                               VD->getCanonicalDecl())));
      if (VD->getInit() && !isa<ParmVarDecl>(VD))
        collectPathKeys(VD->getInit(), Keys);
    }
    return;
  }
  for (const Stmt *Child : S->children())
    collectPathKeys(Child, Keys);
}

bool contains(const Stmt *Outer, const Stmt *Inner) {
  if (!Outer)
    return false;
  if (Outer == Inner)
    return true;
  for (const Stmt *Child : Outer->children())
    if (contains(Child, Inner))
      return true;
  return false;
}

/// True if Check sits in the condition of a branch that decides whether
/// Train runs: `if (exists(Path)) load(); else train();`.
bool guards(const Expr *Check, const Stmt *Train, ASTContext &Ctx) {
  DynTypedNode Node = DynTypedNode::create(*Check);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty() || Parents[0].get<FunctionDecl>())
      return false;
    const Stmt *Child = Node.get<Stmt>();
    if (const auto *If = Parents[0].get<IfStmt>())
      return Child == If->getCond() &&
             (contains(If->getThen(), Train) || contains(If->getElse(), Train));
    if (const auto *CO = Parents[0].get<AbstractConditionalOperator>())
      return Child == CO->getCond() && (contains(CO->getTrueExpr(), Train) ||
                                        contains(CO->getFalseExpr(), Train));
    Node = Parents[0];
  }
}

} // namespace

void RetrainFromScratch::check(const MatchFinder::MatchResult &R) {
  const auto *Fn = R.Nodes.getNodeAs<FunctionDecl>("fn");
  if (!Fn || !Fn->getIdentifier() || !Fn->hasBody() ||
      Fn->isDependentContext() || !EntryFunctionRegex.match(Fn->getName()))
    return;
  ASTContext &Ctx = *R.Context;
  const Stmt *Body = Fn->getBody();
  std::vector<const Stmt *> Bodies = reachableBodies(Body, Ctx, SearchDepth);

  std::vector<const Expr *> Saves;
  for (const Stmt *B : Bodies)
    for (const Expr *Save : findApiCalls(*B, roles::CheckpointSave, api(), Ctx))
      Saves.push_back(Save);
  if (Saves.empty())
    return;

  // Any load, even of a different file (a pretrained backbone), means the
  // program already reuses weights.
  for (const Stmt *B : Bodies) {
    if (!findApiCalls(*B, roles::ModelLoad, api(), Ctx).empty())
      return;
    if (!LoadFunctionRegex.empty())
      for (const auto &M : match(findAll(callExpr().bind("c")), *B, Ctx)) {
        const FunctionDecl *Callee =
            M.getNodeAs<CallExpr>("c")->getDirectCallee();
        if (Callee && Callee->getIdentifier() &&
            LoadFunctionRegex.match(Callee->getName()))
          return;
      }
  }

  // The entry's own call that trains, directly or through what it calls.
  const Expr *Train = nullptr;
  const Expr *Update = nullptr;
  for (const auto &M : match(findAll(callExpr().bind("c")), *Body, Ctx)) {
    const auto *Call = M.getNodeAs<CallExpr>("c");
    if (isTrainingCall(Call, api())) {
      Train = Update = Call;
      break;
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Def = Callee ? Callee->getDefinition() : nullptr;
    if (!Def || !Def->hasBody() ||
        Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
      continue;
    for (llvm::StringRef Role : TrainingRoles)
      if (const Expr *Found = findReachableCall(Def->getBody(), Role, api(),
                                                Ctx, SearchDepth - 1)) {
        Train = Call;
        Update = Found;
        break;
      }
    if (Train)
      break;
  }
  if (!Train)
    return;

  // A check on the saved file, or one that decides whether training runs,
  // is the "reuse it if it is there" branch.
  llvm::StringSet<> SavedPaths;
  for (const Expr *Save : Saves)
    for (const Expr *Arg : arguments(Save))
      collectPathKeys(Arg, SavedPaths);
  for (const Stmt *B : Bodies)
    for (const Expr *Check : findApiCalls(*B, FileExistsCheck, api(), Ctx)) {
      if (guards(Check, Train, Ctx))
        return;
      const ApiEntry *Entry = api().matchCall(Check, FileExistsCheck);
      llvm::StringSet<> Checked;
      if (auto Paths = sourceArguments(Check, Entry->SourceArgs))
        for (const Expr *Arg : *Paths)
          collectPathKeys(Arg, Checked);
      for (const auto &Key : Checked)
        if (SavedPaths.contains(Key.getKey()))
          return;
    }

  Finding &F = report(
      Train->getBeginLoc(),
      "'" + Fn->getNameAsString() +
          "' trains a model and saves it but never loads a saved model, so "
          "every run trains again from scratch; load the saved model when it "
          "exists and train only when it does not");
  if (Update != Train)
    F.Notes.push_back({Update->getBeginLoc(), "the training happens here"});
  F.Notes.push_back({Saves.front()->getBeginLoc(), "the model is saved here"});
}

} // namespace greenlint
