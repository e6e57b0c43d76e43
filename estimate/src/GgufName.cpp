//===- GgufName.cpp -------------------------------------------------------===//
#include "greenlint/estimate/GgufName.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"

namespace greenlint {
namespace estimate {

namespace {
struct BlockLayout {
  const char *Type;
  double Bits; // bytes per block x 8 / weights per block
};
// ggml's block structs: Q4_0 holds 32 weights in an fp16 scale and 16 bytes
// (18 bytes, 4.5 bits); K-quants hold 256 weights per super-block.
constexpr BlockLayout Layouts[] = {
    {"F32", 32},      {"F16", 16},      {"BF16", 16},    {"Q8_0", 8.5},
    {"Q4_0", 4.5},    {"Q4_1", 5.0},    {"Q5_0", 5.5},   {"Q5_1", 6.0},
    {"Q2_K", 2.625},  {"Q3_K", 3.4375}, {"Q4_K", 4.5},   {"Q5_K", 5.5},
    {"Q6_K", 6.5625}, {"IQ4_NL", 4.5},  {"IQ4_XS", 4.25}};
} // namespace

std::optional<GgufWeightType> ggufWeightType(llvm::StringRef FileName) {
  std::string Base = llvm::sys::path::filename(FileName).upper();
  llvm::Regex Type("(^|[-_.])((I?Q[0-9]_[0-9A-Z]+(_[A-Z]+)?)|F32|F16|BF16|"
                   "FP16|FP32)\\.GGUF$");
  llvm::SmallVector<llvm::StringRef, 4> Groups;
  if (!Type.match(Base, &Groups))
    return std::nullopt;
  GgufWeightType T;
  T.Name = Groups[2].str();
  if (T.Name == "FP16")
    T.Name = "F16";
  if (T.Name == "FP32")
    T.Name = "F32";
  T.Quantised = T.Name != "F32" && T.Name != "F16" && T.Name != "BF16";
  // Q4_K_M -> Q4_K: the mix's base type.
  std::string BaseType = T.Name;
  for (const char *Mix : {"_S", "_M", "_L"})
    if (llvm::StringRef(BaseType).ends_with(Mix) &&
        llvm::StringRef(BaseType).starts_with("Q"))
      BaseType = BaseType.substr(0, BaseType.size() - 2);
  for (const BlockLayout &L : Layouts)
    if (BaseType == L.Type)
      T.BitsPerWeight = L.Bits;
  return T;
}

std::optional<double> ggufNominalParameters(llvm::StringRef FileName) {
  std::string Base = llvm::sys::path::filename(FileName).lower();
  llvm::Regex Size("(^|[-_.])([0-9]+x)?([0-9]+(\\.[0-9]+)?)([bm])([-_.]|$)");
  llvm::SmallVector<llvm::StringRef, 7> Groups;
  if (!Size.match(Base, &Groups) || !Groups[2].empty())
    return std::nullopt;
  double N = 0;
  if (Groups[3].getAsDouble(N) || N <= 0)
    return std::nullopt;
  return N * (Groups[5] == "b" ? 1e9 : 1e6);
}

} // namespace estimate
} // namespace greenlint
