//===- LedgerReader.cpp - Reads the runtime's JSON-lines ledgers ----------===//
#include "LedgerReader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
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
      Out.append(S.data(), N);
    }
    S.remove_prefix(N);
  }
  return Out;
}

/// Decodes the runtime's "<field>_hex" (two lower- or upper-case hex digits
/// per byte) into \p Out; false when it is not hex.
bool decodeHex(std::string_view Hex, std::string &Out) {
  auto Digit = [](char C) {
    return C >= '0' && C <= '9'   ? C - '0'
           : C >= 'a' && C <= 'f' ? C - 'a' + 10
           : C >= 'A' && C <= 'F' ? C - 'A' + 10
                                  : -1;
  };
  if (Hex.size() % 2)
    return false;
  Out.clear();
  for (size_t I = 0; I < Hex.size(); I += 2) {
    int H = Digit(Hex[I]), L = Digit(Hex[I + 1]);
    if (H < 0 || L < 0)
      return false;
    Out += static_cast<char>(H * 16 + L);
  }
  return true;
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

// Bounds of what one sample record can hold: a record spans flush_ms (100 ms
// by default), so a terajoule (10 TW for 100 ms) or a billion seconds (31
// years) in one record is damage, and letting it through overflows the sums
// to infinity (a null SCI).
constexpr double MaxJoulesPerRecord = 1e12;
constexpr double MaxSecondsPerRecord = 1e9;
constexpr double MaxCountPerRecord = 1e15; // calls or units

/// Reads typed fields of one record, remembering the first problem with the
/// key that caused it, so the message says what is wrong, not just "invalid".
/// Problem: the record is damaged (wrong type, missing key); Implausible: a
/// number outside what a run can produce.
template <typename View> struct FieldReader {
  std::string Problem, Implausible;

  void problem(std::string What) {
    if (Problem.empty())
      Problem = std::move(What);
  }

  double number(const View &Obj, const char *Key, bool Required = true) {
    View V = Obj.find(Key);
    if (!V) {
      if (Required)
        problem(std::string("missing '") + Key + "'");
      return 0;
    }
    if (!V.isNumber()) {
      problem(std::string("'") + Key + "' is not a number");
      return 0;
    }
    return V.number();
  }

  /// A number that must lie in [0, Max]; \p Where names it in a message.
  double amount(const View &Obj, const char *Key, bool Required, double Max,
                const std::string &Where) {
    double N = number(Obj, Key, Required);
    check(N, Max, Where + "'" + Key + "'");
    return N;
  }

  void check(double N, double Max, const std::string &What) {
    if (N >= 0 && N <= Max)
      return;
    if (Implausible.empty()) {
      char Buf[32];
      std::snprintf(Buf, sizeof Buf, "%g", N);
      Implausible =
          What + " is " + Buf +
          (N < 0 ? " (negative)" : " (beyond what one record can hold)");
    }
  }

  /// A count: a whole number in [0, Max].
  double count(const View &Obj, const char *Key, double Max,
               const std::string &Where) {
    double N = amount(Obj, Key, false, Max, Where);
    if (N != std::floor(N) && Implausible.empty())
      Implausible = Where + "'" + Key + "' is not a whole number";
    return N;
  }

  /// A string member, "" when missing; a value of another type is a
  /// problem. "<Key>_hex", when present, holds the raw bytes of a string
  /// that was not valid UTF-8 (docs/ledger-format.md) and wins.
  std::string string(const View &Obj, const char *Key) {
    std::string HexKey = std::string(Key) + "_hex";
    if (View Hex = Obj.find(HexKey.c_str())) {
      std::string Raw;
      if (Hex.isString() && decodeHex(Hex.string(), Raw))
        return Raw;
      problem("'" + HexKey + "' is not a string of hex digits");
      return std::string();
    }
    View V = Obj.find(Key);
    if (!V)
      return std::string();
    if (!V.isString()) {
      problem(std::string("'") + Key + "' is not a string");
      return std::string();
    }
    return V.string();
  }

  bool boolean(const View &Obj, const char *Key) {
    View V = Obj.find(Key);
    if (V && !V.isBool())
      problem(std::string("'") + Key + "' is not true or false");
    return V.isBool() && V.boolean();
  }

  std::vector<std::string> strings(const View &Obj, const char *Key) {
    std::vector<std::string> Out;
    View V = Obj.find(Key);
    if (!V)
      return Out;
    bool Ok = V.isArray();
    if (Ok)
      V.forEachElement([&](const View &E) {
        if (E.isString())
          Out.push_back(E.string());
        else
          Ok = false;
      });
    if (!Ok)
      problem(std::string("'") + Key + "' is not a list of strings");
    return Out;
  }

  DomainEnergy energy(const View &Obj, const char *Key,
                      const std::string &Where) {
    DomainEnergy E;
    View V = Obj.find(Key);
    if (!V.isObject()) {
      problem(std::string("missing object '") + Key + "'");
      return E;
    }
    std::string In = Where + "'" + Key + "' ";
    E.Cpu = amount(V, "cpu", false, MaxJoulesPerRecord, In);
    E.Dram = amount(V, "dram", false, MaxJoulesPerRecord, In);
    E.Gpu = amount(V, "gpu", false, MaxJoulesPerRecord, In);
    return E;
  }

  RegionFigures region(const View &Obj, const std::string &Name) {
    RegionFigures R;
    std::string Where = "region '" + Name + "' ";
    R.Energy = energy(Obj, "energy_j", Where);
    R.SelfEnergy = energy(Obj, "self_energy_j", Where);
    R.CpuS = amount(Obj, "cpu_s", true, MaxSecondsPerRecord, Where);
    R.SelfCpuS = amount(Obj, "self_cpu_s", true, MaxSecondsPerRecord, Where);
    R.WallS = amount(Obj, "wall_s", false, MaxSecondsPerRecord, Where);
    R.Calls =
        clampedCount<uint64_t>(count(Obj, "calls", MaxCountPerRecord, Where));
    auto unit = [&](const std::string &Unit, const View &N) {
      if (!N.isNumber()) {
        problem(Where + "unit '" + Unit + "' is not a number");
        return;
      }
      check(N.number(), MaxCountPerRecord, Where + "unit '" + Unit + "'");
      if (N.number() != std::floor(N.number()) && Implausible.empty())
        Implausible = Where + "unit '" + Unit + "' is not a whole number";
      R.Units[Unit] = N.number();
    };
    // A repeated key counts as its last value, as nlohmann reads it.
    std::map<std::string, View> Last;
    if (View Units = Obj.find("units"); Units && !Units.isObject())
      problem(Where + "'units' is not an object");
    else if (Units)
      Units.forEachMember(
          [&](const std::string &Unit, const View &N) { Last[Unit] = N; });
    // Units whose names are not UTF-8, keyed by their bytes in hex.
    if (View Hex = Obj.find("units_hex"); Hex && !Hex.isObject())
      problem(Where + "'units_hex' is not an object");
    else if (Hex)
      Hex.forEachMember([&](const std::string &Key, const View &N) {
        std::string Unit;
        if (!decodeHex(Key, Unit))
          problem(Where + "'units_hex' key '" + Key + "' is not hex");
        else
          Last[Unit] = N;
      });
    for (const auto &[Unit, N] : Last)
      unit(Unit, N);
    return R;
  }
};

std::string at(const std::string &Path, int Line) {
  return "greenlint: " + Path + ":" + std::to_string(Line) + ": ";
}

bool readHeader(const json &Doc, Ledger &L, int Line, std::string &Error) {
  NlohmannView J(&Doc);
  NlohmannView Format = J.find("format");
  if (!Format.isString() || Format.string() != "greenlint-ledger") {
    Error = at(L.Path, Line) +
            "not a greenlint ledger (the first record must be the header "
            "with \"format\":\"greenlint-ledger\"); pass only folders or "
            "files that GREENLINT_LEDGER wrote";
    return false;
  }
  FieldReader<NlohmannView> F;
  double Version = F.number(J, "version");
  if (F.Problem.empty() && !(Version >= 1 && Version == std::floor(Version)))
    F.problem("'version' is not a whole number from 1");
  L.Version = clampedCount<int>(Version);
  if (F.Problem.empty() && L.Version > KnownLedgerVersion) {
    Error = at(L.Path, Line) + "ledger version " + std::to_string(L.Version) +
            " is newer than this greenlint reads (" +
            std::to_string(KnownLedgerVersion) +
            "); use the greenlint that matches the runtime that wrote it";
    return false;
  }
  L.GreenlintVersion = F.string(J, "greenlint_version");
  L.Host = F.string(J, "host");
  L.Pid = clampedCount<int64_t>(F.number(J, "pid", false));
  L.Ppid = clampedCount<int64_t>(F.number(J, "ppid", false));
  L.StartTime = F.number(J, "start_time", false);
  L.StartTimeUtc = F.string(J, "start_time_utc");
  L.MeterReason = F.string(J, "meter_reason");
  L.Test = F.string(J, "test");
  L.CommandLine = F.strings(J, "command_line");
  NlohmannView Profile = J.find("profile");
  if (!Profile.isObject()) {
    Error = at(L.Path, Line) +
            "the header has no 'profile'; the ledger is damaged, re-run the "
            "program with GREENLINT_LEDGER set";
    return false;
  }
  L.ProfileId = F.string(Profile, "id");
  L.ProfileName = F.string(Profile, "name");
  L.ProfileKind = F.string(Profile, "kind");
  L.ProfileSource = F.string(Profile, "source");
  L.ProfileGeneric = F.boolean(Profile, "generic");
  L.ProfileCores = clampedCount<int>(F.number(Profile, "cores", false));
  L.ProfileThreads = clampedCount<int>(F.number(Profile, "threads", false));
  if (L.ProfileCores < 0 || L.ProfileThreads < 0)
    F.problem("a negative 'cores' or 'threads' in 'profile'");
  NlohmannView Meters = J.find("meters");
  if (Meters && !Meters.isArray())
    F.problem("'meters' is not a list");
  else if (Meters)
    Meters.forEachElement([&](const NlohmannView &M) {
      if (!M.isObject()) {
        F.problem("a meter that is not an object");
        return;
      }
      LedgerMeter Meter;
      Meter.Name = F.string(M, "name");
      Meter.Measured = F.boolean(M, "measured");
      Meter.Detail = F.string(M, "detail");
      Meter.Domains = F.strings(M, "domains");
      L.Meters.push_back(std::move(Meter));
    });
  if (!F.Problem.empty()) {
    Error = at(L.Path, Line) + "header: " + F.Problem +
            "; the ledger is damaged, re-run the program with "
            "GREENLINT_LEDGER set";
    return false;
  }
  // GREENLINT_METER=model,model ran one meter twice: each domain's joules
  // are in the record twice, so every figure would be doubled.
  for (size_t I = 0; I < L.Meters.size(); ++I)
    for (size_t K = 0; K < I; ++K)
      if (L.Meters[I].Name == L.Meters[K].Name) {
        Error = at(L.Path, Line) + "the header lists meter '" +
                L.Meters[I].Name +
                "' twice, so its energy is counted twice; re-run the "
                "program with each meter named once in GREENLINT_METER";
        return false;
      }
  return true;
}

/// Reads one sample record into \p L. A damaged record fails the read; one
/// with impossible numbers is left out, with a warning, so that one bad
/// record does not cost the run.
template <typename View>
bool readSample(const View &J, Ledger &L, int Line, int64_t &NextSeq,
                std::string &Error) {
  FieldReader<View> F;
  LedgerRecord R;
  if (View Seq = J.find("seq")) {
    double N = Seq.isNumber() ? Seq.number() : -1;
    if (!(N >= 0 && N == std::floor(N) && N < 9e15)) {
      F.problem("'seq' is not a whole number from 0");
    } else {
      int64_t S = static_cast<int64_t>(N);
      if (S > NextSeq)
        L.Warnings.push_back(L.Path + ":" + std::to_string(Line) + ": " +
                             std::to_string(S - NextSeq) +
                             " sample record(s) lost before this one (seq " +
                             std::to_string(S) + ", expected " +
                             std::to_string(NextSeq) +
                             "); the figures lack those intervals");
      else if (S < NextSeq)
        L.Warnings.push_back(L.Path + ":" + std::to_string(Line) + ": seq " +
                             std::to_string(S) + " repeats or goes back (" +
                             std::to_string(NextSeq) +
                             " expected); two writers or a copied record");
      NextSeq = S + 1;
    }
  }
  F.amount(J, "interval_s", false, MaxSecondsPerRecord, "");
  View Process = J.find("process");
  if (!Process.isObject()) {
    F.problem("missing object 'process'");
  } else {
    R.WallS =
        F.amount(Process, "wall_s", true, MaxSecondsPerRecord, "process ");
    R.CpuS = F.amount(Process, "cpu_s", true, MaxSecondsPerRecord, "process ");
    R.Energy = F.energy(Process, "energy_j", "process ");
  }
  if (View Regions = J.find("regions"); Regions && !Regions.isArray())
    F.problem("'regions' is not a list");
  else if (Regions)
    Regions.forEachElement([&](const View &Region) {
      if (!Region.isObject()) {
        F.problem("a region that is not an object");
        return;
      }
      if (!Region.find("name") && !Region.find("name_hex")) {
        F.problem("a region without a 'name'");
        return;
      }
      std::string Name = F.string(Region, "name");
      R.Regions[Name].add(F.region(Region, Name));
    });
  if (!F.Problem.empty()) {
    Error = at(L.Path, Line) + "sample record: " + F.Problem +
            "; the ledger is damaged: delete it or re-run the program";
    return false;
  }
  ++L.RecordCount;
  if (!F.Implausible.empty()) {
    L.Warnings.push_back(L.Path + ":" + std::to_string(Line) +
                         ": sample record left out: " + F.Implausible +
                         "; the ledger is damaged or was edited");
    return true;
  }
  L.WallS += R.WallS;
  L.CpuS += R.CpuS;
  L.Energy += R.Energy;
  for (const auto &[Name, Figures] : R.Regions)
    L.Regions[Name].add(Figures);
  L.Records.push_back(std::move(R));
  return true;
}

/// Reads the footer's fields; wrong types are damage, impossible counts are
/// reported.
bool readFooter(const json &Doc, Ledger &L, int Line, std::string &Error) {
  NlohmannView J(&Doc);
  FieldReader<NlohmannView> F;
  L.HasFooter = true;
  L.FooterReason = F.string(J, "reason");
  F.amount(J, "duration_s", false, std::numeric_limits<double>::max(), "");
  F.count(J, "unbalanced_ends", std::numeric_limits<double>::max(), "");
  F.count(J, "dropped_units", std::numeric_limits<double>::max(), "");
  if (!F.Problem.empty()) {
    Error = at(L.Path, Line) + "footer: " + F.Problem +
            "; the ledger is damaged: delete it or re-run the program";
    return false;
  }
  if (!F.Implausible.empty())
    L.Warnings.push_back(L.Path + ":" + std::to_string(Line) +
                         ": footer: " + F.Implausible +
                         "; the ledger is damaged or was edited");
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
              std::to_string(Column) + ": corrupt ledger record (" + Why +
              "); only a last line without its newline may be cut short by a "
              "crash: repair or delete the ledger, or re-run the program";
      return false;
    }
    NlohmannView TypeView = NlohmannView(&J).find("type");
    std::string Type = TypeView.isString() ? TypeView.string() : "";
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
      if (!readSample(NlohmannView(&J), Out, LineNo, NextSeq, Error))
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
