//===- ApiModel.cpp - Loading and querying the framework API data ---------===//
#include "ApiModel.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/Support/MemoryBuffer.h"
#include <yaml-cpp/yaml.h>

// Defined by the file generated from rules/apis/*.yaml.
const std::vector<std::pair<const char *, const char *>> &greenlintApiFiles();

namespace greenlint {

namespace {
const char *const RoleNames[] = {
    "model-load", "inference-call", "training-step",   "grad-guard",
    "grad-disable", "eval-mode",    "zero-grad",       "checkpoint-save"};
static_assert(sizeof(RoleNames) / sizeof(RoleNames[0]) ==
                  unsigned(ApiRole::NumRoles),
              "every role needs a name");

std::string where(llvm::StringRef File, const YAML::Node &N) {
  return "greenlint: " + File.str() + ":" + std::to_string(N.Mark().line + 1) +
         ":" + std::to_string(N.Mark().column + 1) + ": ";
}

std::string qualifiedName(const clang::NamedDecl *D) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  D->printQualifiedName(OS);
  return S;
}

llvm::StringRef unqualified(llvm::StringRef Name) {
  size_t Pos = Name.rfind("::");
  return Pos == llvm::StringRef::npos ? Name : Name.substr(Pos + 2);
}
} // namespace

llvm::StringRef roleName(ApiRole Role) { return RoleNames[unsigned(Role)]; }

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
  try {
    Root = YAML::Load(Text.str());
  } catch (const YAML::Exception &E) {
    Error = "greenlint: " + File.str() + ":" + std::to_string(E.mark.line + 1) +
            ":" + std::to_string(E.mark.column + 1) + ": " + E.msg +
            "; fix the YAML syntax";
    return false;
  }
  if (!Root.IsMap() || !Root["framework"] || !Root["apis"] ||
      !Root["apis"].IsSequence()) {
    Error = where(File, Root) +
            "an API file needs 'framework:' and an 'apis:' list";
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
      std::string Key = KV.first.as<std::string>();
      const YAML::Node &V = KV.second;
      try {
        if (Key == "role") {
          std::string R = V.as<std::string>();
          unsigned I = 0;
          while (I < unsigned(ApiRole::NumRoles) && R != RoleNames[I])
            ++I;
          if (I == unsigned(ApiRole::NumRoles)) {
            std::string Known;
            for (const char *N : RoleNames)
              Known += (Known.empty() ? "" : ", ") + std::string(N);
            Error = where(File, V) + "unknown role '" + R +
                    "'; known roles are " + Known;
            return false;
          }
          E.Role = ApiRole(I);
          HasRole = true;
        } else if (Key == "function" || Key == "method" || Key == "type") {
          if (HasTarget) {
            Error = where(File, KV.first) +
                    "an entry names one function, method or type";
            return false;
          }
          E.Kind = Key == "function" ? ApiEntry::Function
                   : Key == "method" ? ApiEntry::Method
                                     : ApiEntry::Type;
          E.Name = llvm::StringRef(V.as<std::string>()).ltrim(':').str();
          HasTarget = true;
        } else if (Key == "class") {
          E.Class = llvm::StringRef(V.as<std::string>()).ltrim(':').str();
        } else if (Key == "derived") {
          E.Derived = V.as<bool>();
        } else if (Key == "source_args") {
          E.SourceArgs = V.as<std::vector<unsigned>>();
        } else if (Key == "active_arg") {
          E.ActiveArg = V.as<bool>();
        } else if (Key == "note") {
          // Free text for maintainers: why the entry is here.
        } else {
          Error = where(File, KV.first) + "unknown key '" + Key +
                  "'; known keys are role, function, method, type, class, "
                  "derived, source_args, active_arg, note";
          return false;
        }
      } catch (const YAML::Exception &Ex) {
        Error = where(File, V) + "bad value for '" + Key + "': " + Ex.msg;
        return false;
      }
    }
    if (!HasRole || !HasTarget) {
      Error = where(File, Item) +
              "an entry needs 'role:' and one of function, method or type";
      return false;
    }
    if (E.Kind == ApiEntry::Method && E.Class.empty()) {
      Error = where(File, Item) + "a method entry needs 'class:'";
      return false;
    }
    Added.push_back(std::move(E));
  }
  for (ApiEntry &E : Added) {
    ByRoleAndName[unsigned(E.Role)][unqualified(E.Name)].push_back(
        Entries.size());
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

const ApiEntry *ApiModel::matchFunction(const clang::FunctionDecl *FD,
                                        ApiRole Role) const {
  if (!FD)
    return nullptr;
  const auto &Index = ByRoleAndName[unsigned(Role)];
  auto It = Index.find(FD->getNameAsString());
  if (It == Index.end())
    return nullptr;
  for (size_t I : It->second) {
    const ApiEntry &E = Entries[I];
    if (E.Kind == ApiEntry::Function && qualifiedName(FD) == E.Name)
      return &E;
    if (E.Kind == ApiEntry::Method)
      if (const auto *MD = llvm::dyn_cast<clang::CXXMethodDecl>(FD))
        if (classMatches(MD->getParent(), E))
          return &E;
  }
  return nullptr;
}

const ApiEntry *ApiModel::matchType(clang::QualType T, ApiRole Role) const {
  if (T.isNull())
    return nullptr;
  const clang::CXXRecordDecl *RD =
      T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->getIdentifier())
    return nullptr;
  const auto &Index = ByRoleAndName[unsigned(Role)];
  auto It = Index.find(RD->getName());
  if (It == Index.end())
    return nullptr;
  for (size_t I : It->second)
    if (Entries[I].Kind == ApiEntry::Type &&
        qualifiedName(RD) == Entries[I].Name)
      return &Entries[I];
  return nullptr;
}

const ApiEntry *ApiModel::matchCall(const clang::Expr *E, ApiRole Role) const {
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(E))
    return matchFunction(Call->getDirectCallee(), Role);
  if (const auto *Construct = llvm::dyn_cast<clang::CXXConstructExpr>(E))
    return matchType(Construct->getType(), Role);
  return nullptr;
}

} // namespace greenlint
