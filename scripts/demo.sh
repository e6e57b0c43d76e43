#!/usr/bin/env bash
# The demo: builds the MLP example in its naive and fixed forms with the greenlint plugin (the
# only change to a normal build is -fplugin=greenlint.so), shows what greenlint reports for
# each, then runs both and compares their run time. Offline; uses only the embedded example.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh" greenlint_plugin greenlint
plugin="$root/build/plugin/greenlint.so"
demo="$root/build/demo"

cmake -S "$root/examples" -B "$demo" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER=clang++-19 -DGREENLINT_PLUGIN="$plugin" >/dev/null

for form in naive fixed; do
  echo
  echo "=== greenlint findings: examples/mlp/$form.cpp ==="
  touch "$root/examples/mlp/$form.cpp"
  log=$(ninja -C "$demo" "mlp_$form" 2>&1) || { echo "$log"; exit 1; }
  findings=$(printf '%s\n' "$log" | grep -E '^/.*(warning|error|note):' || true)
  if [ -n "$findings" ]; then
    printf '%s\n' "$findings" | sed "s|$root/||"
    echo "--> $(printf '%s\n' "$findings" | grep -c '\[greenlint-') finding(s)"
  else
    echo "--> no findings"
  fi
done

echo
echo "=== running both forms (3 runs each, alternating; wall seconds) ==="
cd "$demo"
for run in 1 2 3; do
  for form in naive fixed; do
    start=$(date +%s.%N)
    "./mlp_$form" >/dev/null
    end=$(date +%s.%N)
    python3 -c "print('%s run %d: %.2f s' % ('$form', $run, $end - $start))"
  done
done
