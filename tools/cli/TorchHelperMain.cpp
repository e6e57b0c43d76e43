//===- TorchHelperMain.cpp - greenlint-estimate-torch ---------------------===//
//
// Loads one TorchScript archive with LibTorch (torch::jit::load, on the
// CPU) and prints its parameters and buffers as JSON for `greenlint
// estimate` (tools/cli/TorchScriptHelper.h says why it is its own
// program). Usage: greenlint-estimate-torch -- FILE. Exit 0 with the JSON
// on stdout, 2 with one line on stderr.
//
//===----------------------------------------------------------------------===//
#include <torch/script.h>

#include <nlohmann/json.hpp>

#include <iostream>
#include <set>
#include <string>

namespace {

/// The estimates' dtype names ("float32"), from LibTorch's scalar types.
std::string dtypeName(c10::ScalarType T) {
  switch (T) {
  case c10::ScalarType::Float:
    return "float32";
  case c10::ScalarType::Double:
    return "float64";
  case c10::ScalarType::Half:
    return "float16";
  case c10::ScalarType::BFloat16:
    return "bfloat16";
  case c10::ScalarType::Char:
  case c10::ScalarType::QInt8:
    return "int8";
  case c10::ScalarType::Byte:
  case c10::ScalarType::QUInt8:
    return "uint8";
  case c10::ScalarType::Short:
    return "int16";
  case c10::ScalarType::Int:
  case c10::ScalarType::QInt32:
    return "int32";
  case c10::ScalarType::Long:
    return "int64";
  case c10::ScalarType::Bool:
    return "bool";
  default:
    return c10::toString(T);
  }
}

/// One entry per distinct tensor: a parameter shared by two submodules is
/// listed under both names but is one set of weights.
template <typename List> nlohmann::json describe(const List &Named) {
  nlohmann::json Out = nlohmann::json::array();
  std::set<const void *> Seen;
  for (const auto &Item : Named) {
    const at::Tensor &T = Item.value;
    if (!Seen.insert(T.unsafeGetTensorImpl()).second)
      continue;
    uint64_t Numel = uint64_t(T.numel());
    Out.push_back({{"name", Item.name},
                   {"shape", T.sizes().vec()},
                   {"dtype", dtypeName(T.scalar_type())},
                   {"numel", Numel},
                   {"bytes", Numel * uint64_t(T.element_size())}});
  }
  return Out;
}

std::string firstLine(const std::string &S) {
  return S.substr(0, S.find('\n'));
}

} // namespace

int main(int Argc, char **Argv) {
  if (Argc != 3 || std::string(Argv[1]) != "--") {
    std::cerr << "usage: greenlint-estimate-torch -- FILE (run by greenlint "
                 "estimate)\n";
    return 2;
  }
  try {
    torch::jit::Module M = torch::jit::load(Argv[2], torch::kCPU);
    nlohmann::json Out = {
        {"parameters", describe(M.named_parameters(/*recurse=*/true))},
        {"buffers", describe(M.named_buffers(/*recurse=*/true))}};
    std::cout << Out.dump() << "\n";
    return 0;
  } catch (const c10::Error &E) {
    std::cerr << firstLine(E.what_without_backtrace()) << "\n";
  } catch (const std::exception &E) {
    std::cerr << firstLine(E.what()) << "\n";
  }
  return 2;
}
