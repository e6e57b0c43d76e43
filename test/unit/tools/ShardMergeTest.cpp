//===- ShardMergeTest.cpp - check --merge's report reader -----------------===//
#include "ShardMerge.h"
#include "FindingPrinters.h"
#include "Sarif.h"
#include "SourceFiles.h"
#include "greenlint/estimate/WasteModel.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

using namespace greenlint;

namespace {

/// A source file whose second line has two-byte and three-byte characters
/// and an invalid byte before the finding, removed when the test ends.
class ShardMergeTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> Dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("greenlint-merge", Dir));
    Root = std::string(Dir);
    Source = Root + "/src/a.cpp";
    ASSERT_FALSE(llvm::sys::fs::create_directory(Root + "/src"));
    std::error_code EC;
    llvm::raw_fd_ostream OS(Source, EC);
    ASSERT_FALSE(EC);
    OS << "int main() {\n"
       << "  /* \xC3\xA9\xE2\x82\xAC \xFF */ load(\"x\");\n"
       << "}\n";
  }
  void TearDown() override {
    EXPECT_FALSE(llvm::sys::fs::remove_directories(Root));
  }

  /// A finding on line 2 after the non-ASCII text (byte column 17, code
  /// point column 14), with a note, a fix and a waste estimate.
  CheckedFinding finding() const {
    CheckedFinding C;
    ReportedFinding &F = C.Finding;
    F.RuleId = "data-load-in-loop";
    F.Level = Severity::Warning;
    F.File = Source;
    F.Line = 2;
    F.Column = 17;
    F.Message = "'load' reads the same data";
    F.Notes.push_back({Source, 1, 1, "loop is here"});
    F.Fixes.push_back({Source, 29, 4, "keep"});
    F.Waste = estimate::unknownWaste("reload", "no profile");
    C.RelativePath = "src/a.cpp";
    C.Fingerprint = "0123456789abcdef:0";
    return C;
  }

  std::string sarifOf(const std::vector<CheckedFinding> &Findings) {
    SarifOptions Opts;
    Opts.SourceRoot = Root;
    Opts.DocsUrl = "https://example.org/docs/";
    Opts.Version = "1.2.3";
    std::string Text;
    llvm::raw_string_ostream OS(Text);
    writeSarif(OS, Findings, Opts, Sources);
    return Text;
  }

  bool parse(llvm::StringRef Text, ShardReport &Out, std::string &Error,
             llvm::StringRef MoveTo = "") {
    ShardReadOptions Opts;
    Opts.Version = "1.2.3";
    Opts.SourceRoot = MoveTo.str();
    return parseShardReport(Text, "shard.sarif", Opts, Sources, Out, Error);
  }

  std::string errorOf(llvm::StringRef Text) {
    ShardReport Out;
    std::string Error;
    EXPECT_FALSE(parse(Text, Out, Error));
    return Error;
  }

  std::string Root, Source;
  SourceFiles Sources;
};

} // namespace

