//===- ShardReportReader.cpp - check --merge: a shard report read back ----===//
#include "OutputEscaping.h"
#include "Paths.h"
#include "ShardMerge.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <nlohmann/json.hpp>

using nlohmann::json;

namespace greenlint {

namespace {

const char *const SarifHint =
    "merge the SARIF files that greenlint check --shard K/N --format sarif "
    "wrote, unedited";
const char *const JsonHint = "merge the JSON files that greenlint check "
                             "--shard K/N --format json wrote, unedited";
const char *const AnyHint =
    "merge the reports that greenlint check --shard K/N wrote with --format "
    "sarif or --format json";

/// 1-based line and column (in code points) of a byte offset.
std::pair<size_t, size_t> lineColumn(llvm::StringRef Text, size_t Offset) {
  Offset = std::min(Offset, Text.size());
  size_t LineStart = Text.substr(0, Offset).rfind('\n');
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  llvm::StringRef Prefix = Text.slice(LineStart, Offset);
  return {Text.substr(0, Offset).count('\n') + 1,
          codePointCount(std::string_view(Prefix.data(), Prefix.size())) + 1};
}

/// A fingerprint as assignFingerprints writes it: 16 hex digits, ':', N.
bool isFingerprint(llvm::StringRef Text) {
  auto [Hash, Index] = Text.split(':');
  unsigned N = 0;
  return Hash.size() == 16 &&
         llvm::all_of(Hash, [](char C) { return llvm::isHexDigit(C); }) &&
         !Index.empty() && !Index.getAsInteger(10, N);
}

/// Reads one report; every accessor names the field it found wrong.
class ReportReader {
public:
  ReportReader(llvm::StringRef Path, const ShardReadOptions &Opts,
               SourceFiles &Sources, std::string &Error)
      : Path(Path), Opts(Opts), Sources(Sources), Error(Error) {}

  bool read(llvm::StringRef Text, ShardReport &Out) {
    json Report;
    try {
      Report = json::parse(Text.begin(), Text.end());
    } catch (const json::parse_error &E) {
      // E.byte is 1-based: the byte at which the parser gave up.
      std::string What = E.what();
      size_t Colon = What.find(": ", What.find("column"));
      std::string Why =
          Colon == std::string::npos ? What : What.substr(Colon + 2);
      auto [Line, Column] = lineColumn(Text, E.byte ? E.byte - 1 : 0);
      Error = terminalText(Path) + ":" + std::to_string(Line) + ":" +
              std::to_string(Column) + ": not valid JSON (" +
              terminalText(Why) + "); " + AnyHint;
      return false;
    }
    bool Read;
    if (Report.is_object() && Report.contains("runs")) {
      Hint = SarifHint;
      Out.Format = ShardFormat::Sarif;
      Read = readSarif(Report, Out);
    } else if (Report.is_object() && Report.contains("findings")) {
      Hint = JsonHint;
      Out.Format = ShardFormat::Json;
      Read = readJson(Report, Out);
    } else {
      return fail("neither a SARIF log nor a JSON report of greenlint check "
                  "(no 'runs', no 'findings')");
    }
    if (!Read)
      return false;
    if (!Opts.SourceRoot.empty())
      Out.SourceRoot = Opts.SourceRoot;
    for (CheckedFinding &C : Out.Findings)
      C.RelativePath = relativeTo(C.Finding.File, Out.SourceRoot);
    return true;
  }

private:
  bool fail(const std::string &What) {
    Error = terminalText(Path) + ": " + What + "; " + Hint;
    return false;
  }

  static std::string at(const std::string &Where, llvm::StringRef Key) {
    return Where.empty() ? Key.str() : Where + "." + Key.str();
  }
  static std::string at(const std::string &Where, size_t Index) {
    return Where + "[" + std::to_string(Index) + "]";
  }

  bool wrongType(const std::string &Where, const json &Value,
                 llvm::StringRef Wanted) {
    return fail("'" + Where + "' is " + Value.type_name() + ", not " +
                Wanted.str());
  }

  /// Object[Key], or null after failing when it is missing.
  const json *member(const json &Object, const std::string &Where,
                     const char *Key) {
    auto It = Object.find(Key);
    if (It == Object.end()) {
      fail("'" + at(Where, Key) + "' is missing");
      return nullptr;
    }
    return &*It;
  }

