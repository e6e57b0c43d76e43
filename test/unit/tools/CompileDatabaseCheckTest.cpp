//===- CompileDatabaseCheckTest.cpp - Strict compile_commands.json reading ===//
#include "CompileDatabaseCheck.h"

#include <gtest/gtest.h>

using namespace greenlint;

namespace {
std::string errorOf(std::string_view Text) {
  std::string Error;
  EXPECT_FALSE(checkCompileDatabase("db.json", Text, Error));
  return Error;
}
} // namespace

TEST(CompileDatabaseCheck, AcceptsCommandAndArgumentsForms) {
  std::string Error;
  EXPECT_TRUE(checkCompileDatabase(
      "db.json",
      R"([{"directory": "/b", "file": "a.cpp", "command": "c++ -c a.cpp"},
          {"directory": "/b", "file": "b.cpp", "arguments": ["c++", "b.cpp"]}])",
      Error))
      << Error;
}

TEST(CompileDatabaseCheck, LocatesSyntaxErrors) {
  // The second comma, line 2 column 22.
  std::string E = errorOf("[\n  {\"directory\": \"/b\",, }]");
  EXPECT_EQ(E.rfind("db.json:2:22: not valid JSON (", 0), 0u) << E;
}

TEST(CompileDatabaseCheck, LocatesTheEntryAtFault) {
  std::string E = errorOf("[{\"directory\": \"/b\", \"file\": \"a\", "
                          "\"command\": \"c\"},\n   {\"file\": \"b\"}]");
  EXPECT_EQ(E.rfind("db.json:2:4: entry 2 has no \"directory\" string", 0), 0u)
      << E;
  E = errorOf("[{\"directory\": \"/b\", \"file\": \"a\", \"arguments\": [1]}]");
  EXPECT_NE(E.find("entry 1 has neither a \"command\""), std::string::npos);
  EXPECT_NE(errorOf("{}").find("expected a JSON array"), std::string::npos);
}

TEST(CompileDatabaseCheck, ExplainsRelativeDirectories) {
  std::string E = errorOf(
      R"([{"directory": "out", "file": "a.cpp", "command": "c++ -c a.cpp"}])");
  EXPECT_NE(E.find("\"directory\" is 'out', a relative path"),
            std::string::npos);
  EXPECT_NE(E.find("write the absolute path"), std::string::npos);
}
