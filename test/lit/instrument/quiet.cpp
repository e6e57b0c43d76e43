// GREENLINT_QUIET=1 drops the runtime's start-up line; only the warning about a generic
// (unknown-part) profile stays, and it is that one line, not the whole announcement.
// RUN: rm -rf %t && mkdir %t
// RUN: %clangxx -O1 -fplugin=%plugin -fplugin-arg-greenlint-instrument=on %s -o %t/prog %link_runtime
// RUN: env GREENLINT_LEDGER=%t/ledger GREENLINT_PROFILE=amd-epyc-7b13 %t/prog 2>&1 | FileCheck %s --check-prefix=LOUD
// LOUD: greenlint: recording to {{.*}} with model
// RUN: env GREENLINT_LEDGER=%t/ledger GREENLINT_PROFILE=amd-epyc-7b13 GREENLINT_QUIET=1 %t/prog 2>&1 | count 0
// RUN: env GREENLINT_LEDGER=%t/ledger GREENLINT_PROFILE=generic-x86-amd GREENLINT_QUIET=1 %t/prog 2>&1 | FileCheck %s --check-prefix=GENERIC
// GENERIC-NOT: recording to
// GENERIC: greenlint: warning: profile GREENLINT_PROFILE=generic-x86-amd
// GENERIC-NOT: {{.}}
[[clang::annotate("greenlint::region")]] long work(long N) {
  long Sum = 0;
  for (long I = 0; I < N; ++I)
    Sum += I % 7;
  return Sum;
}

int main() { return work(100000) > 0 ? 0 : 1; }
