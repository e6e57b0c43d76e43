//===- LedgerReader.cpp - Reads the runtime's JSON-lines ledgers ----------===//
#include "LedgerReader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string_view>

namespace greenlint {

using nlohmann::json;

static constexpr int KnownLedgerVersion = 1;

void RegionFigures::add(const RegionFigures &O) {
  Energy += O.Energy;
  SelfEnergy += O.SelfEnergy;
  CpuS += O.CpuS;
  SelfCpuS += O.SelfCpuS;
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

/// A read-only view of one nlohmann JSON value, or of none (a missing key).
class NlohmannView {
public:
  NlohmannView(const json *V = nullptr) : V(V) {}
  explicit operator bool() const { return V; }
  bool isObject() const { return V && V->is_object(); }
  bool isArray() const { return V && V->is_array(); }
  bool isNumber() const { return V && V->is_number(); }
  bool isString() const { return V && V->is_string(); }
  bool isBool() const { return V && V->is_boolean(); }
  double number() const { return V->get<double>(); }
  bool boolean() const { return V->get<bool>(); }
  std::string string() const { return V->get<std::string>(); }
  NlohmannView find(const char *Key) const {
    if (!isObject())
      return {};
    auto It = V->find(Key);
    return It == V->end() ? NlohmannView() : NlohmannView(&*It);
  }
  template <typename Fn> void forEachElement(Fn F) const {
    for (const json &E : *V)
      F(NlohmannView(&E));
  }
  template <typename Fn> void forEachMember(Fn F) const {
    for (auto It = V->begin(); It != V->end(); ++It)
      F(It.key(), NlohmannView(&*It));
  }

private:
  const json *V;
};

/// A JSON document parsed into one flat array, for the sample records that
/// make up nearly all of a ledger: nlohmann's DOM allocates per value and
/// parses at a few tens of MB/s, too slow for a million records. It accepts
/// a strict subset of JSON (ASCII strings without escapes, nesting up to
/// MaxDepth) on which it yields exactly what nlohmann yields; a line outside
/// the subset, valid or not, goes to nlohmann.
class FlatJson {
public:
  enum Kind : uint8_t { Null, Bool, Number, String, Array, Object };
  struct Value {
    Kind K = Null;
    bool B = false;
    double Num = 0;
    std::string_view Str, Key;    // Key: the member name inside an object
    uint32_t First = 0, Next = 0; // first child, next sibling; 0: none
  };

  bool parse(std::string_view Text) {
    Values.clear();
    P = Text.data();
    End = Text.data() + Text.size();
    skipSpace();
    if (!parseValue(0))
      return false;
    skipSpace();
    return P == End;
  }
  const Value &at(uint32_t I) const { return Values[I]; }

private:
  static constexpr int MaxDepth = 32;

  void skipSpace() {
    while (P != End && (*P == ' ' || *P == '\t' || *P == '\n' || *P == '\r'))
      ++P;
  }
  bool literal(std::string_view Word) {
    if (static_cast<size_t>(End - P) < Word.size() ||
        std::string_view(P, Word.size()) != Word)
      return false;
    P += Word.size();
    return true;
  }
  bool parseString(std::string_view &Out) {
    const char *Start = ++P; // past the opening quote
    while (P != End) {
      unsigned char C = static_cast<unsigned char>(*P);
      if (C == '"') {
        Out = std::string_view(Start, P - Start);
        ++P;
        return true;
      }
      // Escapes, control characters and non-ASCII (whose UTF-8 nlohmann
      // checks) are outside the subset.
      if (C == '\\' || C < 0x20 || C >= 0x80)
        return false;
      ++P;
    }
    return false;
  }
  static bool isDigit(const char *Q, const char *End) {
    return Q != End && *Q >= '0' && *Q <= '9';
  }
  bool parseNumber(double &Out) {
    const char *Start = P;
    bool Integer = true;
    if (*P == '-')
      ++P;
    if (!isDigit(P, End))
      return false;
    if (*P == '0')
      ++P;
    else
      while (isDigit(P, End))
        ++P;
    if (P != End && *P == '.') {
      Integer = false;
      ++P;
      if (!isDigit(P, End))
        return false;
      while (isDigit(P, End))
        ++P;
    }
    if (P != End && (*P == 'e' || *P == 'E')) {
      Integer = false;
      ++P;
      if (P != End && (*P == '+' || *P == '-'))
        ++P;
      if (!isDigit(P, End))
        return false;
      while (isDigit(P, End))
        ++P;
    }
    // Both are correctly rounded; strtod also covers over- and underflow,
    // which from_chars reports as errors.
    auto [Ptr, Ec] = std::from_chars(Start, P, Out);
    if (Ec != std::errc() || Ptr != P)
      Out = std::strtod(std::string(Start, P).c_str(), nullptr);
    // nlohmann reads "-0" as the integer 0.
    if (Integer && Out == 0)
      Out = 0;
    return true;
  }
  bool parseValue(int Depth) {
    if (P == End || Depth > MaxDepth)
      return false;
    uint32_t Index = static_cast<uint32_t>(Values.size());
    Values.emplace_back();
    switch (*P) {
    case '{':
    case '[': {
      bool IsObject = *P == '{';
      char Close = IsObject ? '}' : ']';
      Values[Index].K = IsObject ? Object : Array;
      ++P;
      skipSpace();
      if (P != End && *P == Close) {
        ++P;
        return true;
      }
      uint32_t Last = 0;
      while (true) {
        std::string_view Key;
        if (IsObject) {
          if (P == End || *P != '"' || !parseString(Key))
            return false;
          skipSpace();
          if (P == End || *P != ':')
            return false;
          ++P;
          skipSpace();
        }
        uint32_t Child = static_cast<uint32_t>(Values.size());
        if (!parseValue(Depth + 1))
          return false;
        Values[Child].Key = Key;
        if (Last)
          Values[Last].Next = Child;
        else
          Values[Index].First = Child;
        Last = Child;
        skipSpace();
        if (P == End)
          return false;
        if (*P == ',') {
          ++P;
          skipSpace();
          continue;
        }
        if (*P != Close)
          return false;
        ++P;
        return true;
      }
    }
    case '"': {
      std::string_view S;
      if (!parseString(S))
        return false;
      Values[Index].K = String;
      Values[Index].Str = S;
      return true;
    }
    case 't':
    case 'f':
      Values[Index].K = Bool;
      Values[Index].B = *P == 't';
      return literal(*P == 't' ? "true" : "false");
    case 'n':
      return literal("null");
    default: {
      double N;
      if (!parseNumber(N))
        return false;
      Values[Index].K = Number;
      Values[Index].Num = N;
      return true;
    }
    }
  }

  std::vector<Value> Values;
  const char *P = nullptr, *End = nullptr;
};

/// NlohmannView's interface over a FlatJson document. A repeated key reads
/// as its last occurrence, as in nlohmann's DOM.
class FlatView {
public:
  FlatView() = default;
  FlatView(const FlatJson *D, uint32_t I) : D(D), I(I) {}
  explicit operator bool() const { return D; }
  bool isObject() const { return D && v().K == FlatJson::Object; }
  bool isArray() const { return D && v().K == FlatJson::Array; }
  bool isNumber() const { return D && v().K == FlatJson::Number; }
  bool isString() const { return D && v().K == FlatJson::String; }
  bool isBool() const { return D && v().K == FlatJson::Bool; }
  double number() const { return v().Num; }
  bool boolean() const { return v().B; }
  std::string string() const { return std::string(v().Str); }
  std::string_view stringView() const { return v().Str; }
  FlatView find(const char *Key) const {
    FlatView Found;
    if (!isObject())
      return Found;
    size_t Size = std::strlen(Key);
    for (uint32_t C = v().First; C; C = D->at(C).Next) {
      std::string_view K = D->at(C).Key;
      // Most keys differ in length or first letter: skip memcmp for those.
      if (K.size() == Size && (Size == 0 || K[0] == Key[0]) &&
          std::memcmp(K.data(), Key, Size) == 0)
        Found = FlatView(D, C);
    }
    return Found;
  }
  template <typename Fn> void forEachElement(Fn F) const {
    for (uint32_t C = v().First; C; C = D->at(C).Next)
      F(FlatView(D, C));
  }
  /// Members in document order, repeats included (nlohmann keeps the last).
  template <typename Fn> void forEachMember(Fn F) const {
    for (uint32_t C = v().First; C; C = D->at(C).Next)
      F(std::string(D->at(C).Key), FlatView(D, C));
  }

private:
  const FlatJson::Value &v() const { return D->at(I); }
  const FlatJson *D = nullptr;
  uint32_t I = 0;
};

/// A string member, or "" when missing or of another type.
template <typename View>
std::string stringOr(const View &Obj, const char *Key) {
  View V = Obj.find(Key);
  return V.isString() ? V.string() : std::string();
}

/// A boolean member, or \p Default when missing or of another type.
template <typename View>
bool boolOr(const View &Obj, const char *Key, bool Default) {
  View V = Obj.find(Key);
  return V.isBool() ? V.boolean() : Default;
}

/// A count (version, pid, cores) from a JSON number, clamped to \p T's
/// range so that an absurd value cannot overflow the conversion.
template <typename T> T clampedCount(double N) {
  if (!(N == N))
    return 0;
  constexpr double Lo = static_cast<double>(std::numeric_limits<T>::min());
  constexpr double Hi = static_cast<double>(std::numeric_limits<T>::max());
  if (N <= Lo)
    return std::numeric_limits<T>::min();
  if (N >= Hi)
    return std::numeric_limits<T>::max();
  return static_cast<T>(N);
}

/// Reads typed fields of one record, remembering the first problem with the
/// key that caused it, so the message says what is wrong, not just "invalid".
template <typename View> struct FieldReader {
  std::string Problem;

  double number(const View &Obj, const char *Key, bool Required = true) {
    View V = Obj.find(Key);
    if (!V) {
      if (Required && Problem.empty())
        Problem = std::string("missing '") + Key + "'";
      return 0;
    }
    if (!V.isNumber()) {
      if (Problem.empty())
        Problem = std::string("'") + Key + "' is not a number";
      return 0;
    }
    return V.number();
  }

  DomainEnergy energy(const View &Obj, const char *Key) {
    DomainEnergy E;
    View V = Obj.find(Key);
    if (!V.isObject()) {
      if (Problem.empty())
        Problem = std::string("missing object '") + Key + "'";
      return E;
    }
    E.Cpu = number(V, "cpu", false);
    E.Dram = number(V, "dram", false);
    E.Gpu = number(V, "gpu", false);
    return E;
  }

  RegionFigures region(const View &Obj) {
    RegionFigures R;
    R.Energy = energy(Obj, "energy_j");
    R.SelfEnergy = energy(Obj, "self_energy_j");
    R.CpuS = number(Obj, "cpu_s");
    R.SelfCpuS = number(Obj, "self_cpu_s");
    R.WallS = number(Obj, "wall_s", false);
    R.Calls = clampedCount<uint64_t>(number(Obj, "calls", false));
    if (View Units = Obj.find("units"); Units.isObject())
      Units.forEachMember([&](const std::string &Unit, const View &N) {
        // A repeated key counts as its last value, as nlohmann reads it.
        if (N.isNumber())
          R.Units[Unit] = N.number();
        else
          R.Units.erase(Unit);
      });
    return R;
  }
};

std::string at(const std::string &Path, int Line) {
  return "greenlint: " + Path + ":" + std::to_string(Line) + ": ";
}

bool readHeader(const json &Doc, Ledger &L, int Line, std::string &Error) {
  NlohmannView J(&Doc);
  if (stringOr(J, "format") != "greenlint-ledger") {
    Error = at(L.Path, Line) +
            "not a greenlint ledger (the first record must be the header "
            "with \"format\":\"greenlint-ledger\"); pass only folders or "
            "files that GREENLINT_LEDGER wrote";
    return false;
  }
  FieldReader<NlohmannView> F;
  L.Version = clampedCount<int>(F.number(J, "version"));
  if (L.Version > KnownLedgerVersion) {
    Error = at(L.Path, Line) + "ledger version " + std::to_string(L.Version) +
            " is newer than this greenlint reads (" +
            std::to_string(KnownLedgerVersion) +
            "); use the greenlint that matches the runtime that wrote it";
    return false;
  }
  L.GreenlintVersion = stringOr(J, "greenlint_version");
  L.Host = stringOr(J, "host");
  L.Pid = clampedCount<int64_t>(F.number(J, "pid", false));
  L.Ppid = clampedCount<int64_t>(F.number(J, "ppid", false));
  L.StartTime = F.number(J, "start_time", false);
  L.StartTimeUtc = stringOr(J, "start_time_utc");
  L.MeterReason = stringOr(J, "meter_reason");
  L.Test = stringOr(J, "test");
  if (NlohmannView Args = J.find("command_line"); Args.isArray())
    Args.forEachElement([&](const NlohmannView &A) {
      if (A.isString())
        L.CommandLine.push_back(A.string());
    });
  NlohmannView Profile = J.find("profile");
  if (!Profile.isObject()) {
    Error = at(L.Path, Line) +
            "the header has no 'profile'; the ledger is damaged, re-run the "
            "program with GREENLINT_LEDGER set";
    return false;
  }
  L.ProfileId = stringOr(Profile, "id");
  L.ProfileName = stringOr(Profile, "name");
  L.ProfileKind = stringOr(Profile, "kind");
  L.ProfileSource = stringOr(Profile, "source");
  L.ProfileGeneric = boolOr(Profile, "generic", false);
  L.ProfileCores = clampedCount<int>(F.number(Profile, "cores", false));
  L.ProfileThreads = clampedCount<int>(F.number(Profile, "threads", false));
  if (NlohmannView Meters = J.find("meters"); Meters.isArray())
    Meters.forEachElement([&](const NlohmannView &M) {
      if (!M.isObject())
        return;
      LedgerMeter Meter;
      Meter.Name = stringOr(M, "name");
      Meter.Measured = boolOr(M, "measured", false);
      Meter.Detail = stringOr(M, "detail");
      if (NlohmannView D = M.find("domains"); D.isArray())
        D.forEachElement([&](const NlohmannView &Domain) {
          if (Domain.isString())
            Meter.Domains.push_back(Domain.string());
        });
      L.Meters.push_back(std::move(Meter));
    });
  if (!F.Problem.empty()) {
    Error = at(L.Path, Line) + "header: " + F.Problem +
            "; the ledger is damaged, re-run the program with "
            "GREENLINT_LEDGER set";
    return false;
  }
  return true;
}

template <typename View>
bool readSample(const View &J, Ledger &L, int Line, std::string &Error) {
  FieldReader<View> F;
  LedgerRecord R;
  View Process = J.find("process");
  if (!Process.isObject()) {
    F.Problem = "missing object 'process'";
  } else {
    R.WallS = F.number(Process, "wall_s");
    R.CpuS = F.number(Process, "cpu_s");
    R.Energy = F.energy(Process, "energy_j");
  }
  if (View Regions = J.find("regions"); Regions.isArray())
    Regions.forEachElement([&](const View &Region) {
      View Name = Region.find("name");
      if (!Name.isString()) {
        if (F.Problem.empty())
          F.Problem = "a region without a 'name'";
        return;
      }
      R.Regions[Name.string()].add(F.region(Region));
    });
  if (!F.Problem.empty()) {
    Error = at(L.Path, Line) + "sample record: " + F.Problem +
            "; the ledger is damaged: delete it or re-run the program";
    return false;
  }
  L.WallS += R.WallS;
  L.CpuS += R.CpuS;
  L.Energy += R.Energy;
  for (const auto &[Name, Figures] : R.Regions)
    L.Regions[Name].add(Figures);
  L.Records.push_back(std::move(R));
  ++L.RecordCount;
  return true;
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
  for (size_t I = 0; I < Lines.size(); ++I) {
    int LineNo = static_cast<int>(I) + 1;
    // Sample records in the fast parser's subset skip nlohmann.
    if (I > 0 && Flat.parse(Lines[I]) && Flat.at(0).K == FlatJson::Object) {
      FlatView J(&Flat, 0);
      FlatView Type = J.find("type");
      if (Type.isString() && Type.stringView() == "sample") {
        if (!readSample(J, Out, LineNo, Error))
          return false;
        continue;
      }
    }
    json J = json::parse(Lines[I], nullptr, /*allow_exceptions=*/false);
    if (J.is_discarded() || !J.is_object()) {
      // The runtime appends each record with one write(2): only the last
      // line can be cut short, by a kill inside that write.
      if (I + 1 == Lines.size() && I > 0) {
        Out.TruncatedLine = LineNo;
        break;
      }
      Error = at(Path, LineNo) +
              "corrupt ledger record (not a JSON object); only a last line "
              "may be cut short by a crash: repair or delete the ledger, or "
              "re-run the program";
      return false;
    }
    std::string Type = stringOr(NlohmannView(&J), "type");
    if (I == 0 && Type != "header") {
      Error = at(Path, LineNo) +
              "the first record is not a header; pass only ledgers that "
              "GREENLINT_LEDGER wrote";
      return false;
    }
    if (Type == "header") {
      if (I != 0) {
        Error = at(Path, LineNo) +
                "a second header; two processes wrote into one ledger: "
                "split or delete the file";
        return false;
      }
      if (!readHeader(J, Out, LineNo, Error))
        return false;
    } else if (Type == "sample") {
      if (!readSample(NlohmannView(&J), Out, LineNo, Error))
        return false;
    } else if (Type == "footer") {
      Out.HasFooter = true;
      Out.FooterReason = stringOr(NlohmannView(&J), "reason");
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
      Error = "greenlint: " + P +
              ": no ledgers (*.jsonl) in this folder; run the program or "
              "tests with GREENLINT_LEDGER=" +
              P + " first";
      return false;
    }
    std::sort(Found.begin(), Found.end());
    Out.insert(Out.end(), Found.begin(), Found.end());
  }
  return true;
}

} // namespace greenlint
