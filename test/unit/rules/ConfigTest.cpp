//===- ConfigTest.cpp - .greenlint.yaml parsing ---------------------------===//
#include "Config.h"
#include "Registry.h"
#include "gtest/gtest.h"
#include <cstdio>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace greenlint;

namespace {

Config parseOk(llvm::StringRef Text) {
  Config C;
  ConfigError E;
  EXPECT_TRUE(parseConfig(Text, "cfg.yaml", C, E)) << E.format();
  return C;
}

ConfigError parseFails(llvm::StringRef Text) {
  Config C;
  ConfigError E;
  EXPECT_FALSE(parseConfig(Text, "cfg.yaml", C, E));
  return E;
}

const RuleInfo &rule(llvm::StringRef Id) {
  const RuleInfo *R = findRule(Id);
  EXPECT_NE(R, nullptr) << Id.str();
  return *R;
}

TEST(Glob, MatchesLikeClangTidy) {
  EXPECT_TRUE(globMatch("*", "infer-load-in-loop"));
  EXPECT_TRUE(globMatch("infer-*", "infer-load-in-loop"));
  EXPECT_TRUE(globMatch("*-loop", "infer-load-in-loop"));
  EXPECT_TRUE(globMatch("infer-*-in-*", "infer-load-in-loop"));
  EXPECT_FALSE(globMatch("retrain-*", "infer-load-in-loop"));
  EXPECT_FALSE(globMatch("infer-load", "infer-load-in-loop"));
  EXPECT_TRUE(globMatch("", ""));
}

TEST(Config, EmptyFileMeansDefaults) {
  Config C = parseOk("");
  EXPECT_TRUE(C.isEnabled(rule("infer-load-in-loop")));
  EXPECT_EQ(C.severityOf("infer-load-in-loop"), Severity::Warning);
}

TEST(Config, RuleGlobsApplyInOrderOnTopOfDefaults) {
  Config C = parseOk("rules: \"-infer-*,infer-load-in-loop\"");
  EXPECT_TRUE(C.isEnabled(rule("infer-load-in-loop")));
  EXPECT_FALSE(C.isEnabled(rule("infer-no-grad-guard")));
  EXPECT_TRUE(C.isEnabled(rule("retrain-zero-grad-false")));
  // A list works too, and the greenlint- prefix is accepted.
  Config L = parseOk("rules: [\"-*\", greenlint-retrain-zero-grad-false]");
  EXPECT_FALSE(L.isEnabled(rule("infer-load-in-loop")));
  EXPECT_TRUE(L.isEnabled(rule("retrain-zero-grad-false")));
}

TEST(Config, SeverityAndWarningsAsErrors) {
  Config C = parseOk("severity: {\"*\": remark, infer-*: warning}\n"
                     "warnings_as_errors: infer-load-*\n");
  EXPECT_EQ(C.severityOf("retrain-zero-grad-false"), Severity::Remark);
  EXPECT_EQ(C.severityOf("infer-no-grad-guard"), Severity::Warning);
  EXPECT_EQ(C.severityOf("infer-load-in-loop"), Severity::Error);
}

TEST(Config, OptionsAreValidatedAgainstTheRule) {
  Config C = parseOk(
      "options:\n  infer-load-in-loop:\n    RequestHandlerRegex: '^handle'\n");
  ASSERT_NE(C.optionValue("infer-load-in-loop", "RequestHandlerRegex"),
            nullptr);
  EXPECT_EQ(*C.optionValue("infer-load-in-loop", "RequestHandlerRegex"),
            "^handle");
  EXPECT_EQ(C.optionValue("infer-load-in-loop", "Other"), nullptr);

  ConfigError E = parseFails(
      "options:\n  infer-load-in-loop:\n    RequestHandlerRegex: '(['\n");
  EXPECT_EQ(E.Line, 3u);
  EXPECT_NE(E.Message.find("invalid regular expression"), std::string::npos);
}

TEST(Config, ErrorsNameFileLineAndColumn) {
  ConfigError E = parseFails("rules: '*'\nbudgets:\n  parameters: lots\n");
  EXPECT_EQ(E.format(), "greenlint: cfg.yaml:3:15: budget 'parameters' takes "
                        "a non-negative number");
  E = parseFails("rules: [infer-*\n");
  EXPECT_EQ(E.File, "cfg.yaml");
  EXPECT_GT(E.Line, 0u);
  EXPECT_NE(E.Message.find("fix the YAML syntax"), std::string::npos);
  E = parseFails("- a\n- b\n");
  EXPECT_NE(E.Message.find("top level must be a mapping"), std::string::npos);
}

TEST(Config, UnknownNamesAreErrorsThatListTheKnownOnes) {
  ConfigError E = parseFails("header_filtr: x\n");
  EXPECT_NE(E.Message.find("unknown key 'header_filtr'"), std::string::npos);
  EXPECT_NE(E.Message.find("header_filter"), std::string::npos);
  E = parseFails("severity: {infer-lod-in-loop: error}\n");
  EXPECT_NE(E.Message.find("matches no rule"), std::string::npos);
  EXPECT_NE(E.Message.find("infer-load-in-loop"), std::string::npos);
  E = parseFails("options: {retrain-zero-grad-false: {X: 1}}\n");
  EXPECT_NE(E.Message.find("it has no options"), std::string::npos);
  E = parseFails("warnings_as_errors: \"-infer-*\"\n");
  EXPECT_NE(E.Message.find("negative glob"), std::string::npos);
}

TEST(Config, BudgetsHeaderFilterProfileAndApiFiles) {
  Config C = parseOk("budgets: {parameters: 1e9, weight_bytes: 4000000000, "
                     "joules_per_call: 2.5}\nheader_filter: 'src/.*'\n"
                     "profile: amd-epyc-7b13\napi_files: [a.yaml, b.yaml]\n");
  EXPECT_DOUBLE_EQ(*C.Budget.Parameters, 1e9);
  EXPECT_DOUBLE_EQ(*C.Budget.WeightBytes, 4e9);
  EXPECT_DOUBLE_EQ(*C.Budget.JoulesPerCall, 2.5);
  EXPECT_EQ(C.HeaderFilter, "src/.*");
  EXPECT_EQ(C.Profile, "amd-epyc-7b13");
  EXPECT_EQ(C.ApiFiles.size(), 2u);
}

TEST(Config, DuplicateKeysAreErrorsWithBothPlaces) {
  // yaml-cpp keeps the last of two equal keys; the first would be ignored.
  ConfigError E = parseFails("rules: \"-*\"\nprofile: x\nrules: \"*\"\n");
  EXPECT_EQ(E.Line, 3u);
  EXPECT_EQ(E.Column, 1u);
  EXPECT_NE(E.Message.find("duplicate key 'rules', first at cfg.yaml:1:1"),
            std::string::npos)
      << E.Message;
  // In nested mappings too, flow style included.
  E = parseFails("severity: {infer-*: error, infer-*: remark}\n");
  EXPECT_EQ(E.Line, 1u);
  EXPECT_EQ(E.Column, 28u);
  EXPECT_NE(E.Message.find("first at cfg.yaml:1:12"), std::string::npos)
      << E.Message;
  // Equal values in different mappings are not duplicates.
  parseOk("options:\n  infer-load-in-loop:\n    RequestHandlerRegex: a\n"
          "severity:\n  infer-load-in-loop: error\n");
}

TEST(Config, SecondDocumentIsAnError) {
  ConfigError E = parseFails("rules: \"-*\"\n---\nrules: \"*\"\n");
  EXPECT_EQ(E.Line, 2u); // at the '---' that starts it
  EXPECT_NE(E.Message.find("a second YAML document"), std::string::npos)
      << E.Message;
  // A leading '---' starts the one document.
  parseOk("---\nrules: \"-*\"\n");
}

TEST(Config, DeepNestingSaysNesting) {
  std::string Deep =
      "rules: " + std::string(3000, '[') + std::string(3000, ']');
  ConfigError E = parseFails(Deep);
  EXPECT_EQ(E.Line, 1u);
  EXPECT_NE(E.Message.find("nesting too deep"), std::string::npos) << E.Message;
}

TEST(Config, AbsoluteApiFilesStayAbsolute) {
  Config C;
  ConfigError E;
  ASSERT_TRUE(parseConfig("api_files: [/opt/apis/mine.yaml, local.yaml]\n",
                          "/proj/sub/.greenlint.yaml", C, E))
      << E.format();
  std::vector<std::string> Paths = C.apiFilePaths();
  ASSERT_EQ(Paths.size(), 2u);
  EXPECT_EQ(Paths[0], "/opt/apis/mine.yaml");
  EXPECT_EQ(Paths[1], "/proj/sub/local.yaml");
}

TEST(Config, ProfileKeepsItsPlace) {
  Config C = parseOk("rules: \"*\"\nprofile:   no-such-part\n");
  EXPECT_EQ(C.Profile, "no-such-part");
  EXPECT_EQ(C.ProfileLine, 2u);
  EXPECT_EQ(C.ProfileColumn, 12u);
}

std::string scratchDir() {
  char Tmpl[] = "/tmp/greenlint-config-XXXXXX";
  const char *D = mkdtemp(Tmpl);
  return D ? D : "/tmp";
}

TEST(Config, NonRegularFilesAreRefusedWithoutReading) {
  std::string Dir = scratchDir();
  std::string Fifo = Dir + "/fifo.yaml";
  ASSERT_EQ(mkfifo(Fifo.c_str(), 0600), 0);
  Config C;
  ConfigError E;
  // Reading would block until a writer opens the FIFO: the test would hang.
  EXPECT_FALSE(loadConfigFile(Fifo, C, E));
  EXPECT_NE(E.Message.find("it is a FIFO"), std::string::npos) << E.Message;
  EXPECT_FALSE(loadConfigFile(Dir, C, E));
  EXPECT_NE(E.Message.find("it is a folder"), std::string::npos) << E.Message;
  EXPECT_FALSE(loadConfigFile("/dev/null", C, E));
  EXPECT_NE(E.Message.find("it is a device"), std::string::npos) << E.Message;
  std::remove(Fifo.c_str());
  rmdir(Dir.c_str());
}

TEST(Config, ReadErrorHintSaysHowTheFileWasFound) {
  Config C;
  ConfigError E;
  // Found by discovery: no config= was given, so the hint must not ask to
  // check it.
  EXPECT_FALSE(loadConfigFile("/nonexistent/.greenlint.yaml", C, E,
                              ConfigOrigin::Discovered));
  EXPECT_NE(E.Message.find("nearest .greenlint.yaml"), std::string::npos)
      << E.Message;
  EXPECT_EQ(E.Message.find("check the path given"), std::string::npos)
      << E.Message;
  EXPECT_FALSE(loadConfigFile("/nonexistent/c.yaml", C, E,
                              ConfigOrigin::PluginArgument));
  EXPECT_NE(E.Message.find("check the path given with "
                           "-fplugin-arg-greenlint-config="),
            std::string::npos)
      << E.Message;
}

} // namespace
