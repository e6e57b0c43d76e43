//===- LedgerReaderTest.cpp - Ledger parsing, fast path and streaming -----===//
#include "LedgerReader.h"
#include "ReportBuilder.h"
#include "ReportOptions.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include <unistd.h>

using namespace greenlint;

namespace {

const char *Header =
    R"({"type":"header","format":"greenlint-ledger","version":1,"host":"h",)"
    R"("pid":1,"command_line":["./a"],"profile":{"id":"amd-epyc-7b13",)"
    R"("generic":false,"cores":64,"threads":128},"meters":[{"name":"model",)"
    R"("measured":false,"domains":["cpu","dram"]}]})";

std::string sample(const std::string &Regions) {
  return R"({"type":"sample","seq":0,"process":{"cpu_s":1,"wall_s":1,)"
         R"("energy_j":{"cpu":2,"dram":0,"gpu":0}},"regions":[)" +
         Regions + "]}";
}

std::string region(const std::string &Name, const std::string &Units) {
  return R"({"name":)" + Name +
         R"(,"energy_j":{"cpu":0.5,"dram":0,"gpu":0},)"
         R"("self_energy_j":{"cpu":0.5,"dram":0,"gpu":0},"cpu_s":0.25,)"
         R"("self_cpu_s":0.25,"wall_s":0.25,"calls":3,"units":)" +
         Units + "}";
}

/// \p Record with its "seq" set to \p Seq.
std::string withSeq(std::string Record, int Seq) {
  Record.replace(Record.find("\"seq\":0"), 7, "\"seq\":" + std::to_string(Seq));
  return Record;
}

Ledger parseOk(const std::string &Text) {
  Ledger L;
  std::string Error;
  EXPECT_TRUE(parseLedger("t.jsonl", Text, L, Error)) << Error;
  return L;
}

std::string parseError(const std::string &Text) {
  Ledger L;
  std::string Error;
  EXPECT_FALSE(parseLedger("t.jsonl", Text, L, Error));
  return Error;
}

} // namespace

// The fast parser takes the runtime's compact lines; escapes, non-ASCII and
// spacing go through nlohmann. Both must give the same figures.
TEST(LedgerReader, FastAndNlohmannPathsAgree) {
  std::string Compact = std::string(Header) + "\n" +
                        sample(region(R"("infer:a")", R"({"inference":4})")) +
                        "\n";
  std::string Escaped =
      std::string(Header) + "\n" +
      sample(region(R"("infer:\u0061")", R"({"inference":4})")) + "\n";
  Ledger A = parseOk(Compact), B = parseOk(Escaped);
  ASSERT_EQ(A.Regions.count("infer:a"), 1u);
  ASSERT_EQ(B.Regions.count("infer:a"), 1u);
  EXPECT_EQ(A.Regions["infer:a"].Units, B.Regions["infer:a"].Units);
  EXPECT_EQ(A.Regions["infer:a"].Calls, 3u);
  EXPECT_DOUBLE_EQ(A.Energy.Cpu, 2);
  EXPECT_EQ(A.RecordCount, 1u);
  // Non-ASCII names survive (nlohmann validates their UTF-8).
  Ledger C = parseOk(std::string(Header) + "\n" +
                     sample(region("\"infer:caf\xc3\xa9\"", "{}")));
  EXPECT_EQ(C.Regions.count("infer:caf\xc3\xa9"), 1u);
}

TEST(LedgerReader, DispatchedPartIsReadAndOptional) {
  // A region written since the runtime dispatches pool threads' energy.
  std::string Pool = region(R"("pool")", "{}");
  Pool.insert(Pool.find(R"("cpu_s")"),
              R"("dispatched_energy_j":{"cpu":0.375,"dram":0,"gpu":0},)"
              R"("dispatched_cpu_s":0.125,)");
  Ledger L = parseOk(std::string(Header) + "\n" + sample(Pool) + "\n" +
                     withSeq(sample(Pool), 1) + "\n" +
                     withSeq(sample(region(R"("old")", "{}")), 2));
  EXPECT_DOUBLE_EQ(L.Regions["pool"].DispatchedEnergy.Cpu, 0.75);
  EXPECT_DOUBLE_EQ(L.Regions["pool"].DispatchedCpuS, 0.25);
  EXPECT_DOUBLE_EQ(L.Regions["pool"].SelfEnergy.Cpu, 1.0);
  // Older ledgers have no dispatched part: all of self is the region's own.
  EXPECT_DOUBLE_EQ(L.Regions["old"].DispatchedEnergy.total(), 0);
  EXPECT_DOUBLE_EQ(L.Regions["old"].DispatchedCpuS, 0);
  EXPECT_TRUE(L.Warnings.empty());
}

