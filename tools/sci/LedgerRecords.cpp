//===- LedgerRecords.cpp - Header, sample and footer records --------------===//
#include "LedgerRecords.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <string_view>

namespace greenlint {

using nlohmann::json;

static constexpr int KnownLedgerVersion = 1;

std::string recordLocation(const std::string &Path, int Line) {
  return "greenlint: " + Path + ":" + std::to_string(Line) + ": ";
}

// Everything below has internal linkage: the compiler then inlines the field
// readers into the record readers, which the speed of a million records needs.
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
    // Optional: older ledgers have no dispatched part.
    if (Obj.find("dispatched_energy_j"))
      R.DispatchedEnergy = energy(Obj, "dispatched_energy_j", Where);
    if (Obj.find("dispatched_cpu_s"))
      R.DispatchedCpuS =
          amount(Obj, "dispatched_cpu_s", true, MaxSecondsPerRecord, Where);
    R.WallS = amount(Obj, "wall_s", false, MaxSecondsPerRecord, Where);
    R.Calls =
        clampedCount<uint64_t>(count(Obj, "calls", MaxCountPerRecord, Where));
    auto AddUnit = [&](const std::string &Unit, const View &N) {
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
      AddUnit(Unit, N);
    return R;
  }
};

/// Reads one sample record into \p L. A damaged record fails the read; one
/// with impossible numbers is left out, with a warning, so that one bad
/// record does not cost the run.
template <typename View>
bool readSampleAs(const View &J, Ledger &L, int Line, int64_t &NextSeq,
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
    Error = recordLocation(L.Path, Line) + "sample record: " + F.Problem +
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

} // namespace

bool readHeader(const json &Doc, Ledger &L, int Line, std::string &Error) {
  NlohmannView J(&Doc);
  NlohmannView Format = J.find("format");
  if (!Format.isString() || Format.string() != "greenlint-ledger") {
    Error = recordLocation(L.Path, Line) +
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
    Error = recordLocation(L.Path, Line) + "ledger version " +
            std::to_string(L.Version) +
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
    Error = recordLocation(L.Path, Line) +
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
    Error = recordLocation(L.Path, Line) + "header: " + F.Problem +
            "; the ledger is damaged, re-run the program with "
            "GREENLINT_LEDGER set";
    return false;
  }
  // GREENLINT_METER=model,model ran one meter twice: each domain's joules
  // are in the record twice, so every figure would be doubled.
  for (size_t I = 0; I < L.Meters.size(); ++I)
    for (size_t K = 0; K < I; ++K)
      if (L.Meters[I].Name == L.Meters[K].Name) {
        Error = recordLocation(L.Path, Line) + "the header lists meter '" +
                L.Meters[I].Name +
                "' twice, so its energy is counted twice; re-run the "
                "program with each meter named once in GREENLINT_METER";
        return false;
      }
  return true;
}

bool readSample(const FlatView &Record, Ledger &L, int Line, int64_t &NextSeq,
                std::string &Error) {
  return readSampleAs(Record, L, Line, NextSeq, Error);
}

bool readSample(const json &Record, Ledger &L, int Line, int64_t &NextSeq,
                std::string &Error) {
  return readSampleAs(NlohmannView(&Record), L, Line, NextSeq, Error);
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
    Error = recordLocation(L.Path, Line) + "footer: " + F.Problem +
            "; the ledger is damaged: delete it or re-run the program";
    return false;
  }
  if (!F.Implausible.empty())
    L.Warnings.push_back(L.Path + ":" + std::to_string(Line) +
                         ": footer: " + F.Implausible +
                         "; the ledger is damaged or was edited");
  return true;
}

} // namespace greenlint
