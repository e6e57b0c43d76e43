//===- Instrument.cpp -----------------------------------------------------===//
#include "Instrument.h"
#include "greenlint/apis/ApiModel.h"
#include "support/HotPaths.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecordLayout.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#if LLVM_VERSION_MAJOR >= 22
// LLVM 22 moved the pass-plugin interface into its own llvm/Plugins library.
#include "llvm/Plugins/PassPlugin.h"
#else
#include "llvm/Passes/PassPlugin.h"
#endif
#include "llvm/Transforms/Utils/EscapeEnumerator.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {

std::map<std::string, PlannedRegion> &instrumentationPlan() {
  static std::map<std::string, PlannedRegion> Plan;
  return Plan;
}

namespace {

std::vector<std::string> manglings(ASTNameGenerator &Names,
                                   const FunctionDecl *FD) {
  // Constructors and destructors have one symbol per variant.
  if (isa<CXXConstructorDecl, CXXDestructorDecl>(FD))
    return Names.getAllManglings(FD);
  return {Names.getName(FD)};
}

// Where a unit_count integer lies in the call (the argument, or a field of
// the argument's by-value copy), or why it cannot be read there.
std::optional<PlannedUnitSite::FieldCount>
planCount(const ASTContext &Ctx, const CallExpr *Call,
          const ApiEntry::UnitCount &Spec, std::string &WhyNot) {
  const unsigned Arg = Spec.Arg;
  if (Arg >= Call->getNumArgs()) {
    WhyNot = "the call has no argument " + std::to_string(Arg);
    return std::nullopt;
  }
  QualType T = Call->getArg(Arg)->getType().getCanonicalType();
  if (Spec.Field.empty()) {
    if (!T->isIntegerType() || T->isDependentType() ||
        Ctx.getTypeSize(T) > 64) {
      WhyNot = "argument " + std::to_string(Arg) + " is not a plain integer";
      return std::nullopt;
    }
    return PlannedUnitSite::FieldCount{
        Arg,
        Call->getNumArgs(),
        false,
        0,
        static_cast<unsigned>(Ctx.getTypeSize(T)),
        T->isSignedIntegerType(),
        Spec.Divisor};
  }
  const RecordDecl *RD = T->getAsRecordDecl();
  if (!RD || !RD->getDefinition() || T->isDependentType()) {
    WhyNot = "argument " + std::to_string(Arg) + " is not a complete struct";
    return std::nullopt;
  }
  RD = RD->getDefinition();
  // Smaller structs travel in registers, split per field: no copy to read.
  if (Ctx.getTypeSize(T) <= 128) {
    WhyNot = "the struct is passed in registers";
    return std::nullopt;
  }
  const ASTRecordLayout &Layout = Ctx.getASTRecordLayout(RD);
  for (const FieldDecl *F : RD->fields()) {
    if (F->getName() != Spec.Field)
      continue;
    QualType FT = F->getType().getCanonicalType();
    if (!FT->isIntegerType() || F->isBitField() || Ctx.getTypeSize(FT) > 64) {
      WhyNot = "field '" + Spec.Field + "' is not a plain integer";
      return std::nullopt;
    }
    return PlannedUnitSite::FieldCount{
        Arg,
        Call->getNumArgs(),
        true,
        Layout.getFieldOffset(F->getFieldIndex()) / 8,
        static_cast<unsigned>(Ctx.getTypeSize(FT)),
        FT->isSignedIntegerType(),
        Spec.Divisor};
  }
  WhyNot = "the struct has no field '" + Spec.Field + "'";
  return std::nullopt;
}

std::optional<PlannedUnitSite> planSite(ASTNameGenerator &Names,
                                        ASTContext &Ctx, const UnitSite &Site) {
  const SourceManager &SM = Ctx.getSourceManager();
  const CallExpr *Call = Site.Call;
  PlannedUnitSite Planned;
  SourceLocation Begin = SM.getExpansionLoc(Call->getBeginLoc());
  SourceLocation ExprLoc = SM.getExpansionLoc(Call->getExprLoc());
  Planned.Line = SM.getExpansionLineNumber(ExprLoc);
  Planned.Columns.push_back(SM.getExpansionColumnNumber(ExprLoc));
  if (SM.getExpansionLineNumber(Begin) == Planned.Line)
    Planned.Columns.push_back(SM.getExpansionColumnNumber(Begin));
  const FunctionDecl *Callee = Call->getDirectCallee();
  Planned.Callee = Callee ? Names.getName(Callee) : "";
  const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Callee);
  Planned.MayBeIndirect = MD && MD->isVirtual();
  Planned.Unit = Site.Unit;
  if (Site.Count) {
    std::string WhyNot;
    Planned.Count = planCount(Ctx, Call, *Site.Count, WhyNot);
    if (!Planned.Count) {
      // Counting one per call would pass calls off as tokens: say so and
      // count nothing here.
      DiagnosticsEngine &Diags = Ctx.getDiagnostics();
      unsigned ID = Diags.getDiagnosticIDs()->getCustomDiagID(
          DiagnosticIDs::Remark, "%0 units of this call are not counted: %1 "
                                 "[greenlint-instrument]");
      Diags.Report(ExprLoc, ID) << Site.Unit << WhyNot;
      return std::nullopt;
    }
  }
  return Planned;
}

