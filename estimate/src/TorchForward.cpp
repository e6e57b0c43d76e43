//===- TorchForward.cpp ---------------------------------------------------===//
#include "TorchForward.h"
#include "TorchLayers.h"
#include "greenlint/apis/ApiModel.h"
#include "greenlint/estimate/EstimateRoles.h"
#include "greenlint/estimate/LayerCost.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseMap.h"

using namespace clang;

namespace greenlint {
namespace estimate {

namespace {

using Shape = std::vector<int64_t>;

int64_t elements(const Shape &S) {
  int64_t N = 1;
  for (int64_t X : S)
    N *= X;
  return N;
}

class Interpreter {
public:
  Interpreter(const FieldResolver &Fields, const ApiModel &Api, ASTContext &Ctx)
      : Fields(Fields), Api(Api), Ctx(Ctx) {}

  std::optional<double> run(const CXXMethodDecl *Forward, const Shape &Input) {
    const auto *Body = dyn_cast_or_null<CompoundStmt>(Forward->getBody());
    if (!Body || Forward->getNumParams() != 1)
      return fail(Forward->getLocation(),
                  "forward() does not take one tensor with a body here");
    Env[Forward->getParamDecl(0)] = Input;
    for (const Stmt *S : Body->body()) {
      if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
        if (!Ret->getRetValue() || !shape(Ret->getRetValue()))
          return fail(S->getBeginLoc(), Why.empty() ? "the returned value is "
                                                      "not followed"
                                                    : Why);
        return Flops;
      }
      if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
        for (const Decl *D : Decls->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D)) {
            if (!VD->getInit() || !isTensor(VD->getType()))
              continue; // sizes and flags do not change the arithmetic
            auto R = shape(VD->getInit());
            if (!R)
              return fail(S->getBeginLoc(), Why);
            Env[VD] = *R;
          }
        continue;
      }
      const Expr *E = dyn_cast<Expr>(S);
      const VarDecl *Target = nullptr;
      const Expr *Value = nullptr;
      if (E)
        assignment(E, Target, Value);
      if (!Target)
        return fail(S->getBeginLoc(),
                    "a statement other than a declaration, an assignment to "
                    "a tensor or a return (control flow is not followed)");
      auto R = shape(Value);
      if (!R)
        return fail(S->getBeginLoc(), Why);
      Env[Target] = *R;
    }
    return fail(Forward->getLocation(), "forward() has no return");
  }

  std::string Why;

private:
  std::nullopt_t fail(SourceLocation L, const std::string &What) {
    if (Why.find("line ") != 0)
      Why = "line " +
            std::to_string(Ctx.getSourceManager().getPresumedLineNumber(L)) +
            ": " + What;
    return std::nullopt;
  }

  bool isTensor(QualType T) const {
    return Api.matchType(T.getNonReferenceType(), greenlint::roles::TensorType);
  }

