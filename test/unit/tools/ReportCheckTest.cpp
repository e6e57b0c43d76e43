//===- ReportCheckTest.cpp - Field checks of report JSONs given to diff ---===//
#include "ReportCheck.h"

#include <gtest/gtest.h>

using namespace greenlint;

namespace {

// A report of one row with what diff reads, one key per line.
const char *Report = R"json({
 "format": "greenlint-report",
 "version": 1,
 "warnings": [],
 "methodology": {
  "profile": {"id": "p"},
  "grid": {"id": "DE", "intensity_gco2e_per_kwh": 342},
  "pue": {"value": 1},
  "meters": [{"name": "model", "measured": false}],
  "functional_units": ["inference"],
  "embodied": {"te_g": 1, "lifespan_years": 4, "tor_threads": 8,
               "rr": "cpu-time-used", "reserved_threads": 0},
  "grouping": "all"
 },
 "groups": [{"test": "(all)", "rows": [
  {"key": "k", "scope": "total", "name": "n", "side": "", "unit": "run",
   "sci": 0.5,
   "runs": [{"carbon_g": 1, "units": 2}],
   "intervals": {"n": 2, "se": 0.1}}]}]
})json";

std::string errorFor(const std::string &From, const std::string &To) {
  std::string Text = Report;
  size_t At = Text.find(From);
  EXPECT_NE(At, std::string::npos) << From;
  Text.replace(At, From.size(), To);
  nlohmann::json Out;
  std::string Error;
  EXPECT_FALSE(parseReportJson("r.json", Text, Out, Error)) << To;
  return Error;
}

} // namespace

TEST(ReportCheck, AGoodReportReads) {
  nlohmann::json Out;
  std::string Error;
  EXPECT_TRUE(parseReportJson("r.json", Report, Out, Error)) << Error;
}

// Issue 13.4: these aborted diff with an uncaught nlohmann::type_error.
TEST(ReportCheck, WrongTypesNameTheLineAndPointer) {
  EXPECT_EQ(errorFor(R"("version": 1)", R"("version": "1")"),
            "greenlint: r.json:3:13: report field /version is string, "
            "expected a whole number; the report was edited or damaged: make "
            "it again with greenlint report --format json");
  EXPECT_NE(errorFor(R"("grid": {"id": "DE", "intensity_gco2e_per_kwh": 342})",
                     R"("grid": null)")
                .find("r.json:7:11: report field /methodology/grid is null, "
                      "expected an object"),
            std::string::npos);
  EXPECT_NE(errorFor(R"("carbon_g": 1)", R"("carbon_g": "a")")
                .find("r.json:18:26: report field "
                      "/groups/0/rows/0/runs/0/carbon_g is string"),
            std::string::npos);
  EXPECT_NE(errorFor(R"("meters": [{"name": "model", "measured": false}])",
                     R"("meters": "x")")
                .find("r.json:9:13: report field /methodology/meters is "
                      "string, expected a list"),
            std::string::npos);
  EXPECT_NE(errorFor(R"("rows": [)", R"("rows": 7, "r": [)")
                .find("r.json:15:39: report field /groups/0/rows is number"),
            std::string::npos);
  // A missing field points at the object that lacks it.
  EXPECT_NE(errorFor(R"("sci": 0.5,)", "")
                .find("r.json:16:3: report field /groups/0/rows/0/sci is "
                      "missing"),
            std::string::npos);
  EXPECT_NE(errorFor(R"("format": "greenlint-report")", R"("format": 7)")
                .find("r.json:1: not a greenlint report JSON"),
            std::string::npos);
}

// Issue 13.6: impossible numbers are refused, not compared.
TEST(ReportCheck, ImpossibleNumbersAreRefused) {
  EXPECT_NE(errorFor(R"("carbon_g": 1)", R"("carbon_g": -1)")
                .find("carbon_g is -1, expected a number from 0 to 1e+15"),
            std::string::npos);
  EXPECT_NE(errorFor(R"("sci": 0.5)", R"("sci": 1e308)")
                .find("/groups/0/rows/0/sci is 1e+308"),
            std::string::npos);
  EXPECT_NE(errorFor(R"("n": 2)", R"("n": 2.5)")
                .find("/groups/0/rows/0/intervals/n is 2.5, expected a whole "
                      "number"),
            std::string::npos);
}