TEST(LedgerReader, RepeatedKeysReadAsTheirLastValue) {
  // nlohmann keeps the last of repeated keys; the fast path must too, also
  // for what it refuses: only the last value is checked.
  Ledger L =
      parseOk(std::string(Header) + "\n" +
              sample(region(R"("r")", R"({"u":"x","u":1,"v":-2,"v":5})")));
  const RegionFigures &R = L.Regions["r"];
  EXPECT_DOUBLE_EQ(R.Units.at("u"), 1);
  EXPECT_DOUBLE_EQ(R.Units.at("v"), 5);
  EXPECT_TRUE(L.Warnings.empty());
  std::string Error =
      parseError(std::string(Header) + "\n" +
                 sample(region(R"("r")", R"({"u":1,"u":"x"})")));
  EXPECT_NE(Error.find("t.jsonl:2: sample record: region 'r' unit 'u' is not "
                       "a number"),
            std::string::npos)
      << Error;
}

TEST(LedgerReader, NumbersAsJsonDefinesThem) {
  // 01 is not JSON; the message gives the column.
  std::string Error = parseError(std::string(Header) + "\n" +
                                 sample(region(R"("r")", R"({"u":01})")) +
                                 "\n" + sample(region(R"("r")", "{}")));
  EXPECT_NE(Error.find("t.jsonl:2:"), std::string::npos) << Error;
  EXPECT_NE(Error.find(": corrupt ledger record ("), std::string::npos)
      << Error;
  Ledger L = parseOk(std::string(Header) + "\n" +
                     sample(region(R"("r")", R"({"neg":-0})")));
  EXPECT_FALSE(std::signbit(L.Regions["r"].Units.at("neg")));
}

// Issue 13.6: impossible numbers were summed silently (1e400 made the SCI
// null). Such a record is left out, with a warning naming line and field.
TEST(LedgerReader, ImpossibleNumbersLeaveTheRecordOutWithAWarning) {
  auto Warned = [](const std::string &Record, const std::string &Expect) {
    Ledger L =
        parseOk(std::string(Header) + "\n" + Record + "\n" +
                withSeq(sample(region(R"("r")", R"({"u":2})")), 1) + "\n");
    EXPECT_EQ(L.RecordCount, 2u);
    EXPECT_EQ(L.Records.size(), 1u) << Record;
    EXPECT_DOUBLE_EQ(L.Regions["r"].Units["u"], 2);
    ASSERT_FALSE(L.Warnings.empty()) << Record;
    EXPECT_NE(
        L.Warnings[0].find("t.jsonl:2: sample record left out: " + Expect),
        std::string::npos)
        << L.Warnings[0];
  };
  Warned(sample(region(R"("r")", R"({"u":1e400})")),
         "region 'r' unit 'u' is inf");
  Warned(sample(region(R"("r")", R"({"u":-1})")),
         "region 'r' unit 'u' is -1 (negative)");
  Warned(sample(region(R"("r")", R"({"u":1.5})")),
         "region 'r' unit 'u' is not a whole number");
  std::string Neg = sample("");
  Neg.replace(Neg.find("\"cpu\":2"), 7, "\"cpu\":-2");
  Warned(Neg, "process 'energy_j' 'cpu' is -2 (negative)");
  std::string Huge = sample("");
  Huge.replace(Huge.find("\"cpu\":2"), 7, "\"cpu\":1e308");
  Warned(Huge, "process 'energy_j' 'cpu' is 1e+308 (beyond");
  std::string Interval = sample("");
  Interval.insert(1, R"("interval_s":-0.1,)");
  Warned(Interval, "'interval_s' is -0.1 (negative)");
  // A footer with 1e999 does not parse: that is damage, not a crash.
  std::string Error =
      parseError(std::string(Header) + "\n" +
                 R"({"type":"footer","duration_s":1e999})" + "\n");
  EXPECT_NE(Error.find("t.jsonl:2:"), std::string::npos) << Error;
  EXPECT_NE(Error.find("number overflow"), std::string::npos) << Error;
  // Cut short without its newline, a last line is still a crash.
  Ledger Cut = parseOk(std::string(Header) + "\n" + R"({"type":"foo)");
  EXPECT_EQ(Cut.TruncatedLine, 2);
}

// Issue 13.12: a gap in seq was not noticed.
TEST(LedgerReader, AGapInSeqIsReported) {
  auto Seq = [](int N) {
    std::string S = sample(region(R"("r")", R"({"u":1})"));
    S.replace(S.find("\"seq\":0"), 7, "\"seq\":" + std::to_string(N));
    return S + "\n";
  };
  Ledger L = parseOk(std::string(Header) + "\n" + Seq(0) + Seq(1) + Seq(4));
  ASSERT_EQ(L.Warnings.size(), 1u);
  EXPECT_NE(L.Warnings[0].find("t.jsonl:4: 2 sample record(s) lost before "
                               "this one (seq 4, expected 2)"),
            std::string::npos)
      << L.Warnings[0];
  EXPECT_TRUE(
      parseOk(std::string(Header) + "\n" + Seq(0) + Seq(1)).Warnings.empty());
  EXPECT_NE(parseError(std::string(Header) + "\n" + Seq(0) + Seq(-1))
                .find("'seq' is not a whole number from 0"),
            std::string::npos);
}

