//===- ProjectTable.cpp ---------------------------------------------------===//
#include "ProjectTable.h"
#include "greenlint/apis/ApiModel.h"
#include "clang/AST/Decl.h"
#include <nlohmann/json.hpp>

namespace greenlint {

using Json = nlohmann::ordered_json;

bool ExportedEffect::operator==(const ExportedEffect &O) const {
  return Role == O.Role && Api == O.Api && File == O.File && Line == O.Line &&
         Column == O.Column && Via == O.Via && Params == O.Params &&
         FromObject == O.FromObject && OtherInputs == O.OtherInputs &&
         WritesLastingState == O.WritesLastingState;
}

std::string functionKey(const clang::FunctionDecl &FD) {
  return FD.getQualifiedNameAsString() + " " +
         FD.getType().getCanonicalType().getAsString();
}

std::string apiEntryId(const ApiEntry &Entry) {
  return Entry.Class.empty() ? Entry.Name : Entry.Class + "::" + Entry.Name;
}

llvm::ArrayRef<llvm::StringRef> exportedRoles() {
  static const llvm::StringRef Roles[] = {
      roles::ModelLoad, roles::DatasetLoad, roles::InferenceCall,
      roles::TrainingStep, roles::Timer, roles::TrainMode,
      // retrain-frozen-params-grad: a constructor in another unit that
      // freezes the module's parameters.
      roles::RequiresGradSet};
  return Roles;
}

namespace {

Json effectJson(const ExportedEffect &E) {
  Json J = {{"role", E.Role},
            {"api", E.Api},
            {"file", E.File},
            {"line", E.Line},
            {"column", E.Column},
            {"via", E.Via},
            {"params", E.Params},
            {"from_object", E.FromObject},
            {"other_inputs", E.OtherInputs},
            {"writes_lasting_state", E.WritesLastingState}};
  return J;
}

/// Reads fields of one object; the first mismatch sets Error with its path.
class FieldReader {
public:
  FieldReader(const Json &J, std::string Path, std::string &Error)
      : J(J), Path(std::move(Path)), Error(Error) {}

  bool text(const char *Key, std::string &Out) {
    const Json *V = field(Key);
    if (!V || !V->is_string())
      return fail(Key, "not a string");
    Out = V->get<std::string>();
    return true;
  }
  bool count(const char *Key, unsigned &Out) {
    const Json *V = field(Key);
    if (!V || !V->is_number_unsigned() || V->get<uint64_t>() > UINT32_MAX)
      return fail(Key, "not a count");
    Out = V->get<unsigned>();
    return true;
  }
  bool flag(const char *Key, bool &Out) {
    const Json *V = field(Key);
    if (!V || !V->is_boolean())
      return fail(Key, "not true or false");
    Out = V->get<bool>();
    return true;
  }
  bool texts(const char *Key, std::vector<std::string> &Out) {
    const Json *V = field(Key);
    if (!V || !V->is_array())
      return fail(Key, "not a list");
    for (const Json &S : *V) {
      if (!S.is_string())
        return fail(Key, "holds a value that is not a string");
      Out.push_back(S.get<std::string>());
    }
    return true;
  }
  bool counts(const char *Key, std::vector<unsigned> &Out) {
    const Json *V = field(Key);
    if (!V || !V->is_array())
      return fail(Key, "not a list");
    for (const Json &N : *V) {
      if (!N.is_number_unsigned() || N.get<uint64_t>() > UINT32_MAX)
        return fail(Key, "holds a value that is not a count");
      Out.push_back(N.get<unsigned>());
    }
    return true;
  }
  const Json *list(const char *Key) {
    const Json *V = field(Key);
    if (!V || !V->is_array()) {
      fail(Key, "not a list");
      return nullptr;
    }
    return V;
  }
  std::string at(const char *Key, size_t I) const {
    return Path + "/" + Key + "/" + std::to_string(I);
  }

private:
  const Json *field(const char *Key) const {
    if (!J.is_object())
      return nullptr;
    auto It = J.find(Key);
    return It == J.end() ? nullptr : &*It;
  }
  bool fail(const char *Key, const char *What) {
    if (Error.empty())
      Error = Path + "/" + Key + ": " +
              (field(Key) ? What : "missing (or not in an object)");
    return false;
  }