// Why a call must not be inserted into FD, or null. Said once per function
// as a remark (not a warning: -Werror builds must not break over code that
// is correct as written).
const char *whyNotInstrumented(const FunctionDecl &FD) {
  // No prologue: the body is assembly that reads its arguments from the
  // registers a call would clobber, and returns on its own, so the region
  // would never end.
  if (FD.hasAttr<NakedAttr>())
    return "it is a naked function, where an inserted call would clobber its "
           "argument registers and leave its region open; measure its caller "
           "instead";
  // The programmer's word that no call may be added (hooks of
  // -finstrument-functions, code that runs before the runtime can).
  if (FD.hasAttr<NoInstrumentFunctionAttr>())
    return "it is marked no_instrument_function; remove the attribute to "
           "measure it";
  return nullptr;
}

} // namespace

std::vector<PlannedRegion> planInstrumentation(ASTContext &Ctx,
                                               llvm::ArrayRef<Decl *> UserDecls,
                                               const ApiModel &Api) {
  std::vector<PlannedRegion> Planned;
  ASTNameGenerator Names(Ctx);
  const SourceManager &SM = Ctx.getSourceManager();
  for (Decl *Top : UserDecls) {
    std::vector<const FunctionDecl *> Functions;
    if (const auto *FD = dyn_cast<FunctionDecl>(Top))
      Functions.push_back(FD);
    for (const BoundNodes &N :
         match(decl(forEachDescendant(functionDecl(isDefinition()).bind("fn"))),
               *Top, Ctx))
      Functions.push_back(N.getNodeAs<FunctionDecl>("fn"));
    // A lambda's call operator is not a descendant the matcher visits; a
    // lambda passed to a loop helper or a thread is where the work runs.
    for (const BoundNodes &N :
         match(decl(forEachDescendant(lambdaExpr().bind("lambda"))), *Top, Ctx))
      Functions.push_back(N.getNodeAs<LambdaExpr>("lambda")->getCallOperator());
    llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
    for (const FunctionDecl *FD : Functions) {
      if (!Seen.insert(FD).second)
        continue;
      std::optional<HotPath> Path = classifyHotPath(*FD, Api, Ctx);
      if (!Path)
        continue;
      if (const char *Why = whyNotInstrumented(*FD)) {
        DiagnosticsEngine &Diags = Ctx.getDiagnostics();
        unsigned ID = Diags.getDiagnosticIDs()->getCustomDiagID(
            DiagnosticIDs::Remark, "%0 is not instrumented: %1 "
                                   "[greenlint-instrument]");
        Diags.Report(FD->getLocation(), ID) << FD << Why;
        continue;
      }
      PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(FD->getLocation()));
      PlannedRegion Region{Path->regionName(),
                           phaseName(Path->Kind).str(),
                           Path->Framework,
                           P.isValid() ? P.getFilename() : "",
                           P.isValid() ? P.getLine() : 0,
                           {}};
      PresumedLoc End = SM.getPresumedLoc(SM.getExpansionLoc(FD->getEndLoc()));
      if (End.isValid() && P.isValid() &&
          llvm::StringRef(End.getFilename()) == P.getFilename())
        Region.EndLine = End.getLine();
      llvm::DenseMap<const CallExpr *, unsigned> CallIds;
      for (const UnitSite &Site : Path->Units)
        if (std::optional<PlannedUnitSite> Planned =
                planSite(Names, Ctx, Site)) {
          Planned->CallId =
              CallIds.try_emplace(Site.Call, CallIds.size()).first->second;
          Region.Units.push_back(std::move(*Planned));
        }
      for (const std::string &Symbol : manglings(Names, FD))
        instrumentationPlan()[Symbol] = Region;
      Planned.push_back(std::move(Region));
    }
  }
  return Planned;
}