// Found by reasoning about nlohmann's value(): a key of the wrong type threw
// json::type_error out of the reader and aborted greenlint. Since issue
// 13.12 such keys are errors, not silently ignored.
TEST(LedgerReader, WrongTypesAreMessagesNotExceptions) {
  std::string Error = parseError(R"({"type":1})");
  EXPECT_NE(Error.find("t.jsonl:1: the first record is not a header"),
            std::string::npos)
      << Error;
  Error = parseError(R"({"type":"header","format":7})");
  EXPECT_NE(Error.find("not a greenlint ledger"), std::string::npos) << Error;
  std::string Base =
      R"({"type":"header","format":"greenlint-ledger","version":1,)"
      R"("profile":{"id":"x","threads":1e300},)"
      R"("meters":[{"name":"model","measured":false}]})";
  Ledger L = parseOk(Base);
  EXPECT_EQ(L.ProfileThreads, std::numeric_limits<int>::max());
  auto HeaderError = [&](const std::string &From, const std::string &To,
                         const std::string &Expect) {
    std::string Text = Base;
    Text.replace(Text.find(From), From.size(), To);
    std::string E = parseError(Text);
    EXPECT_NE(E.find("t.jsonl:1: header: " + Expect), std::string::npos) << E;
  };
  HeaderError(R"("id":"x")", R"("id":"x","generic":"yes")",
              "'generic' is not true or false");
  HeaderError(R"("measured":false)", R"("measured":"no")",
              "'measured' is not true or false");
  HeaderError(R"("id":"x")", R"("id":7)", "'id' is not a string");
  HeaderError(R"("version":1,)", R"("version":1,"host":[1],)",
              "'host' is not a string");
  HeaderError(R"("version":1,)", R"("version":1,"command_line":"./a",)",
              "'command_line' is not a list of strings");
  HeaderError(R"("meters":[)", R"("meters":[5,)",
              "a meter that is not an object");
  HeaderError(R"("version":1)", R"("version":0.5)",
              "'version' is not a whole number from 1");
  Error = parseError(Base + "\n" + R"({"type":"footer","reason":5})");
  EXPECT_NE(Error.find("t.jsonl:2: footer: 'reason' is not a string"),
            std::string::npos)
      << Error;
  Error = parseError(std::string(Header) + "\n" +
                     sample(region(R"("r")", R"([1])")));
  EXPECT_NE(Error.find("region 'r' 'units' is not an object"),
            std::string::npos)
      << Error;
}

// Issue 13.7: GREENLINT_METER=model,model counted every joule twice.
TEST(LedgerReader, AMeterListedTwiceIsRefused) {
  std::string Text = Header;
  Text.replace(Text.find("]}]}"), 4,
               R"(]},{"name":"model","measured":false,"domains":["cpu"]}]})");
  std::string Error = parseError(Text);
  EXPECT_NE(Error.find("t.jsonl:1: the header lists meter 'model' twice"),
            std::string::npos)
      << Error;
}

// Issue 13.3: names that are not UTF-8 come back byte for byte from their
// "_hex" twin; raw bytes from an older runtime cost only a warning.
TEST(LedgerReader, NamesThatAreNotUtf8AreRestored) {
  Ledger L = parseOk(
      std::string(Header) + "\n" +
      sample(R"({"name":"infer:a\ufffd","name_hex":"696e6665723a61ff",)"
             R"("energy_j":{"cpu":1},"self_energy_j":{"cpu":1},"cpu_s":1,)"
             R"("self_cpu_s":1,"units":{"ok":1},"units_hex":{"fe75":2}})"));
  ASSERT_EQ(L.Regions.count("infer:a\xff"), 1u);
  EXPECT_DOUBLE_EQ(L.Regions["infer:a\xff"].Units.at("\xfeu"), 2);
  EXPECT_DOUBLE_EQ(L.Regions["infer:a\xff"].Units.at("ok"), 1);
  EXPECT_TRUE(L.Warnings.empty());
  EXPECT_NE(parseError(std::string(Header) + "\n" +
                       sample(R"({"name":"a","name_hex":"6g"})"))
                .find("'name_hex' is not a string of hex digits"),
            std::string::npos);
  // Written raw by an older runtime: read with U+FFFD, and said so.
  Ledger Old =
      parseOk(std::string(Header) + "\n" +
              sample(region("\"infer:b\xff\"", R"({"u":1})")) + "\n" +
              withSeq(sample(region(R"("r")", R"({"u":1})")), 1) + "\n");
  EXPECT_EQ(Old.Regions.count("infer:b\xef\xbf\xbd"), 1u);
  EXPECT_EQ(Old.Regions.count("r"), 1u);
  ASSERT_EQ(Old.Warnings.size(), 1u);
  EXPECT_NE(Old.Warnings[0].find("t.jsonl:2: text that is not UTF-8"),
            std::string::npos);
}

