//===- SuppressionTest.cpp - NOLINT parsing -------------------------------===//
#include "Suppression.h"
#include "gtest/gtest.h"

using namespace greenlint;

namespace {

TEST(Suppression, SameLineWithAndWithoutList) {
  FileSuppressions S = FileSuppressions::parse(
      "a(); // NOLINT\n"
      "b(); // NOLINT(greenlint-infer-*)\n"
      "c(); // NOLINT(greenlint-infer-load-in-loop): reload is measured\n"
      "d(); // NOLINT(bugprone-*, -greenlint-*)\n");
  EXPECT_TRUE(S.suppresses(1, "retrain-zero-grad-false"));
  EXPECT_TRUE(S.suppresses(2, "infer-load-in-loop"));
  EXPECT_FALSE(S.suppresses(2, "retrain-zero-grad-false"));
  EXPECT_TRUE(S.suppresses(3, "infer-load-in-loop"));
  EXPECT_FALSE(S.suppresses(3, "infer-no-grad-guard"));
  // Negative globs are ignored and other tools' ids do not apply.
  EXPECT_FALSE(S.suppresses(4, "infer-load-in-loop"));
  EXPECT_TRUE(S.problems().empty());
}

TEST(Suppression, EmptyListSuppressesNothing) {
  // clang-tidy: NOLINT() names no check, so it silences none.
  FileSuppressions S = FileSuppressions::parse("a(); // NOLINT()\n"
                                               "// NOLINTNEXTLINE( )\n"
                                               "b();\n"
                                               "// NOLINTBEGIN()\n"
                                               "c();\n"
                                               "// NOLINTEND()\n");
  for (unsigned Line = 1; Line <= 6; ++Line)
    EXPECT_FALSE(S.suppresses(Line, "infer-load-in-loop")) << Line;
  EXPECT_TRUE(S.problems().empty());
}

TEST(Suppression, UnclosedListIsAProblem) {
  FileSuppressions S =
      FileSuppressions::parse("x();\n"
                              "a(); // NOLINT(greenlint-infer-load-in-loop\n");
  EXPECT_FALSE(S.suppresses(2, "infer-load-in-loop"));
  ASSERT_EQ(S.problems().size(), 1u);
  EXPECT_EQ(S.problems()[0].Line, 2u);
  EXPECT_EQ(S.problems()[0].Column, 9u);
  EXPECT_NE(S.problems()[0].Message.find("no closing ')'"), std::string::npos);
}

TEST(Suppression, NextLineCoversOnlyTheNextLine) {
  FileSuppressions S =
      FileSuppressions::parse("// NOLINTNEXTLINE(greenlint-*)\nx();\ny();\n");
  EXPECT_FALSE(S.suppresses(1, "infer-load-in-loop"));
  EXPECT_TRUE(S.suppresses(2, "infer-load-in-loop"));
  EXPECT_FALSE(S.suppresses(3, "infer-load-in-loop"));
}

TEST(Suppression, BeginEndRangesNestAndMatchByList) {
  FileSuppressions S =
      FileSuppressions::parse("// NOLINTBEGIN(greenlint-infer-*)\n"   // 1
                              "a();\n"                                // 2
                              "// NOLINTBEGIN(greenlint-retrain-*)\n" // 3
                              "b();\n"                                // 4
                              "// NOLINTEND(greenlint-infer-*)\n"     // 5
                              "c();\n"                                // 6
                              "// NOLINTEND(greenlint-retrain-*)\n"   // 7
                              "d();\n");                              // 8
  EXPECT_TRUE(S.suppresses(2, "infer-load-in-loop"));
  EXPECT_FALSE(S.suppresses(2, "retrain-zero-grad-false"));
  EXPECT_TRUE(S.suppresses(4, "retrain-zero-grad-false"));
  EXPECT_TRUE(S.suppresses(4, "infer-load-in-loop"));
  EXPECT_FALSE(S.suppresses(6, "infer-load-in-loop"));
  EXPECT_TRUE(S.suppresses(6, "retrain-zero-grad-false"));
  EXPECT_FALSE(S.suppresses(8, "retrain-zero-grad-false"));
  EXPECT_TRUE(S.problems().empty());
}

TEST(Suppression, UnmatchedBeginAndEndAreProblems) {
  FileSuppressions S =
      FileSuppressions::parse("// NOLINTEND(greenlint-infer-*)\n"
                              "x();\n"
                              "  /* NOLINTBEGIN */\n"
                              "y();\n");
  ASSERT_EQ(S.problems().size(), 2u);
  EXPECT_EQ(S.problems()[0].Line, 1u);
  EXPECT_EQ(S.problems()[0].Column, 4u);
  EXPECT_NE(S.problems()[0].Message.find("no matching"), std::string::npos);
  EXPECT_EQ(S.problems()[1].Line, 3u);
  EXPECT_EQ(S.problems()[1].Column, 6u);
  // An unmatched BEGIN suppresses nothing.
  EXPECT_FALSE(S.suppresses(4, "infer-load-in-loop"));
}

TEST(Suppression, OtherToolsRangesAreNotPoliced) {
  FileSuppressions S =
      FileSuppressions::parse("// NOLINTBEGIN(clang-analyzer-*)\nx();\n");
  EXPECT_TRUE(S.problems().empty());
  EXPECT_FALSE(S.suppresses(2, "infer-load-in-loop"));
}

TEST(Suppression, OnlyCommentsAndWholeWordsCount) {
  FileSuppressions S =
      FileSuppressions::parse("const char *T = \"NOLINT\"; x();\n"
                              "y(); // NOLINTED by hand\n"
                              "z(); // NOLINT(greenlint-infer-load-in-loop\n");
  EXPECT_FALSE(S.suppresses(1, "infer-load-in-loop"));
  EXPECT_FALSE(S.suppresses(2, "infer-load-in-loop"));
  // An unclosed list is not a directive.
  EXPECT_FALSE(S.suppresses(3, "infer-load-in-loop"));
}

} // namespace
