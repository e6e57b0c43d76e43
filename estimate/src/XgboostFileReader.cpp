//===- XgboostFileReader.cpp - XGBoost JSON and UBJSON models -------------===//
//
// XGBoost saves a booster as JSON (.json) or as the same document in
// Universal Binary JSON (.ubj, XGBoost's default since 2.0): the trees are
// parallel arrays (left_children, right_children, ...) indexed by node id.
// The trees are walked from their roots, so the node and depth counts are
// those of the tree a prediction walks, whatever the file claims.
//
//===----------------------------------------------------------------------===//
#include "greenlint/estimate/ModelFile.h"
#include "llvm/Support/Path.h"
#include <nlohmann/json.hpp>

namespace greenlint {
namespace estimate {

namespace {

using nlohmann::json;

/// Deeper documents than any XGBoost writes (about 8 levels) are refused
/// before the binary reader, which recurses per level, runs off the stack.
constexpr int MaxDepth = 64;

/// nlohmann's DOM builder with a nesting limit. The method names are
/// nlohmann's SAX interface.
// NOLINTBEGIN(readability-identifier-naming)
class DepthLimitedSax {
public:
  explicit DepthLimitedSax(json &Root)
      : Dom(Root, /*allow_exceptions=*/false) {}
  bool null() { return Dom.null(); }
  bool boolean(bool V) { return Dom.boolean(V); }
  bool number_integer(json::number_integer_t V) {
    return Dom.number_integer(V);
  }
  bool number_unsigned(json::number_unsigned_t V) {
    return Dom.number_unsigned(V);
  }
  bool number_float(json::number_float_t V, const std::string &S) {
    return Dom.number_float(V, S);
  }
  bool string(std::string &V) { return Dom.string(V); }
  bool binary(json::binary_t &V) { return Dom.binary(V); }
  bool start_object(std::size_t N) {
    return ++Depth <= MaxDepth && Dom.start_object(N);
  }
  bool key(std::string &K) { return Dom.key(K); }
  bool end_object() {
    --Depth;
    return Dom.end_object();
  }
  bool start_array(std::size_t N) {
    return ++Depth <= MaxDepth && Dom.start_array(N);
  }
  bool end_array() {
    --Depth;
    return Dom.end_array();
  }
  bool parse_error(std::size_t Position, const std::string &Token,
                   const nlohmann::detail::exception &E) {
    ErrorAt = Position;
    Message = E.what();
    (void)Token;
    return false;
  }
  bool tooDeep() const { return Depth > MaxDepth; }