  const Json &J;
  std::string Path;
  std::string &Error;
};

bool readEffect(const Json &J, const std::string &Path, ExportedEffect &E,
                std::string &Error) {
  FieldReader R(J, Path, Error);
  return R.text("role", E.Role) && R.text("api", E.Api) &&
         R.text("file", E.File) && R.count("line", E.Line) &&
         R.count("column", E.Column) && R.texts("via", E.Via) &&
         R.counts("params", E.Params) && R.flag("from_object", E.FromObject) &&
         R.flag("other_inputs", E.OtherInputs) &&
         R.flag("writes_lasting_state", E.WritesLastingState);
}

bool readFunction(const Json &J, const std::string &Path, ExportedFunction &F,
                  std::string &Error) {
  FieldReader R(J, Path, Error);
  if (!R.text("key", F.Key) || !R.text("name", F.Name) ||
      !R.text("file", F.File) || !R.count("line", F.Line) ||
      !R.counts("only_run_params", F.OnlyRunParams))
    return false;
  const Json *Effects = R.list("effects");
  if (!Effects)
    return false;
  for (size_t I = 0; I < Effects->size(); ++I)
    if (!readEffect((*Effects)[I], R.at("effects", I), F.Effects.emplace_back(),
                    Error))
      return false;
  return true;
}

} // namespace

Json ProjectFacts::toJson() const {
  Json Functions = Json::array();
  for (const ExportedFunction &F : Defines) {
    Json Effects = Json::array();
    for (const ExportedEffect &E : F.Effects)
      Effects.push_back(effectJson(E));
    Functions.push_back({{"key", F.Key},
                         {"name", F.Name},
                         {"file", F.File},
                         {"line", F.Line},
                         {"only_run_params", F.OnlyRunParams},
                         {"effects", std::move(Effects)}});
  }
  return {{"defines", std::move(Functions)},
          {"wants", std::vector<std::string>(Wants.begin(), Wants.end())}};
}

std::optional<ProjectFacts> ProjectFacts::fromJson(const Json &J,
                                                   std::string &Error) {
  Error.clear();
  ProjectFacts Facts;
  FieldReader R(J, "", Error);
  const Json *Defines = R.list("defines");
  if (!Defines)
    return std::nullopt;
  for (size_t I = 0; I < Defines->size(); ++I)
    if (!readFunction((*Defines)[I], R.at("defines", I),
                      Facts.Defines.emplace_back(), Error))
      return std::nullopt;
  std::vector<std::string> Wants;
  if (!R.texts("wants", Wants))
    return std::nullopt;
  Facts.Wants.insert(Wants.begin(), Wants.end());
  return Facts;
}

void ProjectTable::add(const ProjectFacts &Unit) {
  for (const ExportedFunction &F : Unit.Defines) {
    if (Ambiguous.count(F.Key))
      continue;
    auto [It, New] = Functions.try_emplace(F.Key, F);
    // The same header-defined function seen by two units is one function.
    if (!New && (It->second.Effects != F.Effects ||
                 It->second.OnlyRunParams != F.OnlyRunParams)) {
      Functions.erase(It);
      Ambiguous.insert(F.Key);
    }
  }
}

const ExportedFunction *ProjectTable::find(llvm::StringRef Key) const {
  auto It = Functions.find(Key);
  return It == Functions.end() ? nullptr : &It->second;
}

size_t ProjectTable::helperCount() const {
  size_t N = 0;
  for (const auto &[Key, F] : Functions)
    N += !F.Effects.empty();
  return N;
}

llvm::StringRef ProjectTable::foundBy() const {
  switch (Source) {
  case ProjectSource::CheckProjectView:
    return "found by greenlint check's project view, in another unit";
  case ProjectSource::FactsFolder:
    // The plugin sees only the units built before this one: the note says
    // so, since a build in another order would not report it.
    return "found in the facts folder, in a unit compiled earlier";
  }
  return "found in another unit";
}

std::string ProjectTable::sliceFor(const ProjectFacts &Unit) const {
  ProjectFacts Slice;
  for (const std::string &Key : Unit.Wants)
    if (const ExportedFunction *F = find(Key); F && !F->Effects.empty())
      Slice.Defines.push_back(*F);
  return Slice.Defines.empty() ? std::string() : Slice.toJson().dump();
}

} // namespace greenlint
