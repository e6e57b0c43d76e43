//===- Estimate.cpp - greenlint estimate: models stored in files ----------===//
//
// Parameters, weight bytes, FLOPs and modelled joules per call of ONNX,
// GGUF, TorchScript and XGBoost files (docs/estimates.md, "Model files"),
// under the budgets model-oversized applies. --facts writes them as a
// facts file, which is how CMake's greenlint_model() puts a model file
// into the report's build section and diff.
//
//===----------------------------------------------------------------------===//
#include "Config.h"
#include "OptionValue.h"
#include "OutputEscaping.h"
#include "Subcommands.h"
#include "TorchScriptHelper.h"
#include "greenlint/data/Profile.h"
#include "greenlint/estimate/EnergyModel.h"
#include "greenlint/estimate/ModelFile.h"
#include "model/ModelOversized.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <fstream>

namespace greenlint {
namespace {

using nlohmann::ordered_json;

void usage(llvm::raw_ostream &OS) {
  OS << "usage: greenlint estimate [options] FILE...\n"
        "Reads model files the compiler never sees and prints parameters, "
        "weight bytes,\nFLOPs per call and modelled joules per call "
        "(docs/estimates.md):\n"
        "  .onnx                 graph: parameters from initializers, FLOPs "
        "per op type;\n"
        "                        ops without a formula are listed, never "
        "counted as 0\n"
        "  .gguf                 tensor table: parameters, bytes per weight "
        "type, context\n"
        "  .pt (TorchScript)     parameters, buffers, dtypes (through "
        "greenlint-estimate-torch)\n"
        "  .json/.ubj (XGBoost)  trees, nodes, depth\n"
        "options:\n"
        "  --profile ID|FILE     hardware profile for joules per call "
        "(greenlint profiles);\n"
        "                        default: the profile: of --budgets' config\n"
        "  --budgets FILE        apply the budgets: of this .greenlint.yaml "
        "as model-oversized\n"
        "                        does; exit 1 when a model is over one\n"
        "  --dim NAME=N          value of a symbolic ONNX input dimension "
        "(default 1)\n"
        "  --format text|json    output format (default text)\n"
        "  --facts FILE          also write the estimates as a facts file "
        "for report --facts\n"
        "exit: 0 fine, 1 over budget, 2 unreadable file or bad usage\n";
}

struct EstimateOptions {
  std::vector<std::string> Files;
  std::string Format = "text", ProfileId, BudgetsPath, FactsPath;
  estimate::ModelFileOptions Model;
};

/// Parses the command line; returns -1 to go on, or the exit code.
int parseOptions(int Argc, const char **Argv, EstimateOptions &O) {
  bool OnlyFiles = false;
  for (int I = 0; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (OnlyFiles || Arg.empty() || Arg[0] != '-' || Arg == "-") {
      O.Files.push_back(Arg.str());
      continue;
    }
    if (Arg == "--") {
      OnlyFiles = true;
      continue;
    }
    if (Arg == "-h" || Arg == "--help") {
      usage(llvm::outs());
      return 0;
    }
    std::optional<std::string> Value;
    bool Known = false;
    for (const char *Name :
         {"--profile", "--budgets", "--format", "--facts", "--dim"}) {
      if (!optionValue(Argc, Argv, I, Name, Value))
        continue;
      Known = true;
      if (!Value || Value->empty()) {
        llvm::errs() << "greenlint estimate: " << Name << " needs a value\n";
        return 2;
      }
      llvm::StringRef N = Name;
      if (N == "--profile")
        O.ProfileId = *Value;
      else if (N == "--budgets")
        O.BudgetsPath = *Value;
      else if (N == "--format")
        O.Format = *Value;
      else if (N == "--facts")
        O.FactsPath = *Value;
      else {
        auto [Dim, Text] = llvm::StringRef(*Value).split('=');
        int64_t V = 0;
        if (Dim.empty() || Text.getAsInteger(10, V) || V <= 0) {
          llvm::errs() << "greenlint estimate: --dim takes NAME=N with N a "
                          "positive whole number, not '"
                       << terminalText(*Value) << "'\n";
          return 2;
        }
        O.Model.Dims[Dim.str()] = V;
      }
      break;
    }
    if (!Known) {
      llvm::errs() << "greenlint estimate: unknown option '"
                   << terminalText(Arg) << "'; try greenlint estimate --help\n";
      return 2;
    }
  }
  if (O.Format != "text" && O.Format != "json") {
    llvm::errs() << "greenlint estimate: --format takes text or json, not '"
                 << terminalText(O.Format) << "'\n";
    return 2;
  }
  if (O.Files.empty()) {
    llvm::errs() << "greenlint estimate: no model file given; try greenlint "
                    "estimate --help\n";
    return 2;
  }
  return -1;
}

/// Reads one model file into \p M.
bool estimateFile(const std::string &Path, const EstimateOptions &O,
                  estimate::ModelEstimate &M, std::string &Error) {
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status) || !llvm::sys::fs::exists(Status)) {
    Error = "greenlint: " + Path + ": no such file; check the path";
    return false;
  }
  if (!llvm::sys::fs::is_regular_file(Status)) {
    Error = "greenlint: " + Path +
            ": not a regular file; pass the model file itself";
    return false;
  }
  // Mapped, not read: only the header of a 40 GB GGUF file is touched.
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer) {
    Error = "greenlint: " + Path + ": cannot read (" +
            Buffer.getError().message() + "); check its permissions";
    return false;
  }
  llvm::StringRef Bytes = (*Buffer)->getBuffer();
  using estimate::ModelFileFormat;
  ModelFileFormat Format =
      estimate::detectModelFileFormat(Path, Bytes.substr(0, 16));
  switch (Format) {
  case ModelFileFormat::Onnx:
    return estimate::readOnnxFile(Path, Bytes, O.Model, M, Error);
  case ModelFileFormat::Gguf:
    return estimate::readGgufFile(Path, Bytes, M, Error);
  case ModelFileFormat::XgboostJson:
  case ModelFileFormat::XgboostUbjson:
    return estimate::readXgboostFile(
        Path, Bytes, Format == ModelFileFormat::XgboostUbjson, M, Error);
  case ModelFileFormat::TorchScript: {
    nlohmann::json Summary;
    return describeTorchScript(Path, Summary, Error) &&
           estimate::readTorchScriptSummary(Path, Summary, M, Error);
  }
  case ModelFileFormat::Unknown:
    break;
  }
  Error = "greenlint: " + Path +
          ": not a model file greenlint reads (ONNX .onnx, GGUF, TorchScript "
          "zip, XGBoost .json/.ubj); name it with its usual extension";
  return false;
}

