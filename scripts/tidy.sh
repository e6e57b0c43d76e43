#!/usr/bin/env bash
# Runs clang-tidy (the project's .clang-tidy) over greenlint's own C++ translation units and fails
# on any warning. A full pass costs ~15-30 s per file on 2 cores, so by default it checks only what
# changed: the files that differ from the base revision (GREENLINT_TIDY_BASE, else the merge base
# with origin/main when HEAD is ahead of it, else HEAD~1 — on a clean clone, the last commit).
# A changed header is checked through the source file of the same name, else one file including it.
#   scripts/tidy.sh              changed files (the ctest test `tidy`, label style)
#   scripts/tidy.sh --all        every file of the compile database
#   scripts/tidy.sh FILE...      the given files
# Needs build/compile_commands.json (scripts/build.sh writes it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tidy=${CLANG_TIDY:-clang-tidy-19}
db=${GREENLINT_BUILD_DIR:-$root/build}
if ! command -v "$tidy" >/dev/null 2>&1; then
  echo "tidy: $tidy not found; scripts/setup-deps.sh installs it" >&2
  exit 2
fi
if [ ! -f "$db/compile_commands.json" ]; then
  echo "tidy: $db/compile_commands.json not found; run scripts/build.sh first" >&2
  exit 2
fi
# Translation units of greenlint's own code (generated sources under build/ are not ours).
mapfile -t units < <(python3 - "$db/compile_commands.json" "$root" <<'EOF'
import json, os, sys
root = sys.argv[2] + "/"
for entry in json.load(open(sys.argv[1])):
    path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    if path.startswith(root) and not path.startswith(root + "build"):
        print(path[len(root):])
EOF
)

changed=()
if [ "${1:-}" = --all ]; then
  changed=("${units[@]}")
  why="all ${#units[@]} files"
elif [ $# -gt 0 ]; then
  changed=("$@")
  why="the given files"
else
  if ! git rev-parse --git-dir >/dev/null 2>&1; then
    echo "tidy: not a git checkout, so nothing counts as changed; run scripts/tidy.sh --all" >&2
    exit 0
  fi
  base=${GREENLINT_TIDY_BASE:-}
  if [ -z "$base" ] && git rev-parse -q --verify origin/main >/dev/null &&
    [ "$(git rev-parse HEAD)" != "$(git rev-parse origin/main)" ]; then
    base=$(git merge-base HEAD origin/main)
  fi
  if [ -z "$base" ]; then
    if ! git rev-parse -q --verify HEAD~1 >/dev/null; then
      echo "tidy: no earlier commit to compare with (shallow clone?); run scripts/tidy.sh --all" >&2
      exit 0
    fi
    base=HEAD~1
  fi
  # Committed and uncommitted changes since the base, existing files only.
  mapfile -t changed < <({ git diff --name-only --diff-filter=d "$base" --;
    git ls-files --others --exclude-standard; } | grep -E '\.(cpp|h)$' | sort -u)
  why="files changed since $(git rev-parse --short "$base")"
fi

# Map each changed file onto a translation unit of the database.
declare -A pick=()
is_unit() { printf '%s\n' "${units[@]}" | grep -qxF -- "$1"; }
for file in "${changed[@]}"; do
  [ -f "$file" ] || continue
  if is_unit "$file"; then
    pick[$file]=1
  elif [[ $file == *.h ]]; then
    same=${file%.h}.cpp
    if is_unit "$same"; then
      pick[$same]=1
    else
      name=$(basename "$file")
      for unit in "${units[@]}"; do
        if grep -qE "#include [\"<]([^\"]*/)?$name[\">]" "$unit"; then pick[$unit]=1; break; fi
      done
    fi
  fi
done
files=("${!pick[@]}")
if [ ${#files[@]} -eq 0 ]; then
  echo "tidy: no C++ translation unit among $why"
  exit 0
fi
echo "tidy: checking ${#files[@]} translation unit(s) ($why)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
printf '%s\0' "${files[@]}" | xargs -0 -n 1 -P "$(nproc)" \
  "$tidy" -p "$db" --quiet --warnings-as-errors='*' >"$log" 2>&1 || status=$?
if [ $status -ne 0 ]; then
  grep -E ': (warning|error):' "$log" | sort -u >&2 || cat "$log" >&2
  echo "tidy: clang-tidy found problems above; fix them (or NOLINT with a reason)" >&2
  exit 1
fi
echo "tidy: ${#files[@]} translation unit(s) clean"
