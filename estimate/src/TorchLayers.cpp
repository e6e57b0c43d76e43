//===- TorchLayers.cpp ----------------------------------------------------===//
#include "TorchLayers.h"
#include "greenlint/estimate/EstimateRoles.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringMap.h"
#include <cstdint>

using namespace clang;

namespace greenlint {
namespace estimate {

namespace {

constexpr int MaxDepth = 12;
/// A layer argument set only through its options' setter, never by
/// position.
constexpr size_t NamedOnly = SIZE_MAX;

/// A layer's arguments: positional constructor arguments, or those of its
/// options object plus the setters called on it.
struct LayerArgs {
  std::vector<const Expr *> Positional;
  llvm::StringMap<const Expr *> Named;
  const Expr *get(llvm::StringRef Name, size_t Index) const {
    if (const Expr *E = Named.lookup(Name))
      return E;
    return Index < Positional.size() ? Positional[Index] : nullptr;
  }
};

bool isOptionsType(QualType T) {
  const CXXRecordDecl *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->getIdentifier() && RD->getName().ends_with("Options");
}

bool readOptions(const Expr *E, LayerArgs &Out, int Depth = 0) {
  if (Depth > MaxDepth)
    return false;
  E = stripWrappers(E);
  while (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Call->getMethodDecl();
    if (!M || !M->getIdentifier() || Call->getNumArgs() != 1)
      return false;
    // The outermost setter is the last one applied.
    Out.Named.try_emplace(M->getName(), Call->getArg(0));
    E = stripWrappers(Call->getImplicitObjectArgument());
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(Ref->getDecl()))
      if (VD->getType().isConstQualified() && VD->getInit())
        return readOptions(VD->getInit(), Out, Depth + 1);
  const auto *Construct = dyn_cast<CXXConstructExpr>(E);
  if (!Construct)
    return false;
  if (Construct->getNumArgs() == 1 &&
      isOptionsType(Construct->getArg(0)->getType()))
    return readOptions(Construct->getArg(0), Out, Depth + 1);
  for (const Expr *Arg : Construct->arguments())
    if (!isa<CXXDefaultArgExpr>(Arg))
      Out.Positional.push_back(Arg);
  return true;
}

/// Conv1d/2d/3d: D is ConvNdImpl<D, ...>'s first template argument.
unsigned convDims(const CXXRecordDecl *Impl) {
  for (const CXXBaseSpecifier &Base : Impl->bases())
    if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            Base.getType()->getAsCXXRecordDecl()))
      if (!Spec->getTemplateArgs().asArray().empty() &&
          Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Integral)
        return unsigned(
            Spec->getTemplateArgs()[0].getAsIntegral().getZExtValue());
  return 0;
}

} // namespace

