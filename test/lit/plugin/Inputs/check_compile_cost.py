"""Prints what a facts file's "compile" object says, for FileCheck.

Recomputes energy_j independently of the plugin, from the model meter's formula
(E = P(U)/N x CPU s, U = CPU s / (wall s x N)) and the figures of
runtime/data/profiles/amd-epyc-7b13.yaml (TDP 280 W, Teads curve, 128 threads).
"""
import json
import sys

EPYC_7B13_CURVE = [(0.0, 0.12 * 280), (0.1, 0.32 * 280), (0.5, 0.75 * 280), (1.0, 1.02 * 280)]
EPYC_7B13_THREADS = 128


def power_at(u, curve):
    u = min(1.0, max(0.0, u))
    for (u0, w0), (u1, w1) in zip(curve, curve[1:]):
        if u <= u1:
            return w0 + (w1 - w0) * (u - u0) / (u1 - u0)
    return curve[-1][1]


def yes(flag):
    return "yes" if flag else "no"


args = sys.argv[1:]
if args and args[0] == "--compare":
    # The first unit's compile is the dearer one: no unit is charged another's time.
    first, second = (json.load(open(p))["compile"] for p in args[1:3])
    print("first cpu_s above second:", yes(first["cpu_s"] > second["cpu_s"]))
    print("first wall_s above second:", yes(first["wall_s"] > second["wall_s"]))
    args = args[1:]

for path in args:
    facts = json.load(open(path))
    c = facts["compile"]
    print("source", facts["source"].rsplit("/", 1)[-1])
    if c is None:
        print("compile null")
        continue
    print("wall_s positive:", yes(c["wall_s"] > 0), "cpu_s positive:", yes(c["cpu_s"] > 0))
    print("profile", c["profile"], "| note", c["profile_note"])
    print("method", c["method"])
    e = c["energy_j"]
    if e is None:
        print("energy_j null")
        continue
    print("energy_j positive:", yes(e > 0))
    if c["profile"] == "amd-epyc-7b13":
        n = EPYC_7B13_THREADS
        u = c["cpu_s"] / (c["wall_s"] * n)
        expected = power_at(u, EPYC_7B13_CURVE) / n * min(c["cpu_s"], c["wall_s"] * n)
        print("energy_j equals P(U)/N x cpu_s:", yes(abs(e - expected) <= 1e-9 * expected))