namespace {

/// Inserts region begin/end and unit counts into the planned functions.
class InstrumentPass : public llvm::PassInfoMixin<InstrumentPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);
  static bool isRequired() { return true; }

private:
  void instrument(llvm::Function &F, const PlannedRegion &Region);
  llvm::Value *countAt(llvm::IRBuilder<> &B, llvm::CallBase &Call,
                       const PlannedUnitSite &Site);
  llvm::Constant *string(llvm::Module &M, llvm::StringRef Text);

  llvm::FunctionCallee Begin, End, Units;
  llvm::StringMap<llvm::Constant *> Strings;
};

llvm::Constant *InstrumentPass::string(llvm::Module &M, llvm::StringRef Text) {
  llvm::Constant *&S = Strings[Text];
  if (!S) {
    llvm::IRBuilder<> B(M.getContext());
    // The module takes ownership of the global it is created in.
    // NOLINTBEGIN(clang-analyzer-cplusplus.NewDeleteLeaks)
    S = llvm::ConstantExpr::getPointerCast(
        new llvm::GlobalVariable(
            M, llvm::ArrayType::get(B.getInt8Ty(), Text.size() + 1),
            /*isConstant=*/true, llvm::GlobalValue::PrivateLinkage,
            llvm::ConstantDataArray::getString(M.getContext(), Text),
            "greenlint.str"),
        B.getPtrTy());
    // NOLINTEND(clang-analyzer-cplusplus.NewDeleteLeaks)
  }
  return S;
}

bool siteMatches(const llvm::CallBase &Call, const PlannedUnitSite &Site) {
  const llvm::DebugLoc &Loc = Call.getDebugLoc();
  if (!Loc || Loc.getLine() != Site.Line ||
      llvm::find(Site.Columns, Loc.getCol()) == Site.Columns.end())
    return false;
  if (const llvm::Function *Callee = Call.getCalledFunction())
    return Callee->getName() == Site.Callee;
  return Site.MayBeIndirect && Call.isIndirectCall();
}

// The number of units one call counts: 1, or the planned integer (the
// argument, or a field of the argument's copy; negative values count 0),
// divided as planned; null when the ABI did not pass it as planned. The
// caller then counts a distinct "<unit>-uncounted-call" unit: the ledger
// shows calls whose count could not be read instead of a wrong count.
llvm::Value *InstrumentPass::countAt(llvm::IRBuilder<> &B, llvm::CallBase &Call,
                                     const PlannedUnitSite &Site) {
  if (!Site.Count)
    return B.getInt64(1);
  const PlannedUnitSite::FieldCount &C = *Site.Count;
  if (Call.arg_size() != C.SourceArgs)
    return nullptr;
  llvm::Value *Operand = Call.getArgOperand(C.Arg);
  llvm::Value *N = nullptr;
  if (C.InStruct) {
    if (!Operand->getType()->isPointerTy())
      return nullptr;
    llvm::Value *Field =
        B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Operand, C.ByteOffset);
    N = B.CreateLoad(B.getIntNTy(C.Bits), Field);
  } else {
    if (!Operand->getType()->isIntegerTy(C.Bits))
      return nullptr;
    N = Operand;
  }
  if (!C.Signed) {
    N = B.CreateZExt(N, B.getInt64Ty());
  } else {
    N = B.CreateSExt(N, B.getInt64Ty());
    N = B.CreateSelect(B.CreateICmpSLT(N, B.getInt64(0)), B.getInt64(0), N);
  }
  return C.Divisor > 1 ? B.CreateUDiv(N, B.getInt64(C.Divisor)) : N;
}

