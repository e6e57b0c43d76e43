//===- Suppression.cpp ----------------------------------------------------===//
#include "Suppression.h"
#include "Config.h"
#include "llvm/ADT/SmallVector.h"
#include <algorithm>
#include <cctype>

namespace greenlint {

namespace {

enum class Kind { SameLine, NextLine, Begin, End };

struct Directive {
  Kind K;
  unsigned Line, Column;
  std::string List; // text between the parentheses, as written
  std::vector<std::string> Globs;
  bool HasList;
};

bool globsMatch(const std::vector<std::string> &Globs, llvm::StringRef Id) {
  if (Globs.empty())
    return true;
  std::string Name = "greenlint-" + Id.str();
  for (llvm::StringRef G : Globs)
    if (!G.starts_with("-") && globMatch(G, Name))
      return true;
  return false;
}

/// A directive with a list that names no greenlint id belongs to other
/// tools (clang-tidy); greenlint neither honours nor polices it.
bool concernsGreenlint(const Directive &D) {
  if (!D.HasList)
    return true;
  for (llvm::StringRef G : D.Globs)
    if (!G.starts_with("-") &&
        (globMatch(G, "greenlint-x") || G.starts_with("greenlint-")))
      return true;
  return false;
}

enum class Parsed { Directive, NotDirective, Unclosed };

/// Parses the directive starting at Pos (just after "NOLINT") in Line.
Parsed parseDirective(llvm::StringRef Rest, Directive &D) {
  if (Rest.consume_front("NEXTLINE"))
    D.K = Kind::NextLine;
  else if (Rest.consume_front("BEGIN"))
    D.K = Kind::Begin;
  else if (Rest.consume_front("END"))
    D.K = Kind::End;
  else
    D.K = Kind::SameLine;
  // "NOLINTFOO" is not a directive.
  if (!Rest.empty() && (std::isalnum(Rest[0]) || Rest[0] == '_'))
    return Parsed::NotDirective;
  D.HasList = Rest.consume_front("(");
  if (D.HasList) {
    size_t Close = Rest.find(')');
    if (Close == llvm::StringRef::npos)
      return Parsed::Unclosed;
    D.List = Rest.substr(0, Close).str();
    llvm::SmallVector<llvm::StringRef> Parts;
    llvm::StringRef(D.List).split(Parts, ',', -1, false);
    for (llvm::StringRef P : Parts)
      if (!P.trim().empty())
        D.Globs.push_back(P.trim().str());
  }
  return Parsed::Directive;
}

} // namespace

FileSuppressions FileSuppressions::parse(llvm::StringRef Text) {
  FileSuppressions Result;
  std::vector<Directive> OpenBegins;
  // An empty list "NOLINT()" names no check, so it suppresses nothing, as in
  // clang-tidy (an empty glob list in a span means every rule).
  auto AddSpan = [&Result](const Directive &D, unsigned First, unsigned Last) {
    if (!D.HasList || !D.Globs.empty())
      Result.Spans.push_back({First, Last, D.Globs});
  };
  unsigned LineNo = 0;
  while (!Text.empty()) {
    ++LineNo;
    auto [Line, Tail] = Text.split('\n');
    Text = Tail;
    size_t From = 0;
    while (true) {
      size_t Pos = Line.find("NOLINT", From);
      if (Pos == llvm::StringRef::npos)
        break;
      From = Pos + 6;
      llvm::StringRef Before = Line.substr(0, Pos);
      if (!Before.contains("//") && !Before.contains("/*"))
        continue; // not in a comment
      Directive D;
      D.Line = LineNo;
      D.Column = Pos + 1;
      Parsed P = parseDirective(Line.substr(Pos + 6), D);
      if (P == Parsed::NotDirective)
        continue;
      if (P == Parsed::Unclosed) {
        // Meant as a directive, honoured by no tool: say so rather than
        // leave the finding it was written for unexplained.
        Result.Problems.push_back(
            {D.Line, D.Column,
             "this NOLINT check list has no closing ')' on its line, so it "
             "suppresses nothing; close the list"});
        continue;
      }
      switch (D.K) {
      case Kind::SameLine:
        AddSpan(D, LineNo, LineNo);
        break;
      case Kind::NextLine:
        AddSpan(D, LineNo + 1, LineNo + 1);
        break;
      case Kind::Begin:
        OpenBegins.push_back(D);
        break;
      case Kind::End: {
        auto Match = std::find_if(
            OpenBegins.rbegin(), OpenBegins.rend(), [&](const Directive &B) {
              return B.HasList == D.HasList && B.Globs == D.Globs;
            });
        if (Match == OpenBegins.rend()) {
          if (concernsGreenlint(D))
            Result.Problems.push_back(
                {D.Line, D.Column,
                 "NOLINTEND has no matching NOLINTBEGIN before it; add one "
                 "with the same check list or remove this comment"});
          break;
        }
        AddSpan(*Match, Match->Line, LineNo);
        OpenBegins.erase(std::next(Match).base());
        break;
      }
      }
    }
  }
  for (const Directive &B : OpenBegins)
    if (concernsGreenlint(B))
      Result.Problems.push_back(
          {B.Line, B.Column,
           "NOLINTBEGIN has no matching NOLINTEND after it, so it suppresses "
           "nothing; add a NOLINTEND with the same check list"});
  return Result;
}

bool FileSuppressions::suppresses(unsigned Line, llvm::StringRef RuleId) const {
  for (const Span &S : Spans)
    if (Line >= S.FirstLine && Line <= S.LastLine &&
        globsMatch(S.Globs, RuleId))
      return true;
  return false;
}

} // namespace greenlint
