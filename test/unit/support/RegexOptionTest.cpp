//===- RegexOptionTest.cpp - Regex options compiled once ------------------===//
#include "support/RegexOption.h"
#include "gtest/gtest.h"

using namespace greenlint;

namespace {

TEST(RegexOption, EmptyPatternIsOffAndMatchesNothing) {
  RegexOption Off("");
  EXPECT_TRUE(Off.empty());
  EXPECT_EQ(Off.regex(), nullptr);
  EXPECT_FALSE(Off.match(""));
  EXPECT_FALSE(Off.match("main"));
}

TEST(RegexOption, MatchesLikeTheCompiledPattern) {
  RegexOption Entry("^main$");
  EXPECT_FALSE(Entry.empty());
  ASSERT_NE(Entry.regex(), nullptr);
  EXPECT_TRUE(Entry.match("main"));
  EXPECT_FALSE(Entry.match("domain"));
  EXPECT_FALSE(Entry.match("Main"));
  EXPECT_EQ(Entry.pattern(), "^main$");
}

TEST(RegexOption, FlagsAndGroupsReachTheMatch) {
  RegexOption Load("load_(model|weights)", llvm::Regex::IgnoreCase);
  llvm::SmallVector<llvm::StringRef, 2> Groups;
  EXPECT_TRUE(Load.match("Load_Weights", &Groups));
  ASSERT_EQ(Groups.size(), 2u);
  EXPECT_EQ(Groups[1], "Weights");
  EXPECT_TRUE(Load.regex()->match("LOAD_MODEL"));
}

TEST(RegexOption, InvalidPatternMatchesNothing) {
  // Config rejects such a pattern before a rule sees it; should one slip
  // through, the rule stays quiet rather than matching everything.
  RegexOption Bad("(unclosed");
  EXPECT_FALSE(Bad.empty());
  EXPECT_FALSE(Bad.match("(unclosed"));
  EXPECT_FALSE(Bad.match(""));
}

} // namespace
