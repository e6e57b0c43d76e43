//===- LedgerReader.cpp - Reads the runtime's JSON-lines ledgers ----------===//
#include "LedgerReader.h"
#include "FlatJson.h"
#include "LedgerRecords.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string_view>

namespace greenlint {

using nlohmann::json;

void RegionFigures::add(const RegionFigures &O) {
  Energy += O.Energy;
  SelfEnergy += O.SelfEnergy;
  DispatchedEnergy += O.DispatchedEnergy;
  CpuS += O.CpuS;
  SelfCpuS += O.SelfCpuS;
  DispatchedCpuS += O.DispatchedCpuS;
  WallS += O.WallS;
  Calls += O.Calls;
  for (const auto &[Unit, N] : O.Units)
    Units[Unit] += N;
}

std::string Ledger::label() const {
  if (!Test.empty())
    return Test;
  if (CommandLine.empty())
    return std::filesystem::path(Path).filename().string();
  std::string S;
  for (const std::string &A : CommandLine)
    S += (S.empty() ? "" : " ") + A;
  return S;
}

namespace {

/// The length of the well-formed UTF-8 sequence at \p S (RFC 3629: no
/// overlong forms, no surrogates, nothing above U+10FFFF), or 0.
size_t utf8Sequence(std::string_view S) {
  auto Byte = [&](size_t I) { return static_cast<unsigned char>(S[I]); };
  unsigned char C = Byte(0);
  if (C < 0x80)
    return 1;
  size_t N = C >= 0xC2 && C <= 0xDF   ? 2
             : C >= 0xE0 && C <= 0xEF ? 3
             : C >= 0xF0 && C <= 0xF4 ? 4
                                      : 0;
  if (N == 0 || S.size() < N)
    return 0;
  unsigned char Lo = 0x80, Hi = 0xBF; // the second byte's range
  if (C == 0xE0)
    Lo = 0xA0;
  else if (C == 0xED)
    Hi = 0x9F;
  else if (C == 0xF0)
    Lo = 0x90;
  else if (C == 0xF4)
    Hi = 0x8F;
  if (Byte(1) < Lo || Byte(1) > Hi)
    return 0;
  for (size_t I = 2; I < N; ++I)
    if (Byte(I) < 0x80 || Byte(I) > 0xBF)
      return 0;
  return N;
}

/// \p S with each byte that is not part of well-formed UTF-8 replaced by
/// U+FFFD; \p Changed says whether any was.
std::string repairUtf8(std::string_view S, bool &Changed) {
  std::string Out;
  Out.reserve(S.size());
  Changed = false;
  while (!S.empty()) {
    size_t N = utf8Sequence(S);
    if (N == 0) {
      Out += "\xEF\xBF\xBD";
      Changed = true;
      N = 1;
    } else {
      Out.append(S.substr(0, N));
    }
    S.remove_prefix(N);
  }
  return Out;
}

/// The lines of \p Text as std::getline splits them, less trailing empty
/// ones.
std::vector<std::string_view> splitLines(std::string_view Text) {
  std::vector<std::string_view> Lines;
  size_t Pos = 0;
  while (Pos < Text.size()) {
    size_t Eol = Text.find('\n', Pos);
    if (Eol == std::string_view::npos)
      Eol = Text.size();
    Lines.push_back(Text.substr(Pos, Eol - Pos));
    Pos = Eol + 1;
  }
  while (!Lines.empty() && Lines.back().empty())
    Lines.pop_back();
  return Lines;
}

} // namespace

bool parseLedger(const std::string &Path, const std::string &Text, Ledger &Out,
                 std::string &Error, LedgerPart Part) {
  Out = Ledger();
  Out.Path = Path;
  std::vector<std::string_view> Lines = splitLines(Text);
  if (Lines.empty()) {
    Error = "greenlint: " + Path +
            ": empty ledger (no header); the process wrote nothing: delete "
            "the file or re-run the program";
    return false;
  }
  if (Part == LedgerPart::HeaderOnly)
    Lines.resize(1);
  FlatJson Flat;
  int64_t NextSeq = 0;
  for (size_t I = 0; I < Lines.size(); ++I) {
    int LineNo = static_cast<int>(I) + 1;
    // Sample records in the fast parser's subset skip nlohmann.
    if (I > 0 && Flat.parse(Lines[I]) && Flat.at(0).K == FlatJson::Object) {
      FlatView J(&Flat, 0);
      FlatView Type = J.find("type");
      if (Type.isString() && Type.stringView() == "sample") {
        if (!readSample(J, Out, LineNo, NextSeq, Error))
          return false;
        continue;
      }
    }
    json J = json::parse(Lines[I], nullptr, /*allow_exceptions=*/false);
    if (J.is_discarded()) {
      // Runtimes before the "_hex" fields wrote names raw: such a record is
      // kept, its names shown with U+FFFD, rather than costing the ledger.
      bool Repaired = false;
      std::string Fixed = repairUtf8(Lines[I], Repaired);
      if (Repaired) {
        J = json::parse(Fixed, nullptr, /*allow_exceptions=*/false);
        if (!J.is_discarded())
          Out.Warnings.push_back(
              Path + ":" + std::to_string(LineNo) +
              ": text that is not UTF-8 (written by an older runtime) "
              "read with U+FFFD in place of each bad byte; two names that "
              "differ only there are merged");
      }
    }
    if (J.is_discarded() || !J.is_object()) {
      // The runtime appends each record, newline included, with one
      // write(2): only the last line can be cut short, by a kill inside
      // that write, and then it has no newline. A complete last line that
      // does not parse (a footer with 1e999) is damage, not a crash.
      bool Unterminated =
          Lines[I].data() + Lines[I].size() == Text.data() + Text.size();
      if (I + 1 == Lines.size() && I > 0 && Unterminated) {
        Out.TruncatedLine = LineNo;
        break;
      }
      int Column = 1;
      std::string Why = "not a JSON object";
      if (J.is_discarded()) {
        try {
          (void)json::parse(Lines[I]);
        } catch (const json::exception &E) {
          // A parse error knows its byte; a number overflow does not.
          if (auto *P = dynamic_cast<const json::parse_error *>(&E))
            Column = static_cast<int>(std::min<size_t>(
                P->byte ? P->byte : 1, std::numeric_limits<int>::max()));
          std::string What = E.what();
          // "[json.exception.<id>] <where>: <kind> - <what>": keep <what>.
          size_t Start = What.rfind(" - ");
          if (Start == std::string::npos)
            Start =
                What.find("] ") == std::string::npos ? 0 : What.find("] ") + 2;
          else
            Start += 3;
          Why = What.substr(Start);
        }
      }
      Error = "greenlint: " + Path + ":" + std::to_string(LineNo) + ":" +
              std::to_string(Column) + ": corrupt ledger record (";
      Error += Why;
      Error += "); only a last line without its newline may be cut short by "
               "a crash: repair or delete the ledger, or re-run the program";
      return false;
    }
    auto TypeIt = J.find("type");
    std::string Type = TypeIt != J.end() && TypeIt->is_string()
                           ? TypeIt->get<std::string>()
                           : "";
    if (I == 0 && Type != "header") {
      Error = recordLocation(Path, LineNo) +
              "the first record is not a header; pass only ledgers that "
              "GREENLINT_LEDGER wrote";
      return false;
    }
    if (Type == "header") {
      if (I != 0) {
        Error = recordLocation(Path, LineNo) +
                "a second header; two processes wrote into one ledger: "
                "split or delete the file";
        return false;
      }
      if (!readHeader(J, Out, LineNo, Error))
        return false;
    } else if (Type == "sample") {
      if (!readSample(J, Out, LineNo, NextSeq, Error))
        return false;
    } else if (Type == "footer") {
      if (!readFooter(J, Out, LineNo, Error))
        return false;
    }
    // Unknown record types are newer additions: ignored, as the format says.
  }
  return true;
}

bool readLedger(const std::string &Path, Ledger &Out, std::string &Error,
                LedgerPart Part) {
  errno = 0;
  std::ifstream In(Path, std::ios::binary);
  if (!In) {
    // The OS's reason tells a missing file from a permission problem.
    const char *Why = errno ? std::strerror(errno) : "unreadable";
    Out = Ledger();
    Out.Path = Path;
    Error = "greenlint: " + Path + ": cannot open the ledger: " + Why +
            "; check the path (GREENLINT_LEDGER "
            "names the folder the runtime wrote)";
    return false;
  }
  std::string Text;
  if (Part == LedgerPart::HeaderOnly) {
    // The first line decides, unless it is empty: then whether the ledger
    // is empty or corrupt at line 1 depends on the rest.
    std::getline(In, Text);
    if (Text.empty())
      Text = "\n" + std::string(std::istreambuf_iterator<char>(In),
                                std::istreambuf_iterator<char>());
    else
      Text += '\n';
  } else {
    // One read of the whole file: line-by-line reading costs more than the
    // parse. Pipes and other unsized files are read as a stream.
    In.seekg(0, std::ios::end);
    std::streamoff Size = In.tellg();
    if (Size >= 0 && In.seekg(0, std::ios::beg)) {
      Text.resize(static_cast<size_t>(Size));
      In.read(Text.data(), Size);
      Text.resize(static_cast<size_t>(In.gcount()));
    } else {
      In.clear();
      Text.assign(std::istreambuf_iterator<char>(In),
                  std::istreambuf_iterator<char>());
    }
  }
  return parseLedger(Path, Text, Out, Error, Part);
}

bool findLedgers(const std::vector<std::string> &Paths,
                 std::vector<std::string> &Out, std::string &Error) {
  namespace fs = std::filesystem;
  for (const std::string &P : Paths) {
    std::error_code EC;
    fs::file_status S = fs::status(P, EC);
    if (EC || !fs::exists(S)) {
      Error = "greenlint: " + P +
              ": no such file or folder; pass the folder GREENLINT_LEDGER "
              "named, or ledger files";
      return false;
    }
    if (!fs::is_directory(S)) {
      Out.push_back(P);
      continue;
    }
    std::vector<std::string> Found;
    for (auto It = fs::recursive_directory_iterator(P, EC);
         !EC && It != fs::recursive_directory_iterator(); It.increment(EC))
      if (It->is_regular_file() && It->path().extension() == ".jsonl")
        Found.push_back(It->path().string());
    if (Found.empty()) {
      Error = "greenlint: ";
      Error += P;
      Error += ": no ledgers (*.jsonl) in this folder; run the program or "
               "tests with GREENLINT_LEDGER=";
      Error += P;
      Error += " first";
      return false;
    }
    std::sort(Found.begin(), Found.end());
    Out.insert(Out.end(), Found.begin(), Found.end());
  }
  return true;
}

} // namespace greenlint