void InstrumentPass::instrument(llvm::Function &F,
                                const PlannedRegion &Region) {
  llvm::Module &M = *F.getParent();
  // Unit counts go before the counted calls, found by the call's source
  // position (debug locations are on while instrumenting).
  std::vector<std::pair<llvm::CallBase *, const PlannedUnitSite *>> Counted;
  for (llvm::Instruction &I : llvm::instructions(F))
    if (auto *Call = llvm::dyn_cast<llvm::CallBase>(&I))
      for (const PlannedUnitSite &Site : Region.Units)
        if (siteMatches(*Call, Site)) {
          // Every unit planned from the same source call, once each.
          for (const PlannedUnitSite &Same : Region.Units)
            if (Same.CallId == Site.CallId)
              Counted.emplace_back(Call, &Same);
          break;
        }
  for (auto [Call, Site] : Counted) {
    llvm::IRBuilder<> B(Call);
    if (llvm::Value *N = countAt(B, *Call, *Site))
      B.CreateCall(Units, {string(M, Site->Unit), N});
    else
      B.CreateCall(Units,
                   {string(M, Site->Unit + "-uncounted-call"), B.getInt64(1)});
  }

  llvm::IRBuilder<> Entry(&*F.getEntryBlock().getFirstInsertionPt());
  Entry.CreateCall(Begin, {string(M, Region.Name)});
  // Every exit ends the region, including unwinding: calls that may throw
  // get a cleanup landing pad that ends the region and resumes.
  llvm::EscapeEnumerator Exits(F, "greenlint.cleanup",
                               /*HandleExceptions=*/true);
  while (llvm::IRBuilder<> *AtExit = Exits.Next())
    AtExit->CreateCall(End, {});
}

llvm::PreservedAnalyses InstrumentPass::run(llvm::Module &M,
                                            llvm::ModuleAnalysisManager &) {
  const auto &Plan = instrumentationPlan();
  // -fplugin and -fpass-plugin naming the same greenlint.so register the
  // pass twice: the marker makes the second run a no-op.
  if (Plan.empty() || M.getNamedMetadata("greenlint.instrumented"))
    return llvm::PreservedAnalyses::all();
  M.getOrInsertNamedMetadata("greenlint.instrumented");

  llvm::LLVMContext &C = M.getContext();
  llvm::Type *Ptr = llvm::PointerType::getUnqual(C);
  llvm::Type *Void = llvm::Type::getVoidTy(C);
  llvm::AttributeList NoUnwind =
      llvm::AttributeList().addFnAttribute(C, llvm::Attribute::NoUnwind);
  Begin = M.getOrInsertFunction("greenlint_region_begin", NoUnwind, Void, Ptr);
  End = M.getOrInsertFunction("greenlint_region_end", NoUnwind, Void);
  Units = M.getOrInsertFunction("greenlint_units", NoUnwind, Void, Ptr,
                                llvm::Type::getInt64Ty(C));

  bool Changed = false;
  for (llvm::Function &F : M) {
    // The plan already leaves naked functions out; a symbol planned for
    // another declaration must not reach one either.
    if (F.isDeclaration() || F.hasFnAttribute(llvm::Attribute::Naked))
      continue;
    auto It = Plan.find(F.getName().str());
    if (It == Plan.end())
      continue;
    instrument(F, It->second);
    Changed = true;
  }
  if (!Changed)
    return llvm::PreservedAnalyses::all();

  // A reference whose name says the fix: linking instrumented code without
  // the runtime fails with "undefined reference to
  // greenlint_instrumented_code_needs_libgreenlint_rt" rather than silently
  // losing measurements.
  llvm::GlobalVariable *Needs =
      M.getGlobalVariable("greenlint_instrumented_code_needs_libgreenlint_rt");
  if (!Needs)
    Needs = new llvm::GlobalVariable(
        M, llvm::Type::getInt32Ty(C), /*isConstant=*/true,
        llvm::GlobalValue::ExternalLinkage, nullptr,
        "greenlint_instrumented_code_needs_libgreenlint_rt");
  auto *Anchor = new llvm::GlobalVariable(M, Ptr, /*isConstant=*/true,
                                          llvm::GlobalValue::PrivateLinkage,
                                          Needs, "greenlint.needs_runtime");
  llvm::appendToCompilerUsed(M, {Anchor});
  return llvm::PreservedAnalyses::none();
}

} // namespace

void registerInstrumentation(llvm::PassBuilder &PB) {
  PB.registerPipelineStartEPCallback(
      [](llvm::ModulePassManager &MPM, llvm::OptimizationLevel) {
        MPM.addPass(InstrumentPass());
      });
}

} // namespace greenlint