// SARIF's code-point columns turn back into the byte columns Clang gave,
// and every field check writes comes back: written again, the SARIF is the
// same.
TEST_F(ShardMergeTest, SarifReadsBackIntoTheSameFindings) {
  CheckedFinding Quiet = finding();
  Quiet.Finding.Line = 3;
  Quiet.Finding.Column = 1;
  Quiet.Finding.Suppressed = true;
  Quiet.State = FindingState::Suppressed;
  std::vector<CheckedFinding> Findings = {finding(), Quiet};
  std::string Sarif = sarifOf(Findings);
  ASSERT_NE(Sarif.find("\"startColumn\": 14"), std::string::npos) << Sarif;

  ShardReport Report;
  std::string Error;
  ASSERT_TRUE(parse(Sarif, Report, Error)) << Error;
  EXPECT_EQ(Report.Format, ShardFormat::Sarif);
  EXPECT_EQ(Report.SourceRoot, Root);
  EXPECT_EQ(Report.DocsUrl, "https://example.org/docs/");
  ASSERT_EQ(Report.Findings.size(), 2u);
  const ReportedFinding &F = Report.Findings[0].Finding;
  EXPECT_EQ(F.File, Source);
  EXPECT_EQ(F.Line, 2u);
  EXPECT_EQ(F.Column, 17u);
  EXPECT_EQ(F.Level, Severity::Warning);
  EXPECT_EQ(F.Message, "'load' reads the same data");
  ASSERT_EQ(F.Notes.size(), 1u);
  EXPECT_EQ(F.Notes[0].Column, 1u);
  ASSERT_EQ(F.Fixes.size(), 1u);
  EXPECT_EQ(F.Fixes[0].Offset, 29u);
  EXPECT_EQ(F.Fixes[0].Length, 4u);
  EXPECT_EQ(F.Fixes[0].Text, "keep");
  const auto &Written = Findings[0].Finding.Waste;
  ASSERT_TRUE(F.Waste.has_value() && Written.has_value());
  // An `if` as well: clang-tidy does not see through ASSERT_TRUE.
  if (F.Waste && Written)
    EXPECT_EQ(F.Waste->toJson(), Written->toJson());
  EXPECT_EQ(Report.Findings[0].Fingerprint, "0123456789abcdef:0");
  EXPECT_EQ(Report.Findings[1].State, FindingState::Suppressed);

  ShardReport Merged;
  ASSERT_TRUE(mergeShardReports({Report}, {"shard.sarif"}, {}, Merged, Error))
      << Error;
  EXPECT_EQ(sarifOf(Merged.Findings), Sarif);
}

TEST_F(ShardMergeTest, JsonReadsBackWithItsCounts) {
  CheckedFinding Hidden = finding();
  Hidden.State = FindingState::Baselined;
  std::string Json;
  llvm::raw_string_ostream OS(Json);
  printFindingsJson(OS, {finding(), Hidden}, Root, "1.2.3");
  ShardReport Report;
  std::string Error;
  ASSERT_TRUE(parse(Json, Report, Error)) << Error;
  EXPECT_EQ(Report.Format, ShardFormat::Json);
  ASSERT_EQ(Report.Findings.size(), 1u);
  EXPECT_EQ(Report.Findings[0].Finding.Column, 17u);
  EXPECT_EQ(Report.NotListed.Baselined, 1u);
  std::string Again;
  llvm::raw_string_ostream AgainOS(Again);
  printFindingsJson(AgainOS, Report.Findings, Root, "1.2.3", Report.NotListed);
  EXPECT_EQ(Again, Json);
}

// CI jobs may check out in different folders: --source-root moves every
// path under a report's own root under the given one.
TEST_F(ShardMergeTest, SourceRootMovesPaths) {
  ShardReport Report;
  std::string Error;
  ASSERT_TRUE(parse(sarifOf({finding()}), Report, Error, "/elsewhere"))
      << Error;
  const ReportedFinding &F = Report.Findings[0].Finding;
  EXPECT_EQ(F.File, "/elsewhere/src/a.cpp");
  EXPECT_EQ(F.Notes[0].File, "/elsewhere/src/a.cpp");
  EXPECT_EQ(F.Fixes[0].File, "/elsewhere/src/a.cpp");
}

// A fingerprint group two reports share is numbered over the merged
// findings; one only a report has keeps its numbering, which counted the
// findings that report hides.
TEST_F(ShardMergeTest, SharedFingerprintGroupsAreNumberedAgain) {
  auto Report = [&](unsigned Line, const char *Fingerprint) {
    ShardReport R;
    CheckedFinding C = finding();
    C.Finding.Line = Line;
    C.Fingerprint = Fingerprint;
    R.Findings.push_back(C);
    return R;
  };
  ShardReport Merged;
  std::string Error;
  ASSERT_TRUE(mergeShardReports({Report(3, "0123456789abcdef:0"),
                                 Report(1, "0123456789abcdef:0"),
                                 Report(3, "0123456789abcdef:0")},
                                {"a", "b", "c"}, {}, Merged, Error))
      << Error;
  ASSERT_EQ(Merged.Findings.size(), 2u);
  EXPECT_EQ(Merged.Findings[0].Finding.Line, 1u);
  EXPECT_EQ(Merged.Findings[0].Fingerprint, "0123456789abcdef:0");
  EXPECT_EQ(Merged.Findings[1].Fingerprint, "0123456789abcdef:1");

  ASSERT_TRUE(mergeShardReports({Report(3, "0123456789abcdef:1")}, {"a"}, {},
                                Merged, Error))
      << Error;
  EXPECT_EQ(Merged.Findings[0].Fingerprint, "0123456789abcdef:1");
}

