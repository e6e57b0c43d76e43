//===- Baseline.cpp -------------------------------------------------------===//
#include "Baseline.h"
#include "OutputEscaping.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"
#include <map>
#include <nlohmann/json.hpp>

namespace greenlint {

namespace {
// Bumped when the fingerprint recipe changes: old baselines then fail to
// load with a message instead of silently matching nothing.
constexpr int BaselineVersion = 1;

std::string normaliseWhitespace(llvm::StringRef Line) {
  std::string Out;
  bool Space = false;
  for (char C : Line.trim()) {
    if (C == ' ' || C == '\t' || C == '\r' || C == '\v' || C == '\f') {
      Space = true;
      continue;
    }
    if (Space)
      Out += ' ';
    Space = false;
    Out += C;
  }
  return Out;
}
} // namespace

void assignFingerprints(std::vector<CheckedFinding> &Findings,
                        SourceFiles &Sources) {
  std::map<std::tuple<std::string, std::string, uint64_t>, unsigned> Seen;
  for (CheckedFinding &C : Findings) {
    const ReportedFinding &F = C.Finding;
    std::string Key = F.RuleId + '\0' +
                      normaliseWhitespace(Sources.lineText(F.File, F.Line)) +
                      '\0' + F.Message;
    uint64_t Hash = llvm::xxh3_64bits(llvm::StringRef(Key));
    C.Fingerprint.clear();
    unsigned Index = Seen[{F.RuleId, C.RelativePath, Hash}]++;
    llvm::raw_string_ostream OS(C.Fingerprint);
    OS << llvm::format_hex_no_prefix(Hash, 16) << ":" << Index;
  }
}

bool Baseline::load(llvm::StringRef Path, Baseline &Out, std::string &Error) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    Error =
        ("cannot read baseline '" + Path + "': " + Buffer.getError().message())
            .str();
    return false;
  }
  return parse((*Buffer)->getBuffer(), Path, Out, Error);
}

bool Baseline::parse(llvm::StringRef Text, llvm::StringRef Path, Baseline &Out,
                     std::string &Error) {
  auto Fail = [&](const std::string &What) {
    Error = ("baseline '" + Path + "': " + What +
             "; write a new one with --write-baseline")
                .str();
    return false;
  };
  nlohmann::json J = nlohmann::json::parse(Text.begin(), Text.end(), nullptr,
                                           /*allow_exceptions=*/false);
  if (J.is_discarded())
    return Fail("not valid JSON");
  if (!J.is_object())
    return Fail("expected a JSON object with 'version' and 'findings'");
  auto Version = J.find("version");
  if (Version == J.end() || !Version->is_number_integer())
    return Fail("missing integer 'version'");
  if (*Version != BaselineVersion)
    return Fail("version " + Version->dump() +
                " is not supported (this "
                "greenlint reads version " +
                std::to_string(BaselineVersion) + ")");
  auto List = J.find("findings");
  if (List == J.end() || !List->is_array())
    return Fail("missing array 'findings'");
  for (size_t I = 0; I < List->size(); ++I) {
    const nlohmann::json &E = (*List)[I];
    std::string Where = "findings[" + std::to_string(I) + "]";
    if (!E.is_object())
      return Fail(Where + " is not an object");
    for (const char *Key : {"rule", "file", "fingerprint"})
      if (!E.contains(Key) || !E[Key].is_string())
        return Fail(Where + " has no string '" + Key + "'");
    Out.Keys.insert({E["rule"].get<std::string>(), E["file"].get<std::string>(),
                     E["fingerprint"].get<std::string>()});
  }
  return true;
}

bool Baseline::write(llvm::StringRef Path,
                     const std::vector<CheckedFinding> &Findings,
                     std::string &Error) {
  nlohmann::json List = nlohmann::json::array();
  for (const CheckedFinding &C : Findings) {
    if (C.State == FindingState::Suppressed)
      continue;
    // The message is for people reading the file; matching ignores it.
    List.push_back({{"rule", C.Finding.RuleId},
                    {"file", C.RelativePath},
                    {"fingerprint", C.Fingerprint},
                    {"message", C.Finding.Message}});
  }
  nlohmann::json J = {{"version", BaselineVersion},
                      {"tool", "greenlint"},
                      {"findings", std::move(List)}};
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC) {
    Error = ("cannot write baseline '" + Path + "': " + EC.message()).str();
    return false;
  }
  OS << dumpJson(J, 2) << "\n";
  return true;
}

bool Baseline::contains(const CheckedFinding &F) const {
  return Keys.count({F.Finding.RuleId, F.RelativePath, F.Fingerprint}) != 0;
}

} // namespace greenlint