  std::size_t ErrorAt = 0;
  std::string Message;

private:
  nlohmann::detail::json_sax_dom_parser<json> Dom;
  int Depth = 0;
};
// NOLINTEND(readability-identifier-naming)

/// XGBoost writes most counts as strings ("num_trees": "10").
std::optional<int64_t> countOf(const json &Obj, const char *Key) {
  if (!Obj.is_object())
    return std::nullopt;
  auto It = Obj.find(Key);
  if (It == Obj.end())
    return std::nullopt;
  if (It->is_number_integer())
    return It->get<int64_t>();
  if (It->is_string()) {
    const std::string &S = It->get_ref<const std::string &>();
    char *End = nullptr;
    long long V = std::strtoll(S.c_str(), &End, 10);
    if (End && *End == '\0' && !S.empty())
      return V;
  }
  return std::nullopt;
}

const json *member(const json &Obj, const char *Key) {
  if (!Obj.is_object())
    return nullptr;
  auto It = Obj.find(Key);
  return It == Obj.end() ? nullptr : &*It;
}

struct TreeShape {
  int64_t Nodes = 0, Leaves = 0, Depth = 0;
};

/// Walks one tree from node 0; fails on an index out of range or a node
/// reached twice (a cycle would never end a prediction).
bool walkTree(const json &Tree, size_t Index, TreeShape &Shape,
              std::string &Why) {
  const char *Where = "";
  auto Fail = [&](const std::string &What) {
    Why = "tree " + std::to_string(Index) + Where + ": " + What;
    return false;
  };
  if (!Tree.is_object())
    return Fail("is not an object");
  auto L = Tree.find("left_children"), R = Tree.find("right_children");
  if (L == Tree.end() || R == Tree.end() || !L->is_array() || !R->is_array())
    return Fail("has no left_children and right_children arrays");
  if (L->size() != R->size() || L->empty())
    return Fail("left_children and right_children differ in length or are "
                "empty");
  size_t N = L->size();
  std::vector<uint8_t> Seen(N, 0);
  std::vector<std::pair<size_t, int64_t>> Stack = {{0, 0}};
  while (!Stack.empty()) {
    auto [Node, Depth] = Stack.back();
    Stack.pop_back();
    if (Seen[Node])
      return Fail("node " + std::to_string(Node) + " is reached twice");
    Seen[Node] = 1;
    ++Shape.Nodes;
    Shape.Depth = std::max(Shape.Depth, Depth);
    const json &Left = (*L)[Node], &Right = (*R)[Node];
    if (!Left.is_number_integer() || !Right.is_number_integer())
      return Fail("node " + std::to_string(Node) +
                  "'s children are not whole numbers");
    int64_t A = Left.get<int64_t>(), B = Right.get<int64_t>();
    if (A == -1 && B == -1) {
      ++Shape.Leaves;
      continue;
    }
    for (int64_t Child : {A, B})
      if (Child <= 0 || uint64_t(Child) >= N)
        return Fail("node " + std::to_string(Node) + " has child " +
                    std::to_string(Child) + ", outside the tree's " +
                    std::to_string(N) + " nodes");
    Stack.push_back({size_t(A), Depth + 1});
    Stack.push_back({size_t(B), Depth + 1});
  }
  return true;
}

} // namespace

bool readXgboostFile(llvm::StringRef Path, llvm::StringRef Bytes, bool Ubjson,
                     ModelEstimate &Out, std::string &Error) {
  const char *Format = Ubjson ? "UBJSON" : "JSON";
  json Doc;
  DepthLimitedSax Sax(Doc);
  bool Parsed = false;
  try {
    Parsed = json::sax_parse(Bytes.begin(), Bytes.end(), &Sax,
                             Ubjson ? json::input_format_t::ubjson
                                    : json::input_format_t::json,
                             /*strict=*/true);
  } catch (const std::exception &E) {
    Sax.Message = E.what();
  }
  if (!Parsed) {
    Error = "greenlint: " + Path.str() + ": byte " +
            std::to_string(Sax.ErrorAt) + ": " +
            (Sax.tooDeep()
                 ? "the document nests deeper than " +
                       std::to_string(MaxDepth) + " levels"
                 : "not valid " + std::string(Format) +
                       (Sax.Message.empty() ? "" : " (" + Sax.Message + ")")) +
            "; save the booster again with XGBoosterSaveModel";
    return false;
  }
  auto NotXgboost = [&](const std::string &What) {
    Error = "greenlint: " + Path.str() + ": " + What +
            "; this is not an XGBoost model saved with XGBoosterSaveModel "
            "(JSON or UBJSON)";
    return false;
  };
  const json *Learner =
      Doc.is_object() && Doc.contains("learner") ? &Doc["learner"] : nullptr;
  if (!Learner || !Learner->is_object())
    return NotXgboost("no /learner object");
  auto Booster = Learner->find("gradient_booster");
  if (Booster == Learner->end() || !Booster->is_object())
    return NotXgboost("no /learner/gradient_booster object");
  const json *NameJ = member(*Booster, "name");
  std::string BoosterName =
      NameJ && NameJ->is_string() ? NameJ->get<std::string>() : "";

  Out.Model = llvm::sys::path::filename(Path).str();
  Out.Framework = "xgboost";
  Out.File = Path.str();
  Out.Dtype = "float32";
  Out.Details["booster"] = BoosterName;
  const json Param = Learner->value("learner_model_param", json::object());
  if (auto F = countOf(Param, "num_feature"))
    Out.Details["num_feature"] = *F;
  if (auto C = countOf(Param, "num_class"))
    Out.Details["num_class"] = *C;
  if (auto Obj = Learner->find("objective");
      Obj != Learner->end() && Obj->is_object() && Obj->contains("name") &&
      (*Obj)["name"].is_string())
    Out.Details["objective"] = (*Obj)["name"];
  if (auto V = Doc.find("version"); V != Doc.end() && V->is_array())
    Out.Details["xgboost_version"] = *V;

  if (BoosterName == "gblinear") {
    const json *Linear = member(*Booster, "model");
    const json *W = Linear ? member(*Linear, "weights") : nullptr;
    if (!W || !W->is_array())
      return NotXgboost("a gblinear booster without /model/weights");
    // One weight per feature and output group, plus the biases.
    Out.Parameters = W->size();
    Out.WeightBytes = 4.0 * double(W->size());
    Out.Unknown.push_back("FLOPs: not modelled for linear boosters");
    return true;
  }
  const json *Model = nullptr;
  if (BoosterName == "gbtree")
    Model = member(*Booster, "model");
  else if (BoosterName == "dart") {
    // A dart booster wraps a gbtree one, with its dropout weights beside.
    if (const json *Inner = member(*Booster, "gbtree"))
      Model = member(*Inner, "model");
  }
  if (BoosterName != "gbtree" && BoosterName != "dart")
    return NotXgboost("booster '" + BoosterName +
                      "' is none of gbtree, dart and gblinear");
  const json *TreesPtr = Model ? member(*Model, "trees") : nullptr;
  if (!TreesPtr || !TreesPtr->is_array())
    return NotXgboost("the booster has no model/trees list");
  const json &Trees = *TreesPtr;
  int64_t Nodes = 0, Leaves = 0, Depth = 0, Comparisons = 0;
  for (size_t I = 0; I < Trees.size(); ++I) {
    TreeShape S;
    std::string Why;
    if (!walkTree(Trees[I], I, S, Why)) {
      Error = "greenlint: " + Path.str() + ": " + Why +
              "; the model is damaged: save the booster again";
      return false;
    }
    Nodes += S.Nodes;
    Leaves += S.Leaves;
    Depth = std::max(Depth, S.Depth);
    Comparisons += S.Depth;
  }
  int64_t TreeCount = int64_t(Trees.size());
  Out.Details["trees"] = TreeCount;
  Out.Details["nodes"] = Nodes;
  Out.Details["leaves"] = Leaves;
  Out.Details["max_depth"] = Depth;
  Out.Details["max_comparisons_per_sample"] = Comparisons;
  if (const json *P = member(*Model, "gbtree_model_param"))
    if (auto Parallel = countOf(*P, "num_parallel_tree"))
      Out.Details["num_parallel_tree"] = *Parallel;
  Out.Description = groupDigits(uint64_t(TreeCount)) + " trees, " +
                    groupDigits(uint64_t(Nodes)) + " nodes (" +
                    groupDigits(uint64_t(Leaves)) + " leaves), depth " +
                    std::to_string(Depth) + "; a prediction makes at most " +
                    groupDigits(uint64_t(Comparisons)) + " comparisons";
  return true;
}

} // namespace estimate
} // namespace greenlint