/// Joules per call on the profile, where FLOPs and weight bytes are known.
void priceCall(estimate::ModelEstimate &M, const data::HardwareProfile *P,
               bool LowerBound) {
  if (P)
    M.Profile = P->Id;
  // A tree ensemble's cost is comparisons, not FLOPs: its description
  // gives the bound and no joules are modelled (docs/estimates.md).
  if (M.Framework == "xgboost" && !M.FlopsPerSample)
    return;
  if (!M.FlopsPerSample || !M.WeightBytes) {
    M.Unknown.push_back("joules per call: needs both FLOPs and weight bytes");
    return;
  }
  if (!P) {
    M.Unknown.push_back("joules per call: no hardware profile; name one "
                        "with --profile ID (greenlint profiles lists them)");
    return;
  }
  estimate::CallEnergy E = estimate::joulesPerCall(
      *M.FlopsPerSample, *M.WeightBytes,
      M.ComputeDtype.empty() ? M.Dtype : M.ComputeDtype, *P);
  M.JoulesPerCall = E.Joules;
  M.EnergyModel = E.Explanation;
  if (E.Joules && LowerBound)
    M.EnergyModel += "; a lower bound, as the FLOPs are";
  if (!E.Joules)
    M.Unknown.push_back("joules per call: " + E.Explanation);
}

std::string figureOr(const std::optional<double> &V,
                     std::string (*Format)(double)) {
  return V ? Format(*V) : "unknown";
}

void printText(llvm::raw_ostream &OS, const estimate::ModelEstimate &M,
               const std::vector<std::string> &Over) {
  const ordered_json &D = M.Details;
  OS << terminalText(M.File) << " (" << M.Framework << ")\n";
  if (M.Parameters)
    OS << "  parameters:  " << estimate::groupDigits(*M.Parameters) << " ("
       << figureOr(M.WeightBytes, estimate::formatBytes) << " of weights, "
       << terminalText(M.Dtype) << ")\n";
  if (!M.Description.empty())
    OS << "  " << (M.Framework == "xgboost" ? "ensemble:    " : "note:        ")
       << terminalText(M.Description) << "\n";
  if (M.FlopsPerSample)
    OS << "  FLOPs:       " << estimate::formatFlops(*M.FlopsPerSample)
       << " per call (" << terminalText(M.FlopsBasis) << ")\n";
  if (D.contains("ops") && !D["ops"].empty()) {
    OS << "  by op:      ";
    for (const auto &Op : D["ops"])
      OS << " " << terminalText(Op["op"].get<std::string>()) << " x"
         << Op["count"].get<uint64_t>() << " "
         << estimate::formatFlops(Op["flops"].get<double>()) << ";";
    OS << "\n";
  }
  if (D.contains("ops_not_counted"))
    for (const auto &Op : D["ops_not_counted"])
      OS << "  not counted: " << terminalText(Op["op"].get<std::string>())
         << " x" << Op["count"].get<uint64_t>() << ": "
         << terminalText(Op["reason"].get<std::string>()) << "\n";
  if (D.contains("weight_types")) {
    OS << "  weights:    ";
    for (const auto &[Type, T] : D["weight_types"].items())
      OS << " " << Type << " " << T["tensors"].get<uint64_t>()
         << (T["tensors"].get<uint64_t>() == 1 ? " tensor " : " tensors ")
         << estimate::formatBytes(T["bytes"].get<double>()) << ";";
    OS << "\n";
    OS << "  context:     "
       << (D["context_length"].is_null()
               ? std::string("unknown (no <architecture>.context_length)")
               : std::to_string(D["context_length"].get<uint64_t>()) +
                     " tokens")
       << "\n";
  }
  if (D.contains("buffers"))
    OS << "  buffers:     " << D["buffers"].get<uint64_t>() << " elements ("
       << estimate::formatBytes(D["buffer_bytes"].get<double>()) << ")\n";
  if (M.JoulesPerCall)
    OS << "  energy:      about " << estimate::formatJoules(*M.JoulesPerCall)
       << " per call on " << terminalText(M.Profile)
       << " (modelled: " << terminalText(M.EnergyModel) << ")\n";
  for (const std::string &U : M.Unknown)
    OS << "  unknown:     " << terminalText(U) << "\n";
  for (const std::string &O : Over)
    OS << "  over budget: " << terminalText(O) << "\n";
}

