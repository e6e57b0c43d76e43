//===- ReportCheck.cpp - Types and ranges of a report JSON ----------------===//
#include "ReportCheck.h"
#include "BuildComparison.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace greenlint {

using nlohmann::json;

namespace {

// Carbon of one report row beyond a gigatonne, or a count beyond 1e18, is
// damage: no run produces it, and sums of such numbers overflow.
constexpr double MaxGrams = 1e15;
constexpr double MaxCount = 1e18;

enum class Want { String, Bool, Number, NumberOrNull, Count, List, Object };

/// Walks a report, remembering the first field that is wrong.
class Checker {
public:
  std::string Problem;

  /// The member \p Key of \p Obj (at \p Path), or null after a problem.
  const json *field(const json &Obj, const std::string &Path, const char *Key,
                    Want W, bool Required = true, double Max = MaxGrams) {
    if (!Problem.empty())
      return nullptr;
    std::string P = Path + "/" + Key;
    auto It = Obj.find(Key);
    if (It == Obj.end()) {
      if (Required)
        Problem = P + " is missing, expected " + text(W);
      return nullptr;
    }
    return value(*It, P, W, Max) ? &*It : nullptr;
  }

  bool value(const json &V, const std::string &P, Want W,
             double Max = MaxGrams) {
    if (!Problem.empty())
      return false;
    bool Ok = false;
    switch (W) {
    case Want::String:
      Ok = V.is_string();
      break;
    case Want::Bool:
      Ok = V.is_boolean();
      break;
    case Want::NumberOrNull:
      if (V.is_null())
        return true;
      [[fallthrough]];
    case Want::Number:
    case Want::Count:
      Ok = V.is_number();
      break;
    case Want::List:
      Ok = V.is_array();
      break;
    case Want::Object:
      Ok = V.is_object();
      break;
    }
    if (!Ok) {
      Problem = P + " is " + V.type_name() + ", expected " + text(W);
      return false;
    }
    if (V.is_number()) {
      double X = V.get<double>();
      if (!(X >= 0 && X <= Max) || (W == Want::Count && X != std::floor(X))) {
        Problem = P + " is " + V.dump() + ", expected " + text(W) +
                  " from 0 to " + json(Max).dump();
        return false;
      }
    }
    return true;
  }

  /// Each element of the list \p List (at \p Path) must be an object.
  template <typename Fn>
  void objects(const json *List, const std::string &Path, Fn Each) {
    if (!List)
      return;
    for (size_t I = 0; I < List->size() && Problem.empty(); ++I) {
      std::string P = Path + "/" + std::to_string(I);
      if (value((*List)[I], P, Want::Object))
        Each((*List)[I], P);
    }
  }

private:
  static const char *text(Want W) {
    switch (W) {
    case Want::String:
      return "a string";
    case Want::Bool:
      return "true or false";
    case Want::Number:
      return "a number";
    case Want::NumberOrNull:
      return "a number or null";
    case Want::Count:
      return "a whole number";
    case Want::List:
      return "a list";
    case Want::Object:
      return "an object";
    }
    return "";
  }
};

void checkMethodology(const json &M, Checker &C) {
  const std::string P = "/methodology";
  if (const json *Profile = C.field(M, P, "profile", Want::Object))
    C.field(*Profile, P + "/profile", "id", Want::String);
  if (const json *Grid = C.field(M, P, "grid", Want::Object)) {
    C.field(*Grid, P + "/grid", "id", Want::String);
    C.field(*Grid, P + "/grid", "intensity_gco2e_per_kwh", Want::Number);
  }
  if (const json *Pue = C.field(M, P, "pue", Want::Object))
    C.field(*Pue, P + "/pue", "value", Want::Number);
  C.objects(C.field(M, P, "meters", Want::List), P + "/meters",
            [&](const json &Meter, const std::string &MP) {
              C.field(Meter, MP, "name", Want::String);
              C.field(Meter, MP, "measured", Want::Bool);
            });
  if (const json *Units = C.field(M, P, "functional_units", Want::List))
    for (size_t I = 0; I < Units->size(); ++I)
      C.value((*Units)[I], P + "/functional_units/" + std::to_string(I),
              Want::String);
  if (const json *E = C.field(M, P, "embodied", Want::Object)) {
    std::string EP = P + "/embodied";
    C.field(*E, EP, "te_g", Want::Number);
    C.field(*E, EP, "lifespan_years", Want::Number);
    C.field(*E, EP, "tor_threads", Want::Number, true, MaxCount);
    C.field(*E, EP, "rr", Want::String);
    C.field(*E, EP, "reserved_threads", Want::Number, true, MaxCount);
  }
  C.field(M, P, "grouping", Want::String);
}

void checkRow(const json &R, const std::string &P, Checker &C) {
  for (const char *K : {"key", "scope", "name", "side", "unit"})
    C.field(R, P, K, Want::String);
  C.field(R, P, "sci", Want::NumberOrNull);
  C.objects(C.field(R, P, "runs", Want::List, false), P + "/runs",
            [&](const json &Run, const std::string &RP) {
              C.field(Run, RP, "carbon_g", Want::Number);
              C.field(Run, RP, "units", Want::Number, true, MaxCount);
            });
  if (const json *I = C.field(R, P, "intervals", Want::Object, false)) {
    C.field(*I, P + "/intervals", "n", Want::Count, false, MaxCount);
    C.field(*I, P + "/intervals", "se", Want::Number, false);
  }
}

} // namespace

