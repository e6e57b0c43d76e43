#!/usr/bin/env bash
# Device check of the nvml meter (issue 17): builds the runtime alone, runs a
# GPU load of known duration under GREENLINT_METER=nvml, and compares the
# ledger's GPU joules with nvidia-smi's energy counter (where this nvidia-smi
# has one) and with its power samples integrated over the run.
#   test/device/nvml-check.sh [SECONDS]   (default 20)
# Exit 0: within tolerance; 1: not; 77: skipped (no NVIDIA GPU or driver).
# Needs: cmake, a C and C++17 compiler, yaml-cpp and nlohmann-json headers,
# python3, the NVIDIA driver (libcuda.so.1, libnvidia-ml.so.1, nvidia-smi).
# No CUDA toolkit: the load uses the driver API through dlopen.
set -uo pipefail
seconds=${1:-20}
tolerance=${GREENLINT_NVML_TOLERANCE:-0.10}
root=$(cd "$(dirname "$0")/../.." && pwd)
skip() { echo "nvml-check: SKIP: $*"; exit 77; }
fail() { echo "nvml-check: FAIL: $*"; exit 1; }

command -v nvidia-smi >/dev/null 2>&1 || skip "no nvidia-smi on this machine"
nvidia-smi -L >/dev/null 2>&1 || skip "nvidia-smi sees no GPU"
gpu_count=$(nvidia-smi -L | wc -l)
[ "$gpu_count" -ge 1 ] || skip "no GPU listed"

work=$(mktemp -d)
build="$work/build"
echo "nvml-check: building the runtime in $build"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  -DGREENLINT_BUILD_PLUGIN=OFF -DGREENLINT_BUILD_TESTS=OFF >"$work/cmake.log" 2>&1 ||
  fail "cmake failed, see $work/cmake.log"
cmake --build "$build" --target greenlint_rt -j"$(nproc)" >"$work/build.log" 2>&1 ||
  fail "build failed, see $work/build.log"
rt=$(find "$build" -name 'libgreenlint_rt.so' | head -1)
[ -n "$rt" ] || fail "no libgreenlint_rt.so in $build"
cc -O2 -I"$root/runtime/include" "$root/test/device/gpu-load.c" -o "$work/gpu-load" \
  "$rt" -Wl,-rpath,"$(dirname "$rt")" -ldl || fail "cannot build gpu-load.c"

# nvidia-smi's energy counter (mJ since driver load), where this version knows it.
energy_mj() {
  nvidia-smi --query-gpu=total_energy_consumption --format=csv,noheader,nounits 2>/dev/null |
    awk '{s += $1} END {if (NR) printf "%.0f", s}'
}
# Power samples every 100 ms, summed over GPUs, while the load runs.
nvidia-smi --query-gpu=timestamp,index,power.draw --format=csv,noheader,nounits -lms 100 \
  >"$work/power.csv" 2>/dev/null &
sampler=$!
sleep 1
e0=$(energy_mj)
GREENLINT_LEDGER="$work/ledger" GREENLINT_METER=nvml "$work/gpu-load" "$seconds"
rc=$?
e1=$(energy_mj)
sleep 0.5
kill "$sampler" 2>/dev/null
wait "$sampler" 2>/dev/null
[ "$rc" = 77 ] && skip "the GPU load could not start (no CUDA driver or device)"
[ "$rc" = 0 ] || fail "gpu-load exited $rc"

python3 - "$work" "${e0:-}" "${e1:-}" "$tolerance" <<'PY'
import glob, json, sys, datetime
work, e0, e1, tol = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
ledgers = glob.glob(work + "/ledger/*.jsonl")
if len(ledgers) != 1:
    print("nvml-check: FAIL: expected one ledger, found %d" % len(ledgers)); sys.exit(1)
recs = [json.loads(l) for l in open(ledgers[0]) if l.strip()]
head, foot = recs[0], recs[-1]
if foot.get("type") != "footer":
    print("nvml-check: FAIL: the ledger has no footer"); sys.exit(1)
ledger_j = foot["process"]["energy_j"]["gpu"]
t0, t1 = head["start_time"], foot["t"]
print("ledger: %.1f J GPU over %.2f s (%s)" % (ledger_j, t1 - t0, head["meters"][0]["detail"]))
# Integrate the power samples that fall inside the ledger's span, per GPU.
per_gpu = {}
for line in open(work + "/power.csv"):
    parts = [p.strip() for p in line.split(",")]
    if len(parts) != 3:
        continue
    try:
        ts = datetime.datetime.strptime(parts[0], "%Y/%m/%d %H:%M:%S.%f").timestamp()
        per_gpu.setdefault(parts[1], []).append((ts, float(parts[2])))
    except ValueError:
        continue
smi_power_j = 0.0
for samples in per_gpu.values():
    inside = [s for s in samples if t0 <= s[0] <= t1]
    for (a, pa), (b, pb) in zip(inside, inside[1:]):
        smi_power_j += (pa + pb) / 2 * (b - a)
ok = True
checked = False
if smi_power_j > 0:
    ratio = ledger_j / smi_power_j
    print("nvidia-smi power samples: %.1f J; ledger/samples = %.3f" % (smi_power_j, ratio))
    checked = True
    ok = ok and abs(ratio - 1) <= tol
if e0 and e1:
    counter_j = (float(e1) - float(e0)) / 1000
    ratio = ledger_j / counter_j if counter_j > 0 else float("inf")
    # The counter window is a little wider than the ledger's.
    print("nvidia-smi energy counter: %.1f J; ledger/counter = %.3f" % (counter_j, ratio))
    checked = True
    ok = ok and abs(ratio - 1) <= tol
else:
    print("nvidia-smi energy counter: not offered by this nvidia-smi")
if not checked:
    print("nvml-check: FAIL: nvidia-smi gave neither power samples nor an energy counter"); sys.exit(1)
print("nvml-check: %s (tolerance %.0f%%)" % ("PASS" if ok else "FAIL", tol * 100))
sys.exit(0 if ok else 1)
PY
