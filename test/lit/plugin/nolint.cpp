// Suppression comments in clang-tidy's syntax, with greenlint ids, globs and reasons.
// RUN: %clangxx %torch -fsyntax-only -fplugin=%plugin -Xclang -verify %s
#include <torch/script.h>
#include <string>

void sameLine(const std::string &P, int N) {
  for (int I = 0; I < N; ++I)
    auto M = torch::jit::load(P); // NOLINT(greenlint-infer-load-in-loop): benchmark of load time
}

void nextLine(const std::string &P, int N) {
  for (int I = 0; I < N; ++I)
    // NOLINTNEXTLINE(greenlint-infer-*)
    auto M = torch::jit::load(P);
}

void bare(const std::string &P, int N) {
  for (int I = 0; I < N; ++I)
    auto M = torch::jit::load(P); // NOLINT
}

// NOLINTBEGIN(greenlint-infer-load-in-loop, bugprone-*): reloading is the point here
void range(const std::string &P, int N) {
  for (int I = 0; I < N; ++I)
    auto M = torch::jit::load(P);
}
// NOLINTEND(greenlint-infer-load-in-loop, bugprone-*)

// Another tool's id does not silence greenlint, and a different greenlint id neither.
void otherIds(const std::string &P, int N) {
  for (int I = 0; I < N; ++I) // expected-note {{loop is here}}
    auto M = torch::jit::load(P); // NOLINT(bugprone-use-after-move) expected-warning {{loads the same model}}
  for (int I = 0; I < N; ++I) // expected-note {{loop is here}}
    auto M = torch::jit::load(P); // NOLINT(greenlint-retrain-*) expected-warning {{loads the same model}}
}

// The next-line form covers the next line only.
void tooFar(const std::string &P, int N) {
  // NOLINTNEXTLINE(greenlint-infer-load-in-loop)
  for (int I = 0; I < N; ++I) // expected-note {{loop is here}}
    auto M = torch::jit::load(P); // expected-warning {{loads the same model}}
}

// Longer words that start like a directive, and directives outside comments, do nothing.
void notDirectives(const std::string &P, int N) {
  const char *Text = "NOLINT";
  for (int I = 0; I < N; ++I) // expected-note {{loop is here}}
    auto M = torch::jit::load(P); // NOLINTFOO expected-warning {{loads the same model}}
}

// NOLINTEND(greenlint-infer-*)
// expected-warning-re@-1 {{{{N}}OLINTEND has no matching {{N}}OLINTBEGIN before it; add one with the same check list or remove this comment [greenlint-nolint]}}
// NOLINTBEGIN(greenlint-retrain-*)
// expected-warning-re@-1 {{{{N}}OLINTBEGIN has no matching {{N}}OLINTEND after it, so it suppresses nothing; add a {{N}}OLINTEND with the same check list [greenlint-nolint]}}
// NOLINTBEGIN(clang-analyzer-*): another tool's business, not reported by greenlint

// An empty list names no check (as in clang-tidy): it suppresses nothing.
void emptyList(const std::string &P, int N) {
  for (int I = 0; I < N; ++I) // expected-note {{loop is here}}
    auto M = torch::jit::load(P); // NOLINT() expected-warning {{loads the same model}}
}

// An unclosed list suppresses nothing, and says so.
void unclosedList(const std::string &P, int N) {
  for (int I = 0; I < N; ++I) // expected-note {{loop is here}}
    // expected-warning-re@+1 {{this {{N}}OLINT check list has no closing ')' on its line, so it suppresses nothing; close the list [greenlint-nolint]}}
    // NOLINTNEXTLINE(greenlint-infer-load-in-loop
    auto M = torch::jit::load(P); // expected-warning {{loads the same model}}
}