bool checkReportJson(const json &Report, std::string &Problem) {
  Checker C;
  C.field(Report, "", "version", Want::Count, true, MaxCount);
  if (const json *W = C.field(Report, "", "warnings", Want::List))
    for (size_t I = 0; I < W->size(); ++I)
      C.value((*W)[I], "/warnings/" + std::to_string(I), Want::String);
  if (const json *W =
          C.field(Report, "", "data_warnings", Want::List, /*Required=*/false))
    for (size_t I = 0; I < W->size(); ++I)
      C.value((*W)[I], "/data_warnings/" + std::to_string(I), Want::String);
  if (const json *M = C.field(Report, "", "methodology", Want::Object, false))
    checkMethodology(*M, C);
  C.objects(C.field(Report, "", "groups", Want::List), "/groups",
            [&](const json &G, const std::string &GP) {
              C.field(G, GP, "test", Want::String);
              C.objects(C.field(G, GP, "rows", Want::List), GP + "/rows",
                        [&](const json &R, const std::string &RP) {
                          checkRow(R, RP, C);
                        });
            });
  if (C.Problem.empty() && Report.contains("build") &&
      !checkBuildSection(Report["build"], C.Problem))
    C.Problem = "/" + C.Problem;
  Problem = C.Problem;
  return Problem.empty();
}

namespace {

/// Walks the text of a JSON document that already parsed, to find where
/// the value at a JSON pointer starts: nlohmann's DOM keeps no positions,
/// and a message should name the line to fix.
class PointerLocator {
public:
  explicit PointerLocator(const std::string &Text) : T(Text) {}

  /// "line:col" (1-based, bytes) of the value at \p Pointer, or of the
  /// deepest value on its path that exists.
  std::string locate(const std::string &Pointer) {
    P = 0;
    space();
    size_t Start = 1;
    while (Start <= Pointer.size() && !Pointer.empty()) {
      size_t End = Pointer.find('/', Start);
      if (End == std::string::npos)
        End = Pointer.size();
      if (!enter(Pointer.substr(Start, End - Start)))
        break;
      Start = End + 1;
    }
    int Line = 1, Col = 1;
    for (size_t I = 0; I < P && I < T.size(); ++I) {
      Col = T[I] == '\n' ? 1 : Col + 1;
      Line += T[I] == '\n';
    }
    return std::to_string(Line) + ":" + std::to_string(Col);
  }

private:
  void space() {
    while (P < T.size() &&
           (T[P] == ' ' || T[P] == '\t' || T[P] == '\n' || T[P] == '\r'))
      ++P;
  }
  /// Past a string at P; its raw text (escapes kept) in \p Raw.
  void string(std::string *Raw = nullptr) {
    size_t Start = ++P;
    while (P < T.size() && T[P] != '"')
      P += T[P] == '\\' ? 2 : 1;
    if (Raw)
      *Raw = T.substr(Start, std::min(P, T.size()) - Start);
    ++P;
  }
  void value() {
    if (P >= T.size())
      return;
    if (T[P] == '"')
      return string();
    if (T[P] != '{' && T[P] != '[') {
      while (P < T.size() && !std::strchr(",]} \t\r\n", T[P]))
        ++P;
      return;
    }
    int Depth = 0;
    while (P < T.size()) {
      char C = T[P];
      if (C == '"') {
        string();
        continue;
      }
      Depth += (C == '{' || C == '[') - (C == '}' || C == ']');
      ++P;
      if (Depth == 0)
        return;
    }
  }
  /// Moves P from a container to its member or element \p Token; false
  /// (P unchanged) when there is none. A repeated key: the last, as read.
  bool enter(const std::string &Token) {
    size_t Container = P, Found = std::string::npos;
    if (P >= T.size() || (T[P] != '{' && T[P] != '['))
      return false;
    bool Object = T[P] == '{';
    ++P;
    for (size_t Index = 0;; ++Index) {
      space();
      if (P >= T.size() || T[P] == '}' || T[P] == ']')
        break;
      std::string Key;
      if (Object) {
        string(&Key);
        space();
        ++P; // ':'
        space();
      }
      if (Object ? Key == Token : std::to_string(Index) == Token)
        Found = P;
      value();
      space();
      if (P < T.size() && T[P] == ',')
        ++P;
    }
    P = Found == std::string::npos ? Container : Found;
    return Found != std::string::npos;
  }

  const std::string &T;
  size_t P = 0;
};

} // namespace

bool parseReportJson(const std::string &Path, const std::string &Text,
                     json &Out, std::string &Error) {
  Out = json::parse(Text, nullptr, false);
  auto Format = Out.is_object() ? Out.find("format") : Out.end();
  if (Out.is_discarded() || !Out.is_object() || Format == Out.end() ||
      *Format != "greenlint-report") {
    Error = "greenlint: " + Path +
            ":1: not a greenlint report JSON; make one with greenlint "
            "report --format json, or pass the ledger folder";
    return false;
  }
  auto Version = Out.find("version");
  if (Version != Out.end() && Version->is_number() && *Version > 1) {
    Error = "greenlint: " + Path + ": report format version " +
            Version->dump() +
            " is newer than this greenlint reads (1); use a newer greenlint";
    return false;
  }
  std::string Problem;
  if (!checkReportJson(Out, Problem)) {
    std::string Pointer = Problem.substr(0, Problem.find(' '));
    Error = "greenlint: " + Path + ":" + PointerLocator(Text).locate(Pointer) +
            ": report field " + Problem +
            "; the report was edited or damaged: make it again with "
            "greenlint report --format json";
    return false;
  }
  return true;
}

} // namespace greenlint
