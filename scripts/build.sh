#!/usr/bin/env bash
# Configures and builds greenlint (plugin, runtime, CLI, tests) in build/ with clang++-19.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup-deps.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
ninja -C "$root/build" -j"$(nproc)" "$@"
