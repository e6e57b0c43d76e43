#!/usr/bin/env bash
# Builds everything and runs every test against Clang 19: gtest unit tests and the lit/FileCheck
# suite (which drives the real clang++-19 with the plugin over the real LibTorch headers). Then
# builds the plugin, CLI and runtime against Clang 22 (build-22/) and runs the lit tests that
# exercise the compiler with clang++-22: rules, instrumentation, estimates and the demo's findings
# (ctest label "compiler"). Both whole suites would not fit 20 minutes on 2 cores
# (docs/compilers.md). GREENLINT_TEST_CLANG22=0 skips the Clang 22 part; =all builds everything
# in build-22/ and runs the whole suite there too (CI does, .ci/run).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
ctest --test-dir "$root/build" -j"$(nproc)" --output-on-failure
case "${GREENLINT_TEST_CLANG22:-1}" in
  0) ;;
  all)
    echo
    echo "=== Clang 22: everything in build-22/, the whole suite ==="
    GREENLINT_LLVM_VERSION=22 "$root/scripts/build.sh"
    # lit.compiler is a part of lit: the whole lit suite holds it already. The style tests
    # (format, tidy, layers) read the sources, not the build: the Clang 19 run did them.
    ctest --test-dir "$root/build-22" -j"$(nproc)" -E '^lit\.compiler$' -LE style \
      --output-on-failure
    ;;
  *)
    echo
    echo "=== Clang 22: plugin, CLI and runtime in build-22/, compiler tests ==="
    GREENLINT_LLVM_VERSION=22 "$root/scripts/build.sh" greenlint greenlint_plugin greenlint_rt \
      greenlint_rt_static greenlint_torch_pch
    ctest --test-dir "$root/build-22" -L compiler --output-on-failure
    ;;
esac
