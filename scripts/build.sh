#!/usr/bin/env bash
# Configures and builds greenlint (plugin, runtime, CLI, tests) with clang++-19 in build/, or, with
# GREENLINT_LLVM_VERSION=22, against LLVM/Clang 22 with clang++-22 in build-22/ (a plugin runs
# only in the Clang major it was built for: one build folder per major, docs/compilers.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
major=${GREENLINT_LLVM_VERSION:-19}
case "$major" in
  19) build="$root/build" ;;
  22) build="$root/build-22" ;;
  *)
    echo "greenlint: GREENLINT_LLVM_VERSION is '$major'; greenlint builds against Clang 19 or 22" >&2
    exit 2
    ;;
esac
"$root/scripts/setup-deps.sh"
# ccache, when the machine has it, makes rebuilds in a second checkout cheap; it is optional.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
# GREENLINT_WERROR=1 (CI) turns warnings in greenlint's own code into errors.
werror=OFF
if [ "${GREENLINT_WERROR:-0}" != 0 ]; then werror=ON; fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER="clang-$major" -DCMAKE_CXX_COMPILER="clang++-$major" "${launcher[@]}" \
  -DGREENLINT_LLVM_VERSION="$major" -DGREENLINT_WERROR="$werror" >/dev/null
ninja -C "$build" -j"$(nproc)" "$@"