  const json *object(const json &Object, const std::string &Where,
                     const char *Key) {
    const json *Value = member(Object, Where, Key);
    if (Value && !Value->is_object()) {
      wrongType(at(Where, Key), *Value, "an object");
      return nullptr;
    }
    return Value;
  }

  /// Object[Key] as an array; an absent optional one is empty.
  bool array(const json &Object, const std::string &Where, const char *Key,
             const json *&Out, bool Optional = false) {
    static const json Empty = json::array();
    Out = &Empty;
    if (Optional && !Object.contains(Key))
      return true;
    const json *Value = member(Object, Where, Key);
    if (!Value)
      return false;
    if (!Value->is_array())
      return wrongType(at(Where, Key), *Value, "an array");
    Out = Value;
    return true;
  }

  bool string(const json &Object, const std::string &Where, const char *Key,
              std::string &Out) {
    const json *Value = member(Object, Where, Key);
    if (!Value)
      return false;
    if (!Value->is_string())
      return wrongType(at(Where, Key), *Value, "a string");
    Out = Value->get<std::string>();
    return true;
  }

  /// A whole number from \p Min to 2^32 - 1 (lines, columns, offsets).
  bool number(const json &Object, const std::string &Where, const char *Key,
              unsigned &Out, unsigned Min) {
    const json *Value = member(Object, Where, Key);
    if (!Value)
      return false;
    if (!Value->is_number_unsigned() || Value->get<uint64_t>() < Min ||
        Value->get<uint64_t>() > UINT32_MAX)
      return fail("'" + at(Where, Key) + "' is " + Value->dump() +
                  ", not a whole number from " + std::to_string(Min) +
                  " to 4294967295");
    Out = Value->get<unsigned>();
    return true;
  }

  /// An absolute path as it lies in this checkout: under --source-root when
  /// one is given and the path is under the report's own root.
  std::string placed(const std::string &Absolute) const {
    if (Opts.SourceRoot.empty() || Opts.SourceRoot == Root)
      return Absolute;
    std::string Relative = relativeTo(Absolute, Root);
    if (llvm::StringRef(Relative).starts_with("/"))
      return Absolute;
    return llvm::StringRef(Opts.SourceRoot).ends_with("/")
               ? Opts.SourceRoot + Relative
               : Opts.SourceRoot + "/" + Relative;
  }

  bool absolute(const std::string &Where, const std::string &Value) {
    if (llvm::StringRef(Value).starts_with("/"))
      return true;
    return fail("'" + Where + "' is '" + terminalText(Value) +
                "', not an absolute path");
  }

  bool level(const std::string &Where, llvm::StringRef Name,
             llvm::StringRef Low, Severity &Out) {
    if (Name == Low)
      Out = Severity::Remark;
    else if (Name == "warning")
      Out = Severity::Warning;
    else if (Name == "error")
      Out = Severity::Error;
    else
      return fail("'" + Where + "' is '" + terminalText(Name) + "', not " +
                  Low.str() + ", warning or error");
    return true;
  }

  bool fingerprint(const std::string &Where, const std::string &Value) {
    if (isFingerprint(Value))
      return true;
    return fail("'" + Where + "' is '" + terminalText(Value) +
                "', not a greenlint fingerprint (16 hex digits, ':', a "
                "number)");
  }

  bool waste(const json &Object, const std::string &Where,
             std::optional<estimate::FindingWaste> &Out) {
    if (!Object.contains("waste"))
      return true;
    std::string Why;
    // FindingWaste reads the ordered JSON it writes.
    Out = estimate::FindingWaste::fromJson(
        nlohmann::ordered_json::parse(Object.find("waste")->dump()), Why);
    if (!Out)
      return fail("'" + at(Where, "waste") + "': " + Why);
    return true;
  }

  //===--- SARIF ----------------------------------------------------------===//

  /// percentEncode (Sarif.cpp) undone.
  bool decodeUri(const std::string &Where, llvm::StringRef Uri,
                 std::string &Out) {
    Out.clear();
    for (size_t I = 0; I < Uri.size(); ++I) {
      if (Uri[I] != '%') {
        Out += Uri[I];
        continue;
      }
      unsigned Byte = 0;
      if (I + 2 >= Uri.size() || Uri.substr(I + 1, 2).getAsInteger(16, Byte))
        return fail("'" + Where + "' has a '%' not followed by two hex digits");
      Out += char(Byte);
      I += 2;
    }
    return true;
  }

