//===- LedgerReaderTest.cpp - Ledger parsing, fast path and streaming -----===//
#include "LedgerReader.h"
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

TEST(LedgerReader, RepeatedKeysReadAsTheirLastValue) {
  // nlohmann keeps the last of repeated keys; the fast path must too.
  Ledger L =
      parseOk(std::string(Header) + "\n" +
              sample(region(R"("r")", R"({"u":1,"u":"x","v":2,"v":5})")));
  const RegionFigures &R = L.Regions["r"];
  EXPECT_EQ(R.Units.count("u"), 0u);
  EXPECT_DOUBLE_EQ(R.Units.at("v"), 5);
}

TEST(LedgerReader, NumbersAsJsonDefinesThem) {
  // 1e400 overflows to infinity in nlohmann too; 01 is not JSON.
  Ledger L = parseOk(std::string(Header) + "\n" +
                     sample(region(R"("r")", R"({"big":1e400,"neg":-0})")));
  EXPECT_TRUE(std::isinf(L.Regions["r"].Units.at("big")));
  EXPECT_FALSE(std::signbit(L.Regions["r"].Units.at("neg")));
  std::string Error = parseError(std::string(Header) + "\n" +
                                 sample(region(R"("r")", R"({"u":01})")) +
                                 "\n" + sample(region(R"("r")", "{}")));
  EXPECT_NE(Error.find("t.jsonl:2: corrupt ledger record"), std::string::npos)
      << Error;
}

// Found by reasoning about nlohmann's value(): a key of the wrong type threw
// json::type_error out of the reader and aborted greenlint.
TEST(LedgerReader, WrongTypesAreMessagesNotExceptions) {
  std::string Error = parseError(R"({"type":1})");
  EXPECT_NE(Error.find("t.jsonl:1: the first record is not a header"),
            std::string::npos)
      << Error;
  Error = parseError(R"({"type":"header","format":7})");
  EXPECT_NE(Error.find("not a greenlint ledger"), std::string::npos) << Error;
  Ledger L =
      parseOk(R"({"type":"header","format":"greenlint-ledger","version":1,)"
              R"("profile":{"id":"x","generic":"yes","threads":1e300},)"
              R"("meters":[{"name":"model","measured":"no"}]})"
              "\n"
              R"({"type":"footer","reason":5})");
  EXPECT_FALSE(L.ProfileGeneric);
  EXPECT_FALSE(L.Meters.at(0).Measured);
  EXPECT_EQ(L.ProfileThreads, std::numeric_limits<int>::max());
  EXPECT_TRUE(L.HasFooter);
  EXPECT_EQ(L.FooterReason, "");
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
  EXPECT_NE(Error.find("t.jsonl:1: corrupt"), std::string::npos) << Error;
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
      Out << sample(region(R"("infer:a")",
                           R"({"inference":)" + std::to_string(R + 1) + "}"))
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

  // A corrupt ledger is reported before a methodology problem, as before.
  {
    std::ofstream Out(Dir / "l1.jsonl", std::ios::app);
    Out << "{\n{}\n";
  }
  O.Grid.clear();
  EXPECT_FALSE(buildReportFromPaths({Dir.string()}, O, Streamed, Error));
  EXPECT_NE(Error.find("l1.jsonl:5: corrupt"), std::string::npos) << Error;
  fs::remove_all(Dir);
}
