//===- Rule.cpp - Shared behaviour of all rules ---------------------------===//
#include "Rule.h"
#include "RuleContext.h"
#include "support/FunctionSummaries.h"
#include "llvm/ADT/StringExtras.h"
#include <cassert>

using namespace clang::ast_matchers;

namespace greenlint {

void Rule::run(const MatchFinder::MatchResult &Result) {
  Ctx.setASTContext(Result.Context);
  check(Result);
  flush();
}

void Rule::flush() {
  for (Finding &F : Pending)
    Ctx.emit(std::move(F));
  Pending.clear();
}

const ApiModel &Rule::api() const { return Ctx.api(); }

std::string Rule::option(llvm::StringRef Name) const {
  return Ctx.option(Info, Name);
}

bool Rule::boolOption(llvm::StringRef Name) const {
  std::string V = llvm::StringRef(option(Name)).lower();
  return V == "true" || V == "1" || V == "on" || V == "yes";
}

int64_t Rule::intOption(llvm::StringRef Name) const {
  int64_t V = 0;
  llvm::to_integer(option(Name), V);
  return V;
}

Finding &Rule::report(clang::SourceLocation Loc, llvm::StringRef Message) {
  Pending.push_back(Finding{Info.Id, Loc, Message.str(), {}, {}, {}});
  return Pending.back();
}

Finding &Rule::report(Finding Prepared) {
  Prepared.RuleId = Info.Id;
  Pending.push_back(std::move(Prepared));
  return Pending.back();
}

std::string RuleContext::option(const RuleInfo &Info,
                                llvm::StringRef Name) const {
  if (const std::string *V = Cfg.optionValue(Info.Id, Name))
    return *V;
  for (const RuleOption &O : Info.Options)
    if (Name == O.Name)
      return O.Default;
  return {};
}

RuleContext::RuleContext(const Config &Cfg, const ApiModel &Api,
                         FindingSink Sink)
    : Cfg(Cfg), Api(Api), Sink(std::move(Sink)) {}
RuleContext::~RuleContext() = default;

FunctionSummaries &RuleContext::summaries() {
  assert(AST && "summaries need the AST context");
  if (!Summaries || SummariesOf != AST) {
    Summaries = std::make_unique<FunctionSummaries>(Api, *AST, Project);
    SummariesOf = AST;
  }
  return *Summaries;
}

const std::vector<estimate::ModelEstimate> &
RuleContext::modelEstimates() const {
  static const std::vector<estimate::ModelEstimate> None;
  return Estimates ? Estimates() : None;
}

} // namespace greenlint