  bool artifactPath(const json &Location, const std::string &Where,
                    std::string &Out) {
    const json *Artifact = object(Location, Where, "artifactLocation");
    std::string Uri;
    std::string UriWhere = at(at(Where, "artifactLocation"), "uri");
    if (!Artifact ||
        !string(*Artifact, at(Where, "artifactLocation"), "uri", Uri))
      return false;
    if (Artifact->contains("uriBaseId")) {
      std::string Base;
      if (!string(*Artifact, at(Where, "artifactLocation"), "uriBaseId", Base))
        return false;
      if (Base != "SRCROOT")
        return fail("'" + at(at(Where, "artifactLocation"), "uriBaseId") +
                    "' is '" + terminalText(Base) + "', not SRCROOT");
      std::string Relative;
      if (!decodeUri(UriWhere, Uri, Relative))
        return false;
      Out = placed(Root == "/" ? "/" + Relative : Root + "/" + Relative);
      return true;
    }
    llvm::StringRef Rest = Uri;
    if (!Rest.consume_front("file://") || !Rest.starts_with("/"))
      return fail("'" + UriWhere + "' is '" + terminalText(Uri) +
                  "', neither relative to SRCROOT nor a file:/// URI");
    if (!decodeUri(UriWhere, Rest, Out))
      return false;
    Out = placed(Out);
    return true;
  }

  /// A physicalLocation: the file, the line and the byte column (0 when the
  /// region has no startColumn, as writeSarif leaves it out for column 0).
  bool physicalLocation(const json &Location, const std::string &Where,
                        std::string &File, unsigned &Line, unsigned &Column) {
    const json *Physical = object(Location, Where, "physicalLocation");
    std::string PhysicalWhere = at(Where, "physicalLocation");
    if (!Physical || !artifactPath(*Physical, PhysicalWhere, File))
      return false;
    const json *Region = object(*Physical, PhysicalWhere, "region");
    std::string RegionWhere = at(PhysicalWhere, "region");
    if (!Region || !number(*Region, RegionWhere, "startLine", Line, 1))
      return false;
    Column = 0;
    if (Region->contains("startColumn")) {
      unsigned CodePoints = 0;
      if (!number(*Region, RegionWhere, "startColumn", CodePoints, 1))
        return false;
      Column = Sources.byteColumn(File, Line, CodePoints);
    }
    return true;
  }

  bool text(const json &Object, const std::string &Where, const char *Key,
            std::string &Out) {
    const json *Message = object(Object, Where, Key);
    return Message && string(*Message, at(Where, Key), "text", Out);
  }

