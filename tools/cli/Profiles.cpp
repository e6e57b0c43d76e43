//===- Profiles.cpp - greenlint profiles ----------------------------------===//
//
// Lists the hardware profiles that modelled energy and SCI's M term use, so
// that an error naming an unknown profile id has a command to find the right
// one. Every figure is printed with its source and year.
//
//===----------------------------------------------------------------------===//
#include "OptionValue.h"
#include "OutputEscaping.h"
#include "Subcommands.h"
#include "greenlint/data/Profile.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"
#include <nlohmann/json.hpp>

namespace greenlint {
namespace {

void usage(llvm::raw_ostream &OS) {
  OS << "usage: greenlint profiles [--kind cpu|gpu] [--format text|json]\n"
        "       greenlint profiles --show ID|FILE.yaml\n"
        "Lists the hardware profiles (id, kind, name, idle and maximum watts, "
        "source of the\npower figures) that the model meter, the estimates' "
        "joules per call and SCI's\nM term use. --show prints one profile "
        "whole, every figure with its source.\nSet one with GREENLINT_PROFILE "
        "(runtime), profile: (.greenlint.yaml) or --profile.\n";
}

nlohmann::ordered_json toJson(const data::HardwareProfile &P) {
  nlohmann::ordered_json J;
  J["id"] = P.Id;
  J["kind"] = P.Kind;
  J["name"] = P.Name;
  J["vendor"] = P.Vendor;
  J["generic"] = P.Generic;
  J["idle_w"] = P.IdleW;
  J["max_w"] = P.MaxW;
  J["tdp_w"] = P.TdpW;
  J["source"] = P.Source;
  J["year"] = P.Year;
  return J;
}

int showProfile(llvm::StringRef IdOrPath) {
  data::HardwareProfile P;
  std::string Error;
  if (!data::loadProfile(IdOrPath.str(), P, Error)) {
    llvm::errs() << terminalText(Error) << "\n";
    return 2;
  }
  llvm::raw_ostream &OS = llvm::outs();
  OS << terminalText(P.Id) << ": " << terminalText(P.Name) << " (" << P.Kind
     << (P.Generic ? ", generic" : "") << ")\n";
  OS << "  file:        " << terminalText(P.File) << "\n";
  OS << llvm::format("  power:       idle %.1f W, max %.1f W, TDP %.1f W\n",
                     P.IdleW, P.MaxW, P.TdpW);
  OS << "  curve:      ";
  for (const auto &[Utilisation, Watts] : P.Curve)
    OS << llvm::format(" %.0f%% %.1f W;", Utilisation * 100, Watts);
  OS << "\n";
  if (P.Cores)
    OS << "  topology:    " << P.Cores << " cores, " << P.Threads
       << " threads\n";
  OS << llvm::format("  embodied:    %.1f kgCO2e over %.1f years\n",
                     P.EmbodiedKgCO2e, P.LifespanYears);
  for (const auto &[Dtype, Flops] : P.PeakFlops)
    OS << "  peak " << Dtype << ": " << llvm::format("%.3g FLOP/s\n", Flops);
  if (P.MemBandwidthGBs > 0)
    OS << llvm::format("  memory:      %.1f GB/s\n", P.MemBandwidthGBs);
  for (const data::FigureSource &S : P.Sources)
    OS << "  source (" << S.Group << "): " << terminalText(S.Text) << " ("
       << S.Year << ")\n";
  return 0;
}

} // namespace

int runProfiles(int Argc, const char **Argv) {
  std::string Kind, Format = "text";
  for (int I = 0; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg == "-h" || Arg == "--help") {
      usage(llvm::outs());
      return 0;
    }
    std::optional<std::string> Value;
    for (const char *Name : {"--show", "--kind", "--format"}) {
      if (!optionValue(Argc, Argv, I, Name, Value))
        continue;
      if (!Value || Value->empty()) {
        llvm::errs() << "greenlint profiles: " << Name << " needs a value\n";
        return 2;
      }
      if (llvm::StringRef(Name) == "--show")
        return showProfile(*Value);
      (llvm::StringRef(Name) == "--kind" ? Kind : Format) = *Value;
      break;
    }
    if (Value)
      continue;
    llvm::errs() << "greenlint profiles: unknown argument '"
                 << terminalText(Argv[I])
                 << "'; try greenlint profiles --help\n";
    return 2;
  }
  if (!Kind.empty() && Kind != "cpu" && Kind != "gpu") {
    llvm::errs() << "greenlint profiles: --kind takes cpu or gpu, not '"
                 << terminalText(Kind) << "'\n";
    return 2;
  }
  if (Format != "text" && Format != "json") {
    llvm::errs() << "greenlint profiles: --format takes text or json, not '"
                 << terminalText(Format) << "'\n";
    return 2;
  }
  std::vector<data::HardwareProfile> Profiles;
  for (const std::string &Id : data::listProfileIds()) {
    data::HardwareProfile P;
    std::string Error;
    if (!data::loadProfile(Id, P, Error)) {
      llvm::errs() << terminalText(Error) << "\n";
      continue;
    }
    if (Kind.empty() || P.Kind == Kind)
      Profiles.push_back(std::move(P));
  }
  if (Format == "json") {
    nlohmann::ordered_json All = nlohmann::ordered_json::array();
    for (const data::HardwareProfile &P : Profiles)
      All.push_back(toJson(P));
    llvm::outs() << All.dump(2) << "\n";
    return 0;
  }
  llvm::outs() << "id                           kind   idle W    max W  name; "
                  "power figures from\n";
  for (const data::HardwareProfile &P : Profiles)
    llvm::outs() << llvm::format("%-28s %-4s %8.1f %8.1f  ", P.Id.c_str(),
                                 P.Kind.c_str(), P.IdleW, P.MaxW)
                 << terminalText(P.Name) << "; " << terminalText(P.Source)
                 << " (" << P.Year << ")\n";
  return 0;
}

} // namespace greenlint
