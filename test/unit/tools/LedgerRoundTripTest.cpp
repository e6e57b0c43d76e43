//===- LedgerRoundTripTest.cpp - Runtime writer -> CLI reader -------------===//
//
// The ledger format is written in runtime/ and read in tools/; these tests
// write records with the runtime's JsonWriter and read them back with the
// reader, for the strings that are not UTF-8 (issue 13.3).
//
//===----------------------------------------------------------------------===//
#include "JsonWriter.h"
#include "LedgerReader.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

using namespace greenlint;

namespace {

std::string header(const char *Host, const char *Arg) {
  std::string Out;
  rt::JsonWriter W(Out);
  W.open()
      .member("type", "header")
      .member("format", "greenlint-ledger")
      .member("version", 1)
      .member("host", Host);
  W.key("command_line").openArray().value(Arg).closeArray();
  W.key("profile").open().member("id", "amd-epyc-7b13").close();
  W.key("meters").openArray();
  W.open().member("name", "model").member("measured", false).close();
  W.closeArray().close();
  return Out + "\n";
}

std::string sample(const char *Region,
                   const std::vector<std::pair<int, uint64_t>> &Units,
                   const std::vector<const char *> &UnitNames) {
  std::string Out;
  rt::JsonWriter W(Out);
  auto Energy = [&W](const char *Key) {
    W.key(Key).open().member("cpu", 1.0).close();
  };
  W.open().member("type", "sample").member("seq", 0);
  W.key("process").open().member("cpu_s", 1.0).member("wall_s", 1.0);
  Energy("energy_j");
  W.close();
  W.key("regions").openArray();
  W.open().member("name", Region);
  Energy("energy_j");
  Energy("self_energy_j");
  W.member("cpu_s", 1.0).member("self_cpu_s", 1.0);
  W.counts("units", Units, [&](int I) { return UnitNames[I]; }).close();
  W.closeArray().close();
  return Out + "\n";
}

} // namespace

TEST(LedgerRoundTrip, StringsThatAreNotUtf8ComeBackByteForByte) {
  const char *Name = "infer:a\xff\xfe";
  const char *Truncated = "h\xc3";         // a lead byte without its tail
  const char *Surrogate = "u\xed\xa0\x80"; // UTF-16 surrogate, not UTF-8
  const char *Overlong = "/\xc0\xaf";      // an overlong '/'
  std::string Text = header(Truncated, "./a\xff") +
                     sample(Name, {{0, 3}, {1, 4}, {2, 5}, {3, 6}},
                            {"ok", Surrogate, Overlong, "caf\xc3\xa9"});
  // Every line is valid JSON: the invalid bytes are U+FFFD there.
  EXPECT_NE(Text.find("\"infer:a\xef\xbf\xbd\xef\xbf\xbd\""), std::string::npos)
      << Text;
  EXPECT_NE(Text.find("\"name_hex\":\"696e6665723a61fffe\""), std::string::npos)
      << Text;
  Ledger L;
  std::string Error;
  ASSERT_TRUE(parseLedger("t.jsonl", Text, L, Error)) << Error << "\n" << Text;
  EXPECT_TRUE(L.Warnings.empty());
  EXPECT_EQ(L.Host, Truncated);
  ASSERT_EQ(L.Regions.count(Name), 1u);
  const auto &Units = L.Regions[Name].Units;
  EXPECT_DOUBLE_EQ(Units.at("ok"), 3);
  EXPECT_DOUBLE_EQ(Units.at(Surrogate), 4);
  EXPECT_DOUBLE_EQ(Units.at(Overlong), 5);
  EXPECT_DOUBLE_EQ(Units.at("caf\xc3\xa9"), 6);
  // A command-line word has no sibling to hold its bytes: shown, not lost
  // to the ledger.
  ASSERT_EQ(L.CommandLine.size(), 1u);
  EXPECT_EQ(L.CommandLine[0], "./a\xef\xbf\xbd");
}

TEST(LedgerRoundTrip, Utf8StringsAreWrittenAsTheyAre) {
  std::string Text =
      header("h\xc3\xa9", "./a") +
      sample("infer:\xe2\x82\xac", {{0, 1}}, {"\xf0\x9f\x98\x80"});
  EXPECT_EQ(Text.find("_hex"), std::string::npos) << Text;
  Ledger L;
  std::string Error;
  ASSERT_TRUE(parseLedger("t.jsonl", Text, L, Error)) << Error;
  EXPECT_EQ(L.Host, "h\xc3\xa9");
  ASSERT_EQ(L.Regions.count("infer:\xe2\x82\xac"), 1u);
  EXPECT_DOUBLE_EQ(L.Regions["infer:\xe2\x82\xac"].Units.at("\xf0\x9f\x98\x80"),
                   1);
}
