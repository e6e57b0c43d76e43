#!/usr/bin/env bash
# Installs what greenlint needs to build, test and run its demo on Debian 12, from Debian's
# archive only. Idempotent: packages already installed are not touched, so a second run costs
# a dpkg query. Run as root (CI and the README's commands do).
set -euo pipefail

packages=(
  cmake ninja-build python3 git
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clang-tools-19
  clang-22 libclang-22-dev llvm-22-dev llvm-22-tools  # the plugin for Clang 22 (build-22/)
  ccache  # the compile-cache tests (test/lit/cmake/ccache.test)
  clang-format-19 clang-tidy-19  # style checks of the test command
  libclang-rt-19-dev  # libFuzzer and ASan runtimes for test/fuzz
  libyaml-cpp-dev nlohmann-json3-dev
  python3-yaml  # test/lit/ci reads the CI recipes
  prometheus-cpp-dev prometheus  # GREENLINT_PROMETHEUS exporter and its test server
  libgtest-dev libbenchmark-dev
  libtorch-dev libxgboost-dev libdlib-dev libopencv-dev
  libomp-dev  # OpenMP runtime: the runtime's attribution test of an OpenMP loop
  python3-onnx  # builds the ONNX models of test/lit/estimates/model-files-onnx.test
)
# Node.js and npm for the Impact Framework cross-check: Debian's packages unless a Node.js with
# npm is already there (e.g. from NodeSource, whose nodejs conflicts with Debian's npm).
command -v npx >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "greenlint: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "greenlint: these packages are missing and installing them needs root: ${missing[*]}" >&2
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The Impact Framework (npm @grnsft/if, pinned in test/if/package-lock.json) for the SCI
# cross-check test; `npm ci` only when the installed tree is missing or older than the lock.
root=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -e "$root/test/if/node_modules/.package-lock.json" ] ||
   [ "$root/test/if/package-lock.json" -nt "$root/test/if/node_modules/.package-lock.json" ]; then
  echo "greenlint: installing the Impact Framework into test/if/node_modules"
  npm ci --prefix "$root/test/if" --no-audit --no-fund
fi
