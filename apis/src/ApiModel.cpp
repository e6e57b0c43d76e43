//===- ApiModel.cpp - Loading and querying the framework API data ---------===//
#include "greenlint/apis/ApiModel.h"
#include "greenlint/apis/YamlDocument.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include <yaml-cpp/yaml.h>

// Defined by the file generated from rules/apis/*.yaml (ApiFiles.cpp).
// NOLINTNEXTLINE(misc-use-internal-linkage)
const std::vector<std::pair<const char *, const char *>> &greenlintApiFiles();

namespace greenlint {

namespace {
std::string where(llvm::StringRef File, const YAML::Node &N) {
  return "greenlint: " + File.str() + ":" + std::to_string(N.Mark().line + 1) +
         ":" + std::to_string(N.Mark().column + 1) + ": ";
}

/// Parses a unit_count: "<arg>", "<arg>.<field>", either with "/<divisor>".
std::optional<ApiEntry::UnitCount>
parseUnitCount(llvm::StringRef File, const YAML::Node &V, std::string &Error) {
  auto Bad = [&] {
    Error = where(File, V) +
            "unit_count is '<argument index>[.<field>][/<divisor>]', e.g. "
            "'1.n_tokens', '3' or '3/16'";
    return std::nullopt;
  };
  if (!V.IsScalar())
    return Bad();
  // Kept alive: the StringRefs below point into it.
  const std::string Spec = V.as<std::string>();
  auto [Counted, DivisorText] = llvm::StringRef(Spec).split('/');
  auto [Arg, Field] = Counted.split('.');
  ApiEntry::UnitCount C;
  if (Arg.getAsInteger(10, C.Arg) || C.Arg > 63 || Field.contains('.') ||
      (Counted.contains('.') && Field.empty()))
    return Bad();
  if (Spec.find('/') != std::string::npos &&
      (DivisorText.getAsInteger(10, C.Divisor) || C.Divisor == 0))
    return Bad();
  C.Field = Field.str();
  return C;
}

/// True if NS is a versioning namespace: its parent pulls it in with a
/// using-directive (OpenCV's cv::dnn::dnn4_v<date>), like an inline one.
bool isVersioningNamespace(const clang::NamespaceDecl *NS) {
  if (NS->isInline())
    return true;
  for (const clang::UsingDirectiveDecl *U : NS->getParent()->using_directives())
    if (U->getNominatedNamespace()->getCanonicalDecl() ==
        NS->getCanonicalDecl())
      return true;
  return false;
}

std::string qualifiedName(const clang::NamedDecl *D) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  D->printQualifiedName(OS);
  // Data files name the API as users spell it, without version namespaces.
  for (const clang::DeclContext *DC = D->getDeclContext(); DC;
       DC = DC->getParent())
    if (const auto *NS = llvm::dyn_cast<clang::NamespaceDecl>(DC))
      if (!NS->isAnonymousNamespace() && !NS->isInline() &&
          isVersioningNamespace(NS)) {
        std::string Part = "::" + NS->getName().str() + "::";
        size_t Pos = S.find(Part);
        if (Pos != std::string::npos)
          S.erase(Pos, Part.size() - 2);
      }
  return S;
}

llvm::StringRef unqualified(llvm::StringRef Name) {
  size_t Pos = Name.rfind("::");
  return Pos == llvm::StringRef::npos ? Name : Name.substr(Pos + 2);
}
} // namespace

const std::vector<llvm::StringRef> &coreRoles() {
  static const std::vector<llvm::StringRef> Roles = {
      roles::ModelLoad,    roles::InferenceCall,  roles::RuntimeInferenceCall,
      roles::TrainingStep, roles::GradGuard,      roles::GradDisable,
      roles::EvalMode,     roles::CheckpointSave, roles::DeviceTransfer,
      roles::CudaDevice,   roles::Timer,          roles::ParametersAccess,
      roles::TensorType,   roles::TokenBatchView, roles::SequenceAppend,
      roles::PureCall};
  return Roles;
}

namespace {
RoleListSource &ruleRolesSource() {
  static RoleListSource Source = nullptr;
  return Source;
}

/// Every role some rule or helper queries; a data file may use no other.
const llvm::StringSet<> &knownRoles() {
  static const llvm::StringSet<> Known = [] {
    llvm::StringSet<> S;
    for (llvm::StringRef R : coreRoles())
      S.insert(R);
    if (RoleListSource Source = ruleRolesSource())
      for (const char *R : Source())
        S.insert(R);
    return S;
  }();
  return Known;
}
} // namespace

void setRuleRolesSource(RoleListSource Source) { ruleRolesSource() = Source; }

const ApiModel &ApiModel::builtin() {
  static const ApiModel Model = [] {
    ApiModel M;
    for (const auto &[Name, Text] : greenlintApiFiles()) {
      std::string Error;
      if (!M.addYaml(Text, std::string("rules/apis/") + Name, Error))
        M.BuiltinError += Error + "\n";
    }
    return M;
  }();
  return Model;
}