  bool readSarif(const json &Log, ShardReport &Out) {
    std::string Version;
    if (!string(Log, "", "version", Version))
      return false;
    if (Version != "2.1.0")
      return fail("SARIF version is '" + terminalText(Version) +
                  "', not 2.1.0");
    const json *Runs = nullptr;
    if (!array(Log, "", "runs", Runs))
      return false;
    if (Runs->size() != 1)
      return fail("holds " + std::to_string(Runs->size()) +
                  " runs; greenlint check writes one");
    const json &Run = (*Runs)[0];
    std::string RunWhere = "runs[0]";
    if (!Run.is_object())
      return wrongType(RunWhere, Run, "an object");
    const json *Tool = object(Run, RunWhere, "tool");
    const json *Driver =
        Tool ? object(*Tool, at(RunWhere, "tool"), "driver") : nullptr;
    std::string DriverWhere = at(at(RunWhere, "tool"), "driver");
    std::string Name;
    if (!Driver || !string(*Driver, DriverWhere, "name", Name))
      return false;
    if (Name != "greenlint")
      return fail("was written by '" + terminalText(Name) + "', not greenlint");
    if (!string(*Driver, DriverWhere, "version", Out.Version) ||
        !sameVersion(Out.Version))
      return false;
    if (Driver->contains("informationUri")) {
      std::string Info;
      if (!string(*Driver, DriverWhere, "informationUri", Info))
        return false;
      llvm::StringRef Docs = Info;
      if (!Docs.consume_back("check.md"))
        return fail("'" + at(DriverWhere, "informationUri") + "' is '" +
                    terminalText(Info) + "', not a link to check.md");
      Out.DocsUrl = Docs.str();
    }
    std::string ColumnKind;
    if (!string(Run, RunWhere, "columnKind", ColumnKind))
      return false;
    if (ColumnKind != "unicodeCodePoints")
      return fail("'runs[0].columnKind' is '" + terminalText(ColumnKind) +
                  "', not unicodeCodePoints");
    const json *Bases = object(Run, RunWhere, "originalUriBaseIds");
    std::string BasesWhere = at(RunWhere, "originalUriBaseIds");
    const json *SrcRoot =
        Bases ? object(*Bases, BasesWhere, "SRCROOT") : nullptr;
    std::string RootUri;
    if (!SrcRoot ||
        !string(*SrcRoot, at(BasesWhere, "SRCROOT"), "uri", RootUri))
      return false;
    llvm::StringRef RootRest = RootUri;
    std::string RootWhere = at(at(BasesWhere, "SRCROOT"), "uri");
    if (!RootRest.consume_front("file://") || !RootRest.starts_with("/") ||
        !RootRest.ends_with("/"))
      return fail("'" + RootWhere + "' is '" + terminalText(RootUri) +
                  "', not a file:/// URI of a folder (ending in '/')");
    if (!decodeUri(RootWhere, RootRest, Root))
      return false;
    if (Root.size() > 1)
      Root.pop_back();
    Out.SourceRoot = Root;

    const json *Invocations = nullptr;
    if (!array(Run, RunWhere, "invocations", Invocations))
      return false;
    for (size_t I = 0; I < Invocations->size(); ++I) {
      const json &Invocation = (*Invocations)[I];
      std::string Where = at(at(RunWhere, "invocations"), I);
      if (!Invocation.is_object())
        return wrongType(Where, Invocation, "an object");
      const json *Notes = nullptr;
      if (!array(Invocation, Where, "toolExecutionNotifications", Notes,
                 /*Optional=*/true))
        return false;
      for (size_t N = 0; N < Notes->size(); ++N) {
        const json &Note = (*Notes)[N];
        std::string NoteWhere = at(at(Where, "toolExecutionNotifications"), N);
        const json *Locations = nullptr;
        if (!Note.is_object())
          return wrongType(NoteWhere, Note, "an object");
        if (!array(Note, NoteWhere, "locations", Locations))
          return false;
        if (Locations->empty() || !(*Locations)[0].is_object())
          return fail("'" + at(NoteWhere, "locations") +
                      "' does not start with a location");
        const json *Physical =
            object((*Locations)[0], at(at(NoteWhere, "locations"), 0),
                   "physicalLocation");
        std::string Unit;
        if (!Physical || !artifactPath(*Physical,
                                       at(at(at(NoteWhere, "locations"), 0),
                                          "physicalLocation"),
                                       Unit))
          return false;
        Out.FailedUnits.push_back(Unit);
      }
    }

    const json *Results = nullptr;
    if (!array(Run, RunWhere, "results", Results))
      return false;
    for (size_t I = 0; I < Results->size(); ++I) {
      CheckedFinding C;
      if (!sarifResult((*Results)[I], at(at(RunWhere, "results"), I), C))
        return false;
      Out.Findings.push_back(std::move(C));
    }
    return true;
  }

