#!/usr/bin/env bash
# Checks that greenlint's own C and C++ sources are clang-format (LLVM style, .clang-format)
# clean; lists the files that are not and how to fix them. The lit inputs (whose RUN lines and
# CHECK positions must stay as written) and the hand-written framework headers are left out.
# Runs as the ctest test `format`; with --fix it rewrites the files instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
format=${CLANG_FORMAT:-clang-format-19}
if ! command -v "$format" >/dev/null 2>&1; then
  echo "check-format: $format not found; scripts/setup-deps.sh installs it" >&2
  exit 2
fi
mapfile -t files < <(find data apis estimate plugin rules runtime tools test/unit test/fuzz test/bench examples \
  -type f \( -name '*.cpp' -o -name '*.h' -o -name '*.hpp' -o -name '*.c' \) | sort)
if [ "${1:-}" = --fix ]; then
  "$format" -i "${files[@]}"
  exit 0
fi
# One run over every file; its complaints name the files.
if ! out=$("$format" --dry-run -Werror "${files[@]}" 2>&1); then
  printf '%s\n' "$out" | grep -oE '^[^:]+:[0-9]+:[0-9]+: error' | cut -d: -f1 | sort -u |
    sed 's/^/check-format: not clang-format clean: /' >&2
  echo "check-format: run scripts/check-format.sh --fix (or $format -i FILE)" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files clean"
