//===- YamlDocument.cpp - one YAML document, strictly ---------------------===//
#include "greenlint/apis/YamlDocument.h"
#include "llvm/Support/FileSystem.h"
#include <map>
#include <sstream>
#include <vector>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

namespace greenlint {

namespace {

/// Watches the parser's events for repeated keys. Events, not the node
/// tree: an alias is one event here, while walking the tree would expand
/// it, and a file of nested aliases would take exponential time.
class KeyChecker : public YAML::EventHandler {
public:
  explicit KeyChecker(llvm::StringRef File) : File(File) {}

  bool Failed = false;
  YamlProblem Problem;
  unsigned Documents = 0;
  YAML::Mark SecondDocument;

  void OnDocumentStart(const YAML::Mark &Mark) override {
    if (++Documents == 2)
      SecondDocument = Mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &Mark, YAML::anchor_t) override {
    node(Mark, nullptr);
  }
  void OnAlias(const YAML::Mark &Mark, YAML::anchor_t) override {
    node(Mark, nullptr);
  }
  void OnScalar(const YAML::Mark &Mark, const std::string &, YAML::anchor_t,
                const std::string &Value) override {
    node(Mark, &Value);
  }
  void OnSequenceStart(const YAML::Mark &Mark, const std::string &,
                       YAML::anchor_t, YAML::EmitterStyle::value) override {
    node(Mark, nullptr);
    Open.push_back(Frame{false, true, {}});
  }
  void OnSequenceEnd() override { Open.pop_back(); }
  void OnMapStart(const YAML::Mark &Mark, const std::string &, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    node(Mark, nullptr);
    Open.push_back(Frame{true, true, {}});
  }
  void OnMapEnd() override { Open.pop_back(); }

private:
  struct Frame {
    bool IsMap;
    bool ExpectKey; // in a map: the next node is a key, not a value
    std::map<std::string, YAML::Mark> Keys;
  };

  // Every node starts here; in a mapping nodes alternate key, value.
  void node(const YAML::Mark &Mark, const std::string *Scalar) {
    if (Open.empty() || !Open.back().IsMap)
      return;
    Frame &F = Open.back();
    bool IsKey = F.ExpectKey;
    F.ExpectKey = !F.ExpectKey;
    if (!IsKey || !Scalar || Failed)
      return; // complex keys are compared by no one
    auto [It, New] = F.Keys.emplace(*Scalar, Mark);
    if (New)
      return;
    Failed = true;
    Problem.Line = Mark.line + 1;
    Problem.Column = Mark.column + 1;
    Problem.Message = "duplicate key '" + *Scalar + "', first at " +
                      File.str() + ":" + std::to_string(It->second.line + 1) +
                      ":" + std::to_string(It->second.column + 1) +
                      "; YAML keeps only one of them: merge them into one";
  }

  llvm::StringRef File;
  std::vector<Frame> Open;
};

void locate(YamlProblem &Problem, const YAML::Mark &Mark) {
  Problem.Line = Mark.line + 1;
  Problem.Column = Mark.column + 1;
}

} // namespace

bool loadYamlDocument(llvm::StringRef Text, llvm::StringRef File,
                      YAML::Node &Root, YamlProblem &Problem) {
  try {
    std::istringstream In(Text.str());
    YAML::Parser Parser(In);
    KeyChecker Checker(File);
    // Two documents are enough to know there is a second one.
    while (Checker.Documents < 2 && !Checker.Failed &&
           Parser.HandleNextDocument(Checker)) {
    }
    if (Checker.Failed) {
      Problem = Checker.Problem;
      return false;
    }
    if (Checker.Documents > 1) {
      locate(Problem, Checker.SecondDocument);
      Problem.Message = "a second YAML document; the file must hold one: "
                        "remove the '---' line and merge the two parts";
      return false;
    }
    Root = YAML::Load(Text.str());
    return true;
  } catch (const YAML::DeepRecursion &E) {
    locate(Problem, E.mark);
    Problem.Message = "nesting too deep (" + std::to_string(E.depth()) +
                      " levels; the limit is " + std::to_string(E.depth() - 1) +
                      "); flatten the lists and mappings here";
    return false;
  } catch (const YAML::Exception &E) {
    locate(Problem, E.mark);
    Problem.Message = E.msg + "; fix the YAML syntax";
    return false;
  }
}

bool isReadableRegularFile(llvm::StringRef Path, std::string &Why) {
  namespace fs = llvm::sys::fs;
  fs::file_status Status;
  // status() follows links and never opens: a FIFO is refused unread.
  if (std::error_code EC = fs::status(Path, Status)) {
    Why = EC.message();
    return false;
  }
  switch (Status.type()) {
  case fs::file_type::regular_file:
    return true;
  case fs::file_type::directory_file:
    Why = "it is a folder, not a file";
    return false;
  case fs::file_type::fifo_file:
    Why = "it is a FIFO (named pipe), which would block the compile until "
          "something writes to it; name a regular file";
    return false;
  case fs::file_type::block_file:
  case fs::file_type::character_file:
    Why = "it is a device, not a regular file";
    return false;
  case fs::file_type::socket_file:
    Why = "it is a socket, not a regular file";
    return false;
  default:
    Why = "it is not a regular file";
    return false;
  }
}

} // namespace greenlint
