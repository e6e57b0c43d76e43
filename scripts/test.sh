#!/usr/bin/env bash
# Builds everything and runs every test: gtest unit tests and the lit/FileCheck suite
# (which drives the real clang++-19 with the plugin over the real LibTorch headers).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cd "$root/build"
ctest -j"$(nproc)" --output-on-failure