  bool sarifResult(const json &Result, const std::string &Where,
                   CheckedFinding &Out) {
    if (!Result.is_object())
      return wrongType(Where, Result, "an object");
    ReportedFinding &F = Out.Finding;
    std::string Level;
    if (!string(Result, Where, "ruleId", F.RuleId) ||
        !string(Result, Where, "level", Level) ||
        !level(at(Where, "level"), Level, "note", F.Level) ||
        !text(Result, Where, "message", F.Message))
      return false;
    const json *Locations = nullptr;
    if (!array(Result, Where, "locations", Locations))
      return false;
    if (Locations->empty() || !(*Locations)[0].is_object())
      return fail("'" + at(Where, "locations") +
                  "' does not start with a location");
    if (!physicalLocation((*Locations)[0], at(at(Where, "locations"), 0),
                          F.File, F.Line, F.Column))
      return false;
    const json *Fingerprints = object(Result, Where, "partialFingerprints");
    std::string FingerprintsWhere = at(Where, "partialFingerprints");
    if (!Fingerprints ||
        !string(*Fingerprints, FingerprintsWhere, "greenlintFingerprint/v1",
                Out.Fingerprint) ||
        !fingerprint(at(FingerprintsWhere, "greenlintFingerprint/v1"),
                     Out.Fingerprint))
      return false;

    const json *Related = nullptr;
    if (!array(Result, Where, "relatedLocations", Related, /*Optional=*/true))
      return false;
    for (size_t I = 0; I < Related->size(); ++I) {
      const json &Location = (*Related)[I];
      std::string LocationWhere = at(at(Where, "relatedLocations"), I);
      if (!Location.is_object())
        return wrongType(LocationWhere, Location, "an object");
      ReportedFinding::Note N;
      if (!text(Location, LocationWhere, "message", N.Message) ||
          !physicalLocation(Location, LocationWhere, N.File, N.Line, N.Column))
        return false;
      F.Notes.push_back(std::move(N));
    }

    const json *Fixes = nullptr;
    if (!array(Result, Where, "fixes", Fixes, /*Optional=*/true))
      return false;
    for (size_t I = 0; I < Fixes->size(); ++I)
      if (!sarifFix((*Fixes)[I], at(at(Where, "fixes"), I), F))
        return false;

    const json *Suppressions = nullptr;
    if (!array(Result, Where, "suppressions", Suppressions, /*Optional=*/true))
      return false;
    F.Suppressed = !Suppressions->empty();
    Out.State =
        F.Suppressed ? FindingState::Suppressed : FindingState::Reported;

    if (Result.contains("properties")) {
      const json *Properties = object(Result, Where, "properties");
      if (!Properties)
        return false;
      if (Properties->contains("greenlint")) {
        const json *Own =
            object(*Properties, at(Where, "properties"), "greenlint");
        if (!Own ||
            !waste(*Own, at(at(Where, "properties"), "greenlint"), F.Waste))
          return false;
      }
    }
    return true;
  }

  /// One fix: writeSarif groups a finding's replacements by file, in the
  /// order the files first occur; reading them back in that order gives
  /// the same SARIF again.
  bool sarifFix(const json &Fix, const std::string &Where, ReportedFinding &F) {
    if (!Fix.is_object())
      return wrongType(Where, Fix, "an object");
    const json *Changes = nullptr;
    if (!array(Fix, Where, "artifactChanges", Changes))
      return false;
    for (size_t I = 0; I < Changes->size(); ++I) {
      const json &Change = (*Changes)[I];
      std::string ChangeWhere = at(at(Where, "artifactChanges"), I);
      if (!Change.is_object())
        return wrongType(ChangeWhere, Change, "an object");
      std::string File;
      const json *Replacements = nullptr;
      if (!artifactPath(Change, ChangeWhere, File) ||
          !array(Change, ChangeWhere, "replacements", Replacements))
        return false;
      for (size_t R = 0; R < Replacements->size(); ++R) {
        const json &Replacement = (*Replacements)[R];
        std::string ReplacementWhere = at(at(ChangeWhere, "replacements"), R);
        if (!Replacement.is_object())
          return wrongType(ReplacementWhere, Replacement, "an object");
        ReportedFinding::Replacement Edit;
        Edit.File = File;
        const json *Deleted =
            object(Replacement, ReplacementWhere, "deletedRegion");
        std::string DeletedWhere = at(ReplacementWhere, "deletedRegion");
        if (!Deleted ||
            !number(*Deleted, DeletedWhere, "byteOffset", Edit.Offset, 0) ||
            !number(*Deleted, DeletedWhere, "byteLength", Edit.Length, 0) ||
            !text(Replacement, ReplacementWhere, "insertedContent", Edit.Text))
          return false;
        F.Fixes.push_back(std::move(Edit));
      }
    }
    return true;
  }

  bool sameVersion(const std::string &Version) {
    if (Version == Opts.Version)
      return true;
    return fail("was written by greenlint " + terminalText(Version) +
                ", and this is greenlint " + Opts.Version +
                " (its rules table would differ); merge with the greenlint "
                "that wrote the shards, or run the shards again with this one");
  }

  //===--- JSON -----------------------------------------------------------===//

