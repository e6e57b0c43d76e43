#!/usr/bin/env bash
# Configures and builds greenlint (plugin, runtime, CLI, tests) in build/ with clang++-19.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup-deps.sh"
# ccache, when the machine has it, makes rebuilds in a second checkout cheap; it is optional.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
# GREENLINT_WERROR=1 (CI) turns warnings in greenlint's own code into errors.
werror=OFF
if [ "${GREENLINT_WERROR:-0}" != 0 ]; then werror=ON; fi
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 "${launcher[@]}" \
  -DGREENLINT_WERROR="$werror" >/dev/null
ninja -C "$root/build" -j"$(nproc)" "$@"
