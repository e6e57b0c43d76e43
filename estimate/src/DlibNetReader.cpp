//===- DlibNetReader.cpp --------------------------------------------------===//
#include "Readers.h"
#include "greenlint/apis/ApiModel.h"
#include "greenlint/estimate/ConstantEvaluator.h"
#include "greenlint/estimate/EstimateRoles.h"
#include "greenlint/estimate/LayerCost.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"

using namespace clang;

namespace greenlint {
namespace estimate {

namespace {

const ClassTemplateSpecializationDecl *specialization(QualType T) {
  return dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getCanonicalType()->getAsCXXRecordDecl());
}

std::optional<int64_t> integralArg(const ClassTemplateSpecializationDecl *S,
                                   unsigned I) {
  const TemplateArgumentList &Args = S->getTemplateArgs();
  if (I >= Args.size() || Args[I].getKind() != TemplateArgument::Integral)
    return std::nullopt;
  return Args[I].getAsIntegral().getExtValue();
}

QualType typeArg(const ClassTemplateSpecializationDecl *S, unsigned I) {
  const TemplateArgumentList &Args = S->getTemplateArgs();
  if (I >= Args.size() || Args[I].getKind() != TemplateArgument::Type)
    return QualType();
  return Args[I].getAsType();
}

class NetReader {
public:
  NetReader(ASTContext &Ctx, const ApiModel &Api) : Ctx(Ctx), Api(Api) {}