bool writeFacts(const std::string &Path, const ordered_json &Estimates,
                const std::vector<std::string> &Files) {
  ordered_json Facts = {{"format", "greenlint-facts"},
                        {"version", 1},
                        {"kind", "model-files"},
                        {"source", llvm::join(Files, ", ")},
                        {"estimates", Estimates}};
  // Written whole to a temporary name, then renamed, as the plugin does:
  // a parallel build never reads half a file.
  std::string Temp = Path + ".tmp";
  {
    std::ofstream Out(Temp, std::ios::binary);
    // Names read from a damaged file need not be UTF-8: replaced, not fatal.
    Out << Facts.dump(2, ' ', false, ordered_json::error_handler_t::replace)
        << "\n";
    if (!Out) {
      llvm::errs() << "greenlint: " << terminalText(Path)
                   << ": cannot write the facts file; check the folder "
                      "exists and is writable\n";
      return false;
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    llvm::errs() << "greenlint: " << terminalText(Path)
                 << ": cannot write the facts file (" << EC.message() << ")\n";
    return false;
  }
  return true;
}

} // namespace

int runEstimate(int Argc, const char **Argv) {
  EstimateOptions O;
  if (int Rc = parseOptions(Argc, Argv, O); Rc >= 0)
    return Rc;

  Config Cfg;
  if (!O.BudgetsPath.empty()) {
    ConfigError E;
    if (!loadConfigFile(O.BudgetsPath, Cfg, E, ConfigOrigin::CommandLine)) {
      llvm::errs() << terminalText(E.format()) << "\n";
      return 2;
    }
    if (O.ProfileId.empty())
      O.ProfileId = Cfg.Profile;
  }
  std::optional<data::HardwareProfile> Profile;
  if (!O.ProfileId.empty()) {
    data::HardwareProfile P;
    std::string Error;
    if (!data::loadProfile(O.ProfileId, P, Error)) {
      llvm::errs() << terminalText(Error) << "\n";
      return 2;
    }
    Profile = std::move(P);
  }

  ordered_json Models = ordered_json::array(),
               Estimates = ordered_json::array();
  std::string Text;
  llvm::raw_string_ostream TextOS(Text);
  bool AnyOver = false;
  for (const std::string &Path : O.Files) {
    estimate::ModelEstimate M;
    std::string Error;
    if (!estimateFile(Path, O, M, Error)) {
      llvm::errs() << terminalText(Error) << "\n";
      return 2;
    }
    bool LowerBound = M.Details.value("flops_lower_bound", false);
    if (LowerBound) {
      uint64_t Ops = 0;
      for (const auto &Op : M.Details["ops_not_counted"])
        Ops += Op["count"].get<uint64_t>();
      M.Description = "FLOPs are a lower bound: " + std::to_string(Ops) +
                      " op" + (Ops == 1 ? "" : "s") + " not counted";
    }
    priceCall(M, Profile ? &*Profile : nullptr, LowerBound);
    std::vector<std::string> Over;
    if (!O.BudgetsPath.empty())
      Over = ModelOversized::overruns(M, Cfg);
    AnyOver |= !Over.empty();
    ordered_json J = M.toJson();
    Estimates.push_back(J);
    J["over_budget"] = Over;
    Models.push_back(J);
    printText(TextOS, M, Over);
  }
  if (!O.FactsPath.empty() && !writeFacts(O.FactsPath, Estimates, O.Files))
    return 2;
  if (O.Format == "json") {
    ordered_json Out = {{"format", "greenlint-estimate"},
                        {"version", 1},
                        {"profile", O.ProfileId},
                        {"budgets", O.BudgetsPath},
                        {"models", Models}};
    llvm::outs() << Out.dump(2, ' ', false,
                             ordered_json::error_handler_t::replace)
                 << "\n";
  } else {
    llvm::outs() << Text;
  }
  return AnyOver ? 1 : 0;
}

} // namespace greenlint