TEST_F(ShardMergeTest, MixedReportsAreRefused) {
  ShardReport Sarif, Json, Moved;
  Json.Format = ShardFormat::Json;
  Moved.SourceRoot = "/other";
  std::string Error;
  EXPECT_FALSE(mergeShardReports({Sarif, Json}, {"a.sarif", "b.json"}, {},
                                 Sarif, Error));
  EXPECT_EQ(Error.rfind("b.json: a JSON report, but a.sarif is SARIF", 0), 0u)
      << Error;
  EXPECT_FALSE(mergeShardReports({Sarif, Moved}, {"a.sarif", "b.sarif"}, {},
                                 Sarif, Error));
  EXPECT_NE(Error.find("pass --source-root"), std::string::npos) << Error;
}

TEST_F(ShardMergeTest, NamesTheFieldAtFault) {
  EXPECT_EQ(errorOf("{\n  \"runs\": [,]}")
                .rfind("shard.sarif:2:12: not valid "
                       "JSON (",
                       0),
            0u);
  EXPECT_NE(errorOf("[]").find("neither a SARIF log nor a JSON report"),
            std::string::npos);
  std::string Sarif = sarifOf({finding()});
  auto Edited = [&](llvm::StringRef From, llvm::StringRef To) {
    std::string Text = Sarif;
    size_t At = Text.find(From.str());
    EXPECT_NE(At, std::string::npos) << From.str();
    return Text.replace(At, From.size(), To.str());
  };
  // The note's line: the fix's deletedRegion has line 2 as well.
  EXPECT_NE(errorOf(Edited("\"startLine\": 1", "\"startLine\": 0"))
                .find("'runs[0].results[0].relatedLocations[0]."
                      "physicalLocation.region.startLine' is 0, not a whole "
                      "number from 1"),
            std::string::npos);
  EXPECT_NE(errorOf(Edited("\"level\": \"warning\"", "\"level\": \"info\""))
                .find("'runs[0].results[0].level' is 'info', not note, "
                      "warning or error"),
            std::string::npos);
  EXPECT_NE(errorOf(Edited("\"byteOffset\": 29", "\"byteOffset\": \"29\""))
                .find("deletedRegion.byteOffset' is \"29\""),
            std::string::npos);
  EXPECT_NE(
      errorOf(Edited("abcdef:0", "abcdef")).find("not a greenlint fingerprint"),
      std::string::npos);
  EXPECT_NE(errorOf(Edited("\"version\": \"1.2.3\"", "\"version\": \"1.0\""))
                .find("was written by greenlint 1.0, and this is greenlint "
                      "1.2.3"),
            std::string::npos);
  EXPECT_NE(
      errorOf(Edited("\"uri\": \"src/a.cpp\"", "\"uri\": \"src/a%2.cpp\""))
          .find("has a '%' not followed by two hex digits"),
      std::string::npos);
}

// byteColumn undoes codePointColumn at every character start, and past the
// line's end.
TEST_F(ShardMergeTest, ByteColumnInvertsCodePointColumn) {
  // Line 2: "  /* " then é (2 bytes), € (3 bytes), ' ', an invalid byte.
  for (unsigned Byte : {1u, 5u, 6u, 8u, 11u, 12u, 13u, 17u, 30u, 40u})
    EXPECT_EQ(
        Sources.byteColumn(Source, 2, Sources.codePointColumn(Source, 2, Byte)),
        Byte)
        << Byte;
  EXPECT_EQ(Sources.codePointColumn(Source, 2, 17), 14u);
  // A file that cannot be read leaves the column as it is.
  EXPECT_EQ(Sources.byteColumn(Root + "/missing.cpp", 2, 14), 14u);
}