  static void assignment(const Expr *E, const VarDecl *&Target,
                         const Expr *&Value) {
    E = E->IgnoreImplicit();
    const Expr *L = nullptr;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
        L = Op->getArg(0);
        Value = Op->getArg(1);
      }
    } else if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->getOpcode() == BO_Assign) {
        L = BO->getLHS();
        Value = BO->getRHS();
      }
    }
    if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(
            L ? L->IgnoreParenImpCasts() : nullptr))
      Target = dyn_cast<VarDecl>(Ref->getDecl());
  }

  /// The member field a layer call goes to: fc(x), fc->forward(x).
  static const FieldDecl *calledField(const Expr *Object) {
    Object = stripWrappers(Object);
    if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Object))
      if (Arrow->getOperator() == OO_Arrow && Arrow->getNumArgs() >= 1)
        Object = stripWrappers(Arrow->getArg(0));
    if (const auto *Member = dyn_cast<MemberExpr>(Object))
      if (isa<CXXThisExpr>(stripWrappers(Member->getBase())))
        return dyn_cast<FieldDecl>(Member->getMemberDecl());
    return nullptr;
  }

  std::optional<Shape> applyField(const FieldDecl *FD, const Expr *Arg) {
    auto In = shape(Arg);
    if (!In)
      return std::nullopt;
    auto Layer = Fields(FD);
    if (!Layer) {
      fail(Arg->getBeginLoc(), "member '" + FD->getNameAsString() +
                                   "' is not a layer greenlint could read");
      return std::nullopt;
    }
    LayerResult R = evaluateTorchLayer(Layer->Role, Layer->Impl, Layer->Args,
                                       Layer->B, In, Ctx);
    if (!R.Read || !R.Cost.Flops) {
      fail(Arg->getBeginLoc(), "member '" + FD->getNameAsString() + "': " +
                                   (R.Read ? R.Cost.FlopsUnknown : R.Why));
      return std::nullopt;
    }
    if (!R.Shape) {
      fail(Arg->getBeginLoc(), "member '" + FD->getNameAsString() +
                                   "' does not fit the input shape");
      return std::nullopt;
    }
    Flops += *R.Cost.Flops;
    return R.Shape;
  }

  /// x.view({-1, 320}): the batch is -1, the rest constants.
  std::optional<Shape> reshaped(const Shape &In, const Expr *Dims) {
    auto List = evaluateIntList(Dims, Bindings(), Ctx, 0);
    if (!List || List->size() < 2 || (*List)[0] != -1)
      return std::nullopt;
    Shape Out(List->begin() + 1, List->end());
    for (int64_t X : Out)
      if (X <= 0)
        return std::nullopt;
    if (elements(Out) != elements(In))
      return std::nullopt;
    return Out;
  }

  /// Pooling by kernel, stride (default the kernel) and padding.
  std::optional<Shape> pooled(const Shape &In, const CallExpr *Call,
                              unsigned First) {
    if (In.size() < 2 || Call->getNumArgs() < First + 2)
      return std::nullopt;
    unsigned D = unsigned(In.size() - 1);
    auto Kernel = evaluateIntList(Call->getArg(First + 1), Bindings(), Ctx, D);
    std::optional<Shape> Stride = Kernel, Padding = Shape(D, 0);
    if (Call->getNumArgs() > First + 2 &&
        !isa<CXXDefaultArgExpr>(Call->getArg(First + 2))) {
      auto S = evaluateIntList(Call->getArg(First + 2), Bindings(), Ctx, D);
      if (S && !S->empty())
        Stride = S;
    }
    if (Call->getNumArgs() > First + 3 &&
        !isa<CXXDefaultArgExpr>(Call->getArg(First + 3)))
      Padding = evaluateIntList(Call->getArg(First + 3), Bindings(), Ctx, D);
    if (!Kernel || !Stride || !Padding)
      return std::nullopt;
    auto Out = convOutputSize(Shape(In.begin() + 1, In.end()), *Kernel, *Stride,
                              *Padding, Shape(D, 1));
    if (Out.empty())
      return std::nullopt;
    Shape Result{In[0]};
    Result.insert(Result.end(), Out.begin(), Out.end());
    return Result;
  }

  std::optional<Shape> shape(const Expr *E) {
    E = stripWrappers(E);
    // A copy or move of a tensor (return Y;) is the same tensor.
    if (const auto *Copy = dyn_cast<CXXConstructExpr>(E))
      if (Copy->getNumArgs() == 1 && Copy->getConstructor() &&
          Copy->getConstructor()->isCopyOrMoveConstructor())
        return shape(Copy->getArg(0));
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      auto It = Env.find(Ref->getDecl());
      if (It != Env.end())
        return It->second;
      fail(E->getBeginLoc(),
           "'" + Ref->getDecl()->getNameAsString() + "' has no known shape");
      return std::nullopt;
    }
    // fc(x): the handle's call operator.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
      if (Op->getOperator() == OO_Call && Op->getNumArgs() == 2)
        if (const FieldDecl *FD = calledField(Op->getArg(0)))
          return applyField(FD, Op->getArg(1));
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E)) {
      const Expr *Object = Member->getImplicitObjectArgument();
      if (const FieldDecl *FD = calledField(Object))
        if (Member->getNumArgs() == 1)
          return applyField(FD, Member->getArg(0));
      if (isTensor(stripWrappers(Object)->getType())) {
        if (Api.matchCall(Member, roles::ShapePreservingOp))
          return shape(Object);
        if (Api.matchCall(Member, roles::ReshapeOp) &&
            Member->getNumArgs() >= 1) {
          auto In = shape(Object);
          if (!In)
            return std::nullopt;
          if (auto Out = reshaped(*In, Member->getArg(0)))
            return Out;
          fail(E->getBeginLoc(), "a reshape whose sizes are not -1 and "
                                 "constants matching the input");
          return std::nullopt;
        }
        if (Api.matchCall(Member, roles::FlattenOp)) {
          auto In = shape(Object);
          if (!In)
            return std::nullopt;
          return Shape{elements(*In)};
        }
      }
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      if (Call->getNumArgs() >= 1) {
        if (Api.matchCall(Call, roles::ShapePreservingOp))
          return shape(Call->getArg(0));
        if (Api.matchCall(Call, roles::FlattenOp)) {
          auto In = shape(Call->getArg(0));
          if (!In)
            return std::nullopt;
          return Shape{elements(*In)};
        }
        if (Api.matchCall(Call, roles::PoolingOp)) {
          auto In = shape(Call->getArg(0));
          if (!In)
            return std::nullopt;
          if (auto Out = pooled(*In, Call, 0))
            return Out;
          fail(E->getBeginLoc(), "a pooling whose sizes are not constants");
          return std::nullopt;
        }
      }
    }
    // x + y: elementwise, uncounted, both sides the same shape.
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E))
      if (Op->isInfixBinaryOp() && Op->getNumArgs() == 2) {
        auto L = shape(Op->getArg(0)), R = shape(Op->getArg(1));
        if (L && R && *L == *R)
          return L;
      }
    fail(E->getBeginLoc(), "an expression greenlint does not follow");
    return std::nullopt;
  }

  const FieldResolver &Fields;
  const ApiModel &Api;
  ASTContext &Ctx;
  llvm::DenseMap<const Decl *, Shape> Env;
  double Flops = 0;
};

} // namespace

std::optional<double> forwardFlops(const CXXRecordDecl *RD, const Shape &Input,
                                   const FieldResolver &Fields,
                                   const ApiModel &Api, ASTContext &Ctx,
                                   std::string &Why) {
  const CXXMethodDecl *Forward = nullptr;
  for (const CXXMethodDecl *M : RD->methods())
    if (M->getIdentifier() && M->getName() == "forward" && M->hasBody())
      Forward = Forward ? nullptr : M;
  if (!Forward) {
    Why = "no single forward() defined in the class";
    return std::nullopt;
  }
  Interpreter I(Fields, Api, Ctx);
  auto F = I.run(Forward, Input);
  if (!F)
    Why = "forward(), " + I.Why;
  return F;
}

} // namespace estimate
} // namespace greenlint