TEST(LedgerReader, UnopenableLedgerGivesTheOsReason) {
  Ledger L;
  std::string Error;
  EXPECT_FALSE(readLedger("/nonexistent-greenlint/l.jsonl", L, Error,
                          LedgerPart::Everything));
  EXPECT_NE(Error.find("/nonexistent-greenlint/l.jsonl: cannot open the "
                       "ledger: No such file or directory; "),
            std::string::npos)
      << Error;
}

TEST(LedgerReader, HeaderOnlyFailsWhereTheFullReadFailsOnTheHeader) {
  Ledger L;
  std::string Error;
  EXPECT_FALSE(
      parseLedger("t.jsonl", "\n\n", L, Error, LedgerPart::HeaderOnly));
  EXPECT_NE(Error.find("empty ledger"), std::string::npos) << Error;
  EXPECT_FALSE(parseLedger("t.jsonl", std::string("\n") + Header, L, Error,
                           LedgerPart::HeaderOnly));
  EXPECT_NE(Error.find("t.jsonl:1:1: corrupt"), std::string::npos) << Error;
  // A broken sample is the full read's business.
  EXPECT_TRUE(parseLedger("t.jsonl", std::string(Header) + "\n{\n{}\n", L,
                          Error, LedgerPart::HeaderOnly));
  EXPECT_EQ(L.RecordCount, 0u);
}

// greenlint report reads ledgers one at a time; the document must be the one
// built from all ledgers in memory, and the first error the same.
TEST(LedgerReader, StreamedReportEqualsInMemoryReport) {
  namespace fs = std::filesystem;
  fs::path Dir = fs::temp_directory_path() /
                 ("greenlint-reader-test-" + std::to_string(::getpid()));
  fs::create_directories(Dir);
  for (int I = 0; I < 3; ++I) {
    std::ofstream Out(Dir / ("l" + std::to_string(I) + ".jsonl"));
    Out << Header << "\n";
    for (int R = 0; R <= I; ++R)
      Out << withSeq(sample(region(R"("infer:a")", R"({"inference":)" +
                                                       std::to_string(R + 1) +
                                                       "}")),
                     R)
          << "\n";
    Out << R"({"type":"footer","reason":"exit"})" << "\n";
  }
  ReportOptions O;
  O.Grid = "DE";
  O.WhatIfGrids = {"FR"};
  std::vector<Ledger> Ledgers;
  std::string Error;
  nlohmann::json InMemory, Streamed;
  ASSERT_TRUE(loadLedgers({Dir.string()}, Ledgers, Error)) << Error;
  ASSERT_TRUE(buildReport(Ledgers, O, InMemory, Error)) << Error;
  ASSERT_TRUE(buildReportFromPaths({Dir.string()}, O, Streamed, Error))
      << Error;
  EXPECT_EQ(InMemory.dump(), Streamed.dump());
  EXPECT_EQ(Streamed["ledgers"][2]["records"], 3);

  // Issue 13.3/13.12: a corrupt ledger is left out with a warning naming
  // its line; the other runs stay in the report.
  {
    std::ofstream Out(Dir / "l1.jsonl", std::ios::app);
    Out << "{\n{}\n";
  }
  ASSERT_TRUE(buildReportFromPaths({Dir.string()}, O, Streamed, Error))
      << Error;
  ASSERT_EQ(Streamed["ledgers"].size(), 2u);
  EXPECT_EQ(Streamed["groups"][0]["runs"], 2);
  ASSERT_EQ(Streamed["data_warnings"].size(), 1u);
  std::string Warning = Streamed["data_warnings"][0];
  EXPECT_NE(Warning.find("l1.jsonl:5:"), std::string::npos) << Warning;
  EXPECT_NE(Warning.find("left out of the report"), std::string::npos)
      << Warning;
  // When no ledger reads, the first one's error is the answer.
  EXPECT_FALSE(
      buildReportFromPaths({(Dir / "l1.jsonl").string()}, O, Streamed, Error));
  EXPECT_NE(Error.find("l1.jsonl:5:2: corrupt"), std::string::npos) << Error;
  O.Grid.clear();
  EXPECT_FALSE(buildReportFromPaths({Dir.string()}, O, Streamed, Error));
  EXPECT_NE(Error.find("no grid given"), std::string::npos) << Error;
  fs::remove_all(Dir);
}
