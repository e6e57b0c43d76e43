//===- OutputEscapingTest.cpp - Escaping of names per output format -------===//
#include "OutputEscaping.h"

#include <gtest/gtest.h>

using namespace greenlint;

TEST(OutputEscaping, DecodesWellFormedUtf8Only) {
  uint32_t C = 0;
  EXPECT_EQ(decodeUtf8("a", 0, C), 1u);
  EXPECT_EQ(C, 'a');
  EXPECT_EQ(decodeUtf8("\xc3\xa9", 0, C), 2u); // e acute
  EXPECT_EQ(C, 0xE9u);
  EXPECT_EQ(decodeUtf8("\xe2\x82\xac", 0, C), 3u); // euro sign
  EXPECT_EQ(C, 0x20ACu);
  EXPECT_EQ(decodeUtf8("\xf0\x9f\x98\x80", 0, C), 4u);
  EXPECT_EQ(C, 0x1F600u);
  EXPECT_EQ(decodeUtf8("\xff", 0, C), 0u);
  EXPECT_EQ(decodeUtf8("\xc0\xaf", 0, C), 0u);         // overlong '/'
  EXPECT_EQ(decodeUtf8("\xed\xa0\x80", 0, C), 0u);     // a surrogate
  EXPECT_EQ(decodeUtf8("\xf4\x90\x80\x80", 0, C), 0u); // above U+10FFFF
  EXPECT_EQ(decodeUtf8("\xe2\x82", 0, C), 0u);         // cut short
}

TEST(OutputEscaping, CountsCodePoints) {
  EXPECT_EQ(codePointCount("abc"), 3u);
  EXPECT_EQ(codePointCount("\xc3\xa9t\xc3\xa9"), 3u);
  EXPECT_EQ(codePointCount("a\xff"), 2u);
}

TEST(OutputEscaping, ValidUtf8EscapesInvalidBytesAndKeepsTheRest) {
  EXPECT_EQ(validUtf8("r\xc3\xa9gion"), "r\xc3\xa9gion");
  EXPECT_EQ(validUtf8("a\xff"
                      "b\xc3"),
            "a\\xFFb\\xC3");
  EXPECT_EQ(validUtf8("tab\there"), "tab\there");
}

TEST(OutputEscaping, TerminalTextShowsControlsAndInvalidBytes) {
  EXPECT_EQ(terminalText("\x1b[2J\x1b]0;owned\x07"),
            "\\x1B[2J\\x1B]0;owned\\x07");
  EXPECT_EQ(terminalText("a\nb\rc\td"), "a\\nb\\rc\\td");
  EXPECT_EQ(terminalText("\x7f"), "\\x7F");
  EXPECT_EQ(terminalText("\xc2\x9b"
                         "31m"),
            "\\u{009B}31m");                                // C1 CSI
  EXPECT_EQ(terminalText("x\xe2\x80\xaey"), "x\\u{202E}y"); // RLO
  EXPECT_EQ(terminalText("caf\xc3\xa9 \xff"), "caf\xc3\xa9 \\xFF");
  EXPECT_EQ(terminalText("infer:Server::handle"), "infer:Server::handle");
}

TEST(OutputEscaping, MarkdownTextShowsMarkupLiterally) {
  EXPECT_EQ(markdownText("a|b"), "a\\|b");
  EXPECT_EQ(markdownText("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>");
  EXPECT_EQ(markdownText("`x` *y* _z_ [l](u) ~s~ &amp;"),
            "\\`x\\` \\*y\\* \\_z\\_ \\[l\\](u) \\~s\\~ \\&amp;");
  EXPECT_EQ(markdownText("line\n| x | y |"), "line\\\\n\\| x \\| y \\|");
  EXPECT_EQ(markdownText("# title"), "\\# title");
  EXPECT_EQ(markdownText("- item"), "\\- item");
  EXPECT_EQ(markdownText("12. item"), "12\\. item");
  EXPECT_EQ(markdownText("a-b 1.5"), "a-b 1.5");
}

TEST(OutputEscaping, MarkdownCodeFencesBackticksAndPipes) {
  EXPECT_EQ(markdownCode("infer:Server::handle", true),
            "`infer:Server::handle`");
  EXPECT_EQ(markdownCode("a`b", false), "``a`b``");
  EXPECT_EQ(markdownCode("``x", false), "``` ``x ```");
  EXPECT_EQ(markdownCode("a|b", true), "`a\\|b`");
  EXPECT_EQ(markdownCode("a|b", false), "`a|b`");
  EXPECT_EQ(markdownCode("a\nb", true), "`a\\nb`");
  EXPECT_EQ(markdownCode("<script>", true), "`<script>`");
}

TEST(OutputEscaping, YamlQuotedIsOneValidScalar) {
  EXPECT_EQ(yamlQuoted("plain"), "\"plain\"");
  EXPECT_EQ(yamlQuoted("say \"hi\" \\ now"), "\"say \\\"hi\\\" \\\\ now\"");
  EXPECT_EQ(yamlQuoted("a\nb\tc\x1b"), "\"a\\nb\\tc\\x1B\"");
  EXPECT_EQ(yamlQuoted("\x7f\xc2\x85"), "\"\\x7F\\x85\"");
  EXPECT_EQ(yamlQuoted("\xef\xbb\xbf"), "\"\\uFEFF\"");
  // Invalid UTF-8 is shown, not dropped: the text \xff, its backslash escaped.
  EXPECT_EQ(yamlQuoted("a\xff"), "\"a\\\\xFF\"");
  EXPECT_EQ(yamlQuoted("caf\xc3\xa9"), "\"caf\xc3\xa9\"");
}

TEST(OutputEscaping, LongYamlKeysAreExplicit) {
  EXPECT_EQ(yamlMappingKey("short", 4), "\"short\":");
  std::string Long(1100, 'n');
  EXPECT_EQ(yamlMappingKey(Long, 4), "? \"" + Long + "\"\n    :");
}

TEST(OutputEscaping, JsonDumpNeverThrowsAndKeepsEveryName) {
  nlohmann::json J = {
      {"name", "a\xff"}, {"list", {"ok", "\xc3"}}, {"k\xfe", 1}, {"n", 2.5}};
  std::string Out;
  ASSERT_NO_THROW(Out = dumpJson(J, -1));
  EXPECT_EQ(Out, "{\"k\\\\xFE\":1,\"list\":[\"ok\",\"\\\\xC3\"],\"n\":2.5,"
                 "\"name\":\"a\\\\xFF\"}");
  // The plain dump of the same document throws: what dumpJson guards.
  EXPECT_THROW(J.dump(), nlohmann::json::type_error);
}