bool ApiModel::addFile(llvm::StringRef Path, std::string &Error) {
  std::string Why;
  if (!isReadableRegularFile(Path, Why)) {
    Error = "greenlint: " + Path.str() + ": cannot read API file: " + Why +
            "; check api_files in the config";
    return false;
  }
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer) {
    Error = "greenlint: " + Path.str() +
            ": cannot read API file: " + Buffer.getError().message() +
            "; check api_files in .greenlint.yaml";
    return false;
  }
  return addYaml((*Buffer)->getBuffer(), Path, Error);
}

bool ApiModel::addYaml(llvm::StringRef Text, llvm::StringRef File,
                       std::string &Error) {
  YAML::Node Root;
  YamlProblem Problem;
  if (!loadYamlDocument(Text, File, Root, Problem)) {
    Error = "greenlint: " + File.str() + ":" + std::to_string(Problem.Line) +
            ":" + std::to_string(Problem.Column) + ": " + Problem.Message;
    return false;
  }
  if (!Root.IsMap() || !Root["framework"] || !Root["apis"] ||
      !Root["apis"].IsSequence()) {
    Error = where(File, Root) +
            "an API file needs 'framework:' and an 'apis:' list";
    return false;
  }
  // as<std::string>() throws on a map or list: check before converting.
  if (!Root["framework"].IsScalar()) {
    Error = where(File, Root["framework"]) +
            "'framework:' must be a name such as libtorch";
    return false;
  }
  std::string Framework = Root["framework"].as<std::string>();
  std::vector<ApiEntry> Added;
  for (const YAML::Node &Item : Root["apis"]) {
    if (!Item.IsMap()) {
      Error = where(File, Item) + "each API entry must be a mapping";
      return false;
    }
    ApiEntry E;
    E.Framework = Framework;
    E.File = File.str();
    E.Line = Item.Mark().line + 1;
    bool HasRole = false, HasTarget = false;
    for (const auto &KV : Item) {
      if (!KV.first.IsScalar()) {
        Error = where(File, KV.first) +
                "an entry's keys are names such as role or function";
        return false;
      }
      std::string Key = KV.first.as<std::string>();
      const YAML::Node &V = KV.second;
      try {
        if (Key == "role") {
          E.Role = V.as<std::string>();
          if (!knownRoles().contains(E.Role)) {
            std::vector<llvm::StringRef> Sorted;
            for (const auto &K : knownRoles())
              Sorted.push_back(K.getKey());
            llvm::sort(Sorted);
            Error = where(File, V) + "unknown role '" + E.Role +
                    "'; known roles are " + llvm::join(Sorted, ", ");
            return false;
          }
          HasRole = true;
        } else if (Key == "function" || Key == "method" || Key == "type" ||
                   Key == "value") {
          if (HasTarget) {
            Error = where(File, KV.first) +
                    "an entry names one function, method, type or value";
            return false;
          }
          E.Kind = Key == "function" ? ApiEntry::Function
                   : Key == "method" ? ApiEntry::Method
                   : Key == "type"   ? ApiEntry::Type
                                     : ApiEntry::Value;
          E.Name = llvm::StringRef(V.as<std::string>()).ltrim(':').str();
          HasTarget = true;
        } else if (Key == "class") {
          E.Class = llvm::StringRef(V.as<std::string>()).ltrim(':').str();
        } else if (Key == "derived") {
          E.Derived = V.as<bool>();
        } else if (Key == "source_args") {
          E.SourceArgs = V.as<std::vector<unsigned>>();
        } else if (Key == "unit") {
          E.Unit = V.as<std::string>();
        } else if (Key == "unit_count") {
          E.UnitCountSpec = parseUnitCount(File, V, Error);
          if (!E.UnitCountSpec)
            return false;
        } else if (Key == "also_count") {
          if (!V.IsMap() || !V["unit"] || !V["unit"].IsScalar() ||
              V.size() != (V["unit_count"] ? 2U : 1U)) {
            Error = where(File, V) +
                    "also_count is {unit: NAME[, unit_count: SPEC]}, e.g. "
                    "{unit: row, unit_count: \"3\"}";
            return false;
          }
          E.AlsoUnit = V["unit"].as<std::string>();
          if (E.AlsoUnit.empty()) {
            Error = where(File, V["unit"]) +
                    "also_count's unit is empty; name what the call counts, "
                    "e.g. row";
            return false;
          }
          if (V["unit_count"]) {
            E.AlsoUnitCountSpec = parseUnitCount(File, V["unit_count"], Error);
            if (!E.AlsoUnitCountSpec)
              return false;
          }
        } else if (Key == "active_arg") {
          E.ActiveArg = V.as<bool>();
        } else if (Key == "samples") {
          E.Samples = V.as<uint64_t>();
        } else if (Key == "label") {
          E.Label = V.as<std::string>();
        } else if (Key == "source") {
          E.Source = V.as<std::string>();
        } else if (Key == "year") {
          E.Year = V.as<int>();
        } else if (Key == "note") {
          // Free text for maintainers: why the entry is here.
        } else {
          Error = where(File, KV.first) + "unknown key '" + Key +
                  "'; known keys are role, function, method, type, value, "
                  "class, derived, source_args, active_arg, unit, unit_count, "
                  "also_count, samples, label, source, year, note";
          return false;
        }
      } catch (const YAML::Exception &Ex) {
        Error = where(File, V) + "bad value for '" + Key + "': " + Ex.msg;
        return false;
      }
    }
    if (!HasRole || !HasTarget) {
      Error = where(File, Item) +
              "an entry needs 'role:' and one of function, method, type or "
              "value";
      return false;
    }
    if ((E.UnitCountSpec || !E.AlsoUnit.empty()) && E.Unit.empty()) {
      Error = where(File, Item) +
              "unit_count and also_count need 'unit:' (what one call counts)";
      return false;
    }
    if (E.Samples && (E.Label.empty() || E.Source.empty() || E.Year == 0)) {
      Error = where(File, Item) +
              "a 'samples:' count needs 'label:' (what it counts), 'source:' "
              "and 'year:' (where the number comes from)";
      return false;
    }
    if (E.Kind == ApiEntry::Method && E.Class.empty()) {
      Error = where(File, Item) + "a method entry needs 'class:'";
      return false;
    }
    Added.push_back(std::move(E));
  }
  for (ApiEntry &E : Added) {
    ByRoleAndName[E.Role][unqualified(E.Name)].push_back(Entries.size());
    Entries.push_back(std::move(E));
  }
  return true;
}