  /// The estimate of a network type, or nothing when \p T is not one.
  std::optional<ModelEstimate> read(QualType T, const NamedDecl *Named) {
    T = T.getCanonicalType();
    if (!Api.matchType(T, roles::DlibLossLayer) &&
        !Api.matchType(T, roles::DlibLayer))
      return std::nullopt;
    if (const auto *Loss = specialization(T);
        Loss && Api.matchType(T, roles::DlibLossLayer))
      T = typeArg(Loss, 1).getCanonicalType();
    // Layers from the output down to the input.
    std::vector<QualType> Details;
    while (const auto *Layer = specialization(T)) {
      if (!Api.matchType(T, roles::DlibLayer))
        break;
      Details.push_back(typeArg(Layer, 0));
      T = typeArg(Layer, 1).getCanonicalType();
    }
    ModelEstimate M;
    M.Model = Named->getNameAsString();
    M.Framework = "dlib";
    M.DefinedInCode = true;
    M.setLocation(Named->getLocation(), Ctx.getSourceManager());
    // Channels, rows, columns of one sample: declared, or what the input
    // layer fixes.
    std::optional<std::vector<int64_t>> Shape = declaredInputShape(Named, Ctx);
    std::optional<int64_t> Channels = inputChannels(T, Shape);
    if (Shape && Shape->size() != 3)
      Shape.reset();
    std::string Input = "one image";
    if (Shape)
      Input = "one " + std::to_string((*Shape)[0]) + "x" +
              std::to_string((*Shape)[1]) + "x" + std::to_string((*Shape)[2]) +
              " image";
    M.FlopsBasis = Input;
    bool Unknown = false;
    std::vector<std::string> FlopsUnknown;
    auto Fail = [&](const std::string &Layer, const std::string &Why) {
      M.Unknown.push_back("layer '" + Layer + "': " + Why);
      Unknown = true;
    };
    if (!Api.matchType(T, roles::DlibInput) &&
        !Api.matchType(T, roles::DlibRgbInput)) {
      // The walk stopped at something other than add_layer or an input:
      // a residual block (add_tag_layer, add_skip_layer) or an input that
      // resizes (pyramids).
      const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
      Fail(RD ? RD->getNameAsString() : std::string("?"),
           "not in greenlint's dlib layer data (rules/apis/dlib.yaml)");
    } else if (!Channels) {
      Fail("input", "the input's pixel type has no channel count in "
                    "greenlint's data");
    }
    for (size_t I = Details.size(); I-- > 0 && !Unknown;) {
      QualType D = Details[I].getCanonicalType();
      const auto *Spec = specialization(D);
      const CXXRecordDecl *RD = D->getAsCXXRecordDecl();
      std::string Name = std::to_string(Details.size() - I) + ":" +
                         (RD ? RD->getNameAsString() : std::string("?"));
      LayerCost Cost;
      if (Spec && Api.matchType(D, roles::DlibConv)) {
        auto F = integralArg(Spec, 0), R = integralArg(Spec, 1),
             C = integralArg(Spec, 2), Sy = integralArg(Spec, 3),
             Sx = integralArg(Spec, 4), Py = integralArg(Spec, 5),
             Px = integralArg(Spec, 6);
        if (!F || !R || !C || !Sy || !Sx || !Py || !Px) {
          Fail(Name, "its template arguments are not all constants");
          break;
        }
        std::vector<int64_t> Out;
        if (Shape)
          Out = convOutputSize({(*Shape)[1], (*Shape)[2]}, {*R, *C}, {*Sy, *Sx},
                               {*Py, *Px}, {1, 1});
        Cost = convCost(uint64_t(*Channels), uint64_t(*F), {*R, *C}, 1, true,
                        Out.empty() ? nullptr : &Out);
        Channels = F;
        if (Shape && !Out.empty())
          Shape = std::vector<int64_t>{*F, Out[0], Out[1]};
        else
          Shape.reset();
      } else if (Spec && Api.matchType(D, roles::DlibPooling)) {
        auto R = integralArg(Spec, 0), C = integralArg(Spec, 1),
             Sy = integralArg(Spec, 2), Sx = integralArg(Spec, 3),
             Py = integralArg(Spec, 4), Px = integralArg(Spec, 5);
        Cost = parameterFreeCost("pooling");
        if (Shape && R && C && Sy && Sx && Py && Px && *R > 0 && *C > 0) {
          auto Out = convOutputSize({(*Shape)[1], (*Shape)[2]}, {*R, *C},
                                    {*Sy, *Sx}, {*Py, *Px}, {1, 1});
          if (!Out.empty())
            Shape = std::vector<int64_t>{(*Shape)[0], Out[0], Out[1]};
          else
            Shape.reset();
        } else {
          Shape.reset(); // pooling over everything, or sizes unknown
        }
      } else if (Spec && Api.matchType(D, roles::DlibFc)) {
        auto N = integralArg(Spec, 0), Mode = integralArg(Spec, 1);
        if (!N || !Mode) {
          Fail(Name, "its template arguments are not all constants");
          break;
        }
        if (!Shape) {
          Fail(Name, "its input size depends on the image size, which dlib "
                     "takes from the first batch; state it with "
                     "[[clang::annotate(\"greenlint::input\", channels, "
                     "rows, cols)]] on the network type");
          break;
        }
        uint64_t In = uint64_t((*Shape)[0] * (*Shape)[1] * (*Shape)[2]);
        Cost = linearCost(In, uint64_t(*N), /*Bias=*/*Mode == 0);
        Shape = std::vector<int64_t>{*N, 1, 1};
        Channels = N;
      } else if (Spec && Api.matchType(D, roles::DlibBatchNorm)) {
        auto Mode = integralArg(Spec, 0);
        // CONV_MODE normalises per channel, FC_MODE per input element.
        if (Mode && *Mode == 0)
          Cost = normCost("batchnorm", uint64_t(*Channels), true);
        else if (Mode && Shape)
          Cost =
              normCost("batchnorm",
                       uint64_t((*Shape)[0] * (*Shape)[1] * (*Shape)[2]), true);
        else {
          Fail(Name, "an fc-mode batch norm's size depends on the image size");
          break;
        }
      } else if (Api.matchType(D, roles::DlibParameterFree)) {
        Cost = parameterFreeCost("parameter-free");
      } else {
        Fail(Name, "not in greenlint's dlib layer data (rules/apis/dlib.yaml)");
        break;
      }
      M.Layers.push_back({Name, Cost.Kind, Cost.Parameters, Cost.Flops});
      if (!Cost.Flops)
        FlopsUnknown.push_back("layer '" + Name + "': " + Cost.FlopsUnknown);
    }
    // What leaves the size unknown first, then what leaves only FLOPs.
    M.Unknown.insert(M.Unknown.end(), FlopsUnknown.begin(), FlopsUnknown.end());
    if (!Unknown) {
      uint64_t Params = 0;
      double Flops = 0;
      bool FlopsKnown = true;
      for (const LayerEstimate &L : M.Layers) {
        Params += L.Parameters.value_or(0);
        FlopsKnown = FlopsKnown && L.Flops;
        Flops += L.Flops.value_or(0);
      }
      M.Parameters = Params;
      if (FlopsKnown)
        M.FlopsPerSample = Flops;
    }
    return M;
  }

private:
  /// Channels of the input layer: 3 for colour pixels and RGB image inputs,
  /// 1 for scalar pixels; a declared shape must agree.
  std::optional<int64_t>
  inputChannels(QualType Input, std::optional<std::vector<int64_t>> &Shape) {
    std::optional<int64_t> Channels;
    const auto *Spec = specialization(Input);
    if (Api.matchType(Input, roles::DlibRgbInput)) {
      Channels = 3;
      // input_rgb_image_sized<rows, cols> fixes the image size.
      if (Spec && !Shape) {
        auto R = integralArg(Spec, 0), C = integralArg(Spec, 1);
        if (R && C)
          Shape = std::vector<int64_t>{3, *R, *C};
      }
    } else if (Spec && Api.matchType(Input, roles::DlibInput)) {
      QualType Container = typeArg(Spec, 0);
      if (const auto *Matrix = specialization(Container)) {
        QualType Pixel = typeArg(Matrix, 0).getCanonicalType();
        if (Pixel->isArithmeticType())
          Channels = 1;
        else if (Api.matchType(Pixel, roles::DlibColorPixel))
          Channels = 3;
      }
    }
    if (Channels && Shape && (*Shape)[0] != *Channels)
      Shape.reset();
    return Channels;
  }

  ASTContext &Ctx;
  const ApiModel &Api;
};

class AliasFinder : public RecursiveASTVisitor<AliasFinder> {
public:
  AliasFinder(NetReader &R) : R(R) {}
  bool VisitTypedefNameDecl(TypedefNameDecl *D) {
    if (D->getUnderlyingType()->isDependentType())
      return true;
    if (auto M = R.read(D->getUnderlyingType(), D))
      Models.push_back(std::move(*M));
    return true;
  }
  std::vector<ModelEstimate> Models;

private:
  NetReader &R;
};

} // namespace

std::vector<ModelEstimate> readDlibNets(ASTContext &Ctx,
                                        const std::vector<Decl *> &UserDecls,
                                        const ApiModel &Api) {
  NetReader R(Ctx, Api);
  AliasFinder Finder(R);
  for (Decl *D : UserDecls)
    Finder.TraverseDecl(D);
  return std::move(Finder.Models);
}

} // namespace estimate
} // namespace greenlint