  bool readJson(const json &Report, ShardReport &Out) {
    std::string Tool;
    if (!string(Report, "", "tool", Tool))
      return false;
    if (Tool != "greenlint")
      return fail("was written by '" + terminalText(Tool) + "', not greenlint");
    if (!string(Report, "", "version", Out.Version) ||
        !sameVersion(Out.Version) || !string(Report, "", "sourceRoot", Root) ||
        !absolute("sourceRoot", Root))
      return false;
    Out.SourceRoot = Root;
    const json *Summary = object(Report, "", "summary");
    unsigned Reported = 0;
    if (!Summary || !number(*Summary, "summary", "reported", Reported, 0) ||
        !number(*Summary, "summary", "suppressed", Out.NotListed.Suppressed,
                0) ||
        !number(*Summary, "summary", "baselined", Out.NotListed.Baselined, 0) ||
        !number(*Summary, "summary", "unchanged", Out.NotListed.Unchanged, 0))
      return false;
    const json *Findings = nullptr;
    if (!array(Report, "", "findings", Findings))
      return false;
    if (Findings->size() != Reported)
      return fail("'summary.reported' is " + std::to_string(Reported) +
                  " but 'findings' lists " + std::to_string(Findings->size()));
    for (size_t I = 0; I < Findings->size(); ++I) {
      CheckedFinding C;
      if (!jsonFinding((*Findings)[I], at("findings", I), C))
        return false;
      Out.Findings.push_back(std::move(C));
    }
    return true;
  }

  bool jsonFinding(const json &Finding, const std::string &Where,
                   CheckedFinding &Out) {
    if (!Finding.is_object())
      return wrongType(Where, Finding, "an object");
    ReportedFinding &F = Out.Finding;
    std::string Level, Relative;
    if (!string(Finding, Where, "rule", F.RuleId) ||
        !string(Finding, Where, "level", Level) ||
        !level(at(Where, "level"), Level, "remark", F.Level) ||
        !string(Finding, Where, "file", Relative) ||
        !string(Finding, Where, "path", F.File) ||
        !absolute(at(Where, "path"), F.File) ||
        !number(Finding, Where, "line", F.Line, 1) ||
        !number(Finding, Where, "column", F.Column, 0) ||
        !string(Finding, Where, "message", F.Message) ||
        !string(Finding, Where, "fingerprint", Out.Fingerprint) ||
        !fingerprint(at(Where, "fingerprint"), Out.Fingerprint))
      return false;
    F.File = placed(F.File);

    const json *Notes = nullptr;
    if (!array(Finding, Where, "notes", Notes))
      return false;
    for (size_t I = 0; I < Notes->size(); ++I) {
      const json &Note = (*Notes)[I];
      std::string NoteWhere = at(at(Where, "notes"), I);
      ReportedFinding::Note N;
      if (!Note.is_object())
        return wrongType(NoteWhere, Note, "an object");
      if (!string(Note, NoteWhere, "path", N.File) ||
          !absolute(at(NoteWhere, "path"), N.File) ||
          !number(Note, NoteWhere, "line", N.Line, 1) ||
          !number(Note, NoteWhere, "column", N.Column, 0) ||
          !string(Note, NoteWhere, "message", N.Message))
        return false;
      N.File = placed(N.File);
      F.Notes.push_back(std::move(N));
    }

    const json *Fixes = nullptr;
    if (!array(Finding, Where, "fixes", Fixes))
      return false;
    for (size_t I = 0; I < Fixes->size(); ++I) {
      const json &Fix = (*Fixes)[I];
      std::string FixWhere = at(at(Where, "fixes"), I);
      ReportedFinding::Replacement Edit;
      if (!Fix.is_object())
        return wrongType(FixWhere, Fix, "an object");
      if (!string(Fix, FixWhere, "path", Edit.File) ||
          !absolute(at(FixWhere, "path"), Edit.File) ||
          !number(Fix, FixWhere, "offset", Edit.Offset, 0) ||
          !number(Fix, FixWhere, "length", Edit.Length, 0) ||
          !string(Fix, FixWhere, "text", Edit.Text))
        return false;
      Edit.File = placed(Edit.File);
      F.Fixes.push_back(std::move(Edit));
    }
    return waste(Finding, Where, F.Waste);
  }

  llvm::StringRef Path;
  const ShardReadOptions &Opts;
  SourceFiles &Sources;
  std::string &Error;
  const char *Hint = AnyHint;
  /// The report's own source root.
  std::string Root;
};

} // namespace

bool parseShardReport(llvm::StringRef Text, llvm::StringRef Path,
                      const ShardReadOptions &Opts, SourceFiles &Sources,
                      ShardReport &Out, std::string &Error) {
  return ReportReader(Path, Opts, Sources, Error).read(Text, Out);
}

} // namespace greenlint