bool ApiModel::classMatches(const clang::CXXRecordDecl *RD,
                            const ApiEntry &E) const {
  if (!RD)
    return false;
  if (qualifiedName(RD) == E.Class)
    return true;
  if (!E.Derived || !RD->hasDefinition())
    return false;
  for (const clang::CXXBaseSpecifier &Base : RD->getDefinition()->bases())
    if (classMatches(Base.getType()->getAsCXXRecordDecl(), E))
      return true;
  return false;
}

const ApiEntry *ApiModel::lookup(llvm::StringRef Role,
                                 llvm::StringRef Unqualified,
                                 ApiEntry::KindType Kind,
                                 const clang::NamedDecl *D) const {
  auto R = ByRoleAndName.find(Role);
  if (R == ByRoleAndName.end())
    return nullptr;
  auto It = R->second.find(Unqualified);
  if (It == R->second.end())
    return nullptr;
  for (size_t I : It->second) {
    const ApiEntry &E = Entries[I];
    if (Kind == ApiEntry::Method && E.Kind == ApiEntry::Method) {
      if (classMatches(llvm::cast<clang::CXXMethodDecl>(D)->getParent(), E))
        return &E;
    } else if (E.Kind == Kind ||
               (Kind == ApiEntry::Method && E.Kind == ApiEntry::Function)) {
      // A static member function may be listed as a qualified function.
      if (qualifiedName(D) == E.Name)
        return &E;
    }
  }
  return nullptr;
}

const ApiEntry *ApiModel::matchFunction(const clang::FunctionDecl *FD,
                                        llvm::StringRef Role) const {
  if (!FD)
    return nullptr;
  std::string Name = FD->getNameAsString();
  if (llvm::isa<clang::CXXMethodDecl>(FD)) {
    if (const ApiEntry *E = lookup(Role, Name, ApiEntry::Method, FD))
      return E;
  }
  return lookup(Role, Name, ApiEntry::Function, FD);
}

const ApiEntry *ApiModel::matchType(clang::QualType T,
                                    llvm::StringRef Role) const {
  if (T.isNull())
    return nullptr;
  const clang::CXXRecordDecl *RD =
      T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return nullptr;
  return lookup(Role, RD->getName(), ApiEntry::Type, RD);
}

const ApiEntry *ApiModel::matchValue(const clang::ValueDecl *D,
                                     llvm::StringRef Role) const {
  if (!D || !D->getIdentifier())
    return nullptr;
  return lookup(Role, D->getName(), ApiEntry::Value, D);
}

const ApiEntry *ApiModel::matchCall(const clang::Expr *E,
                                    llvm::StringRef Role) const {
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(E))
    return matchFunction(Call->getDirectCallee(), Role);
  if (const auto *Construct = llvm::dyn_cast<clang::CXXConstructExpr>(E))
    return matchType(Construct->getType(), Role);
  return nullptr;
}

std::vector<const clang::Expr *> findApiCalls(const clang::Stmt &Scope,
                                              llvm::StringRef Role,
                                              const ApiModel &Api,
                                              clang::ASTContext &Ctx) {
  using namespace clang::ast_matchers;
  std::vector<const clang::Expr *> Calls;
  for (const auto &M :
       match(findAll(expr(anyOf(callExpr(isApiCall(&Api, Role)),
                                cxxConstructExpr(isApiCall(&Api, Role))))
                         .bind("x")),
             Scope, Ctx))
    Calls.push_back(M.getNodeAs<clang::Expr>("x"));
  return Calls;
}

} // namespace greenlint