LayerResult
evaluateTorchLayer(llvm::StringRef Role, const CXXRecordDecl *Impl,
                   llvm::ArrayRef<const Expr *> Args, const Bindings &B,
                   const std::optional<std::vector<int64_t>> &InShape,
                   ASTContext &Ctx) {
  LayerResult Result;
  LayerArgs LA;
  if (Args.size() == 1 && isOptionsType(Args[0]->getType())) {
    if (!readOptions(Args[0], LA)) {
      Result.Why = "its options are not built in place";
      return Result;
    }
  } else {
    LA.Positional.assign(Args.begin(), Args.end());
  }
  std::string Missing;
  auto IntArg = [&](llvm::StringRef Field, size_t Index,
                    std::optional<int64_t> Default =
                        std::nullopt) -> std::optional<int64_t> {
    const Expr *E = LA.get(Field, Index);
    if (!E) {
      if (!Default && Missing.empty())
        Missing = Field.str();
      return Default;
    }
    auto V = evaluateInt(E, B, Ctx);
    if (!V && Missing.empty())
      Missing = Field.str();
    return V;
  };
  auto ListArg = [&](llvm::StringRef Field, size_t Index, unsigned Repeat,
                     std::optional<int64_t> Default)
      -> std::optional<std::vector<int64_t>> {
    const Expr *E = LA.get(Field, Index);
    if (!E) {
      if (Default)
        return std::vector<int64_t>(Repeat, *Default);
      if (Missing.empty())
        Missing = Field.str();
      return std::nullopt;
    }
    auto V = evaluateIntList(E, B, Ctx, Repeat);
    if ((!V || (Repeat && V->size() != Repeat)) && Missing.empty())
      Missing = Field.str();
    return V;
  };
  auto Fail = [&]() {
    Result.Why = "its " + Missing + " is not a constant";
    return Result;
  };

  LayerCost Cost;
  std::optional<std::vector<int64_t>> NextShape;
  bool ShapeKept = false;
  if (Role == roles::LayerLinear) {
    auto In = IntArg("in_features", 0), Out = IntArg("out_features", 1);
    auto Bias = IntArg("bias", NamedOnly, 1);
    if (!In || !Out || !Bias)
      return Fail();
    Cost = linearCost(*In, *Out, *Bias);
    if (InShape && !InShape->empty() && InShape->back() == *In) {
      NextShape = InShape;
      NextShape->back() = *Out;
    }
  } else if (Role == roles::LayerConv) {
    unsigned D = convDims(Impl);
    auto In = IntArg("in_channels", 0), Out = IntArg("out_channels", 1);
    auto Kernel = ListArg("kernel_size", 2, D, std::nullopt);
    auto Stride = ListArg("stride", NamedOnly, D, 1);
    auto Padding = ListArg("padding", NamedOnly, D, 0);
    auto Dilation = ListArg("dilation", NamedOnly, D, 1);
    auto Groups = IntArg("groups", NamedOnly, 1);
    auto Bias = IntArg("bias", NamedOnly, 1);
    if (!In || !Out || !Kernel || !Stride || !Padding || !Dilation || !Groups ||
        !Bias || D == 0 || *Groups <= 0) {
      if (Missing.empty())
        Missing = "kernel_size";
      return Fail();
    }
    std::vector<int64_t> OutSpatial;
    if (InShape && InShape->size() == D + 1 && (*InShape)[0] == *In) {
      std::vector<int64_t> InSpatial(InShape->begin() + 1, InShape->end());
      OutSpatial =
          convOutputSize(InSpatial, *Kernel, *Stride, *Padding, *Dilation);
    }
    Cost = convCost(*In, *Out, *Kernel, *Groups, *Bias,
                    OutSpatial.empty() ? nullptr : &OutSpatial);
    if (!OutSpatial.empty()) {
      NextShape = std::vector<int64_t>{*Out};
      NextShape->insert(NextShape->end(), OutSpatial.begin(), OutSpatial.end());
    }
  } else if (Role == roles::LayerEmbedding) {
    auto Num = IntArg("num_embeddings", 0), Dim = IntArg("embedding_dim", 1);
    if (!Num || !Dim)
      return Fail();
    Cost = embeddingCost(*Num, *Dim);
    Result.PerTimeStep = true;
  } else if (Role == roles::LayerRnn || Role == roles::LayerGru ||
             Role == roles::LayerLstm) {
    auto In = IntArg("input_size", 0), Hidden = IntArg("hidden_size", 1);
    auto Layers = IntArg("num_layers", NamedOnly, 1);
    auto Bias = IntArg("bias", NamedOnly, 1);
    auto Bidi = IntArg("bidirectional", NamedOnly, 0);
    auto Proj = IntArg("proj_size", NamedOnly, 0);
    if (!In || !Hidden || !Layers || !Bias || !Bidi || !Proj)
      return Fail();
    if (*Proj != 0) {
      Result.Why = "LSTM projections (proj_size) are not modelled";
      return Result;
    }
    RecurrentCell Cell = Role == roles::LayerLstm  ? RecurrentCell::Lstm
                         : Role == roles::LayerGru ? RecurrentCell::Gru
                                                   : RecurrentCell::Rnn;
    Cost = recurrentCost(Cell, *In, *Hidden, *Layers, *Bias, *Bidi);
    Result.PerTimeStep = true;
  } else if (Role == roles::LayerAttention) {
    auto E = IntArg("embed_dim", 0);
    auto Heads = IntArg("num_heads", 1);
    auto Bias = IntArg("bias", NamedOnly, 1);
    auto BiasKv = IntArg("add_bias_kv", NamedOnly, 0);
    std::optional<int64_t> K = E, V = E;
    if (LA.Named.count("kdim"))
      K = IntArg("kdim", 99);
    if (LA.Named.count("vdim"))
      V = IntArg("vdim", 99);
    // The head count splits E; it adds no parameters.
    if (!E || !Heads || !K || !V || !Bias || !BiasKv)
      return Fail();
    Cost = attentionCost(*E, *K, *V, *Bias, *BiasKv, std::nullopt);
    Result.PerTimeStep = true;
  } else if (Role == roles::LayerBatchNorm) {
    auto C = IntArg("num_features", 0);
    auto Affine = IntArg("affine", NamedOnly, 1);
    if (!C || !Affine)
      return Fail();
    Cost = normCost("batchnorm", *C, *Affine);
    ShapeKept = true;
  } else if (Role == roles::LayerLayerNorm) {
    auto Shape = ListArg("normalized_shape", 0, 0, std::nullopt);
    auto Affine = IntArg("elementwise_affine", NamedOnly, 1);
    if (!Shape || !Affine)
      return Fail();
    uint64_t N = 1;
    for (int64_t X : *Shape)
      N *= uint64_t(X);
    Cost = normCost("layernorm", N, *Affine);
    ShapeKept = true;
  } else if (Role == roles::LayerPooling) {
    Cost = parameterFreeCost("pooling");
    if (InShape && InShape->size() >= 2) {
      unsigned D = unsigned(InShape->size() - 1);
      auto Kernel = ListArg("kernel_size", 0, D, std::nullopt);
      auto Stride = LA.get("stride", 1) ? ListArg("stride", 1, D, 1) : Kernel;
      auto Padding = ListArg("padding", 2, D, 0);
      auto Dilation = ListArg("dilation", NamedOnly, D, 1);
      if (Kernel && Stride && Padding && Dilation) {
        std::vector<int64_t> InSpatial(InShape->begin() + 1, InShape->end());
        auto Out =
            convOutputSize(InSpatial, *Kernel, *Stride, *Padding, *Dilation);
        if (!Out.empty()) {
          NextShape = std::vector<int64_t>{(*InShape)[0]};
          NextShape->insert(NextShape->end(), Out.begin(), Out.end());
        }
      }
    }
  } else if (Role == roles::LayerFlatten) {
    Cost = parameterFreeCost("flatten");
    if (InShape) {
      int64_t N = 1;
      for (int64_t X : *InShape)
        N *= X;
      NextShape = std::vector<int64_t>{N};
    }
  } else if (Role == roles::LayerReshaping) {
    Cost = parameterFreeCost("reshaping");
  } else {
    Cost = parameterFreeCost("parameter-free");
    ShapeKept = true;
  }
  Result.Read = true;
  Result.Cost = Cost;
  Result.Shape = ShapeKept ? InShape : NextShape;
  return Result;
}

} // namespace estimate
} // namespace greenlint
