"""Prints what greenlint found in the demo, without what varies between runs or compilers.

Usage: normalise.py SOURCE_ROOT DIAGNOSTICS_FILE FACTS_DIR LEDGER_DIR...
The diagnostics' location and text lines (not Clang's rendering of source and fix-its), then per
facts file the findings, regions and estimates (no timings), then per ledger folder its regions,
calls and units. Both compilers' runs must print the same (demo-expected.txt).
"""
import glob
import json
import os
import re
import sys

root, diagnostics, facts_dir = sys.argv[1:4]
ledger_dirs = sys.argv[4:]
root = root.rstrip("/") + "/"

for line in open(diagnostics, encoding="utf-8"):
    if re.match(r"^\S.*:\d+:\d+: (warning|error|note|remark): ", line):
        print(line.rstrip("\n").replace(root, ""))

for path in sorted(glob.glob(os.path.join(facts_dir, "*.json"))):
    facts = json.load(open(path, encoding="utf-8"))
    print("facts:", facts["source"].replace(root, ""))
    for finding in facts["findings"]:
        print("  finding", finding["rule"], finding["line"], finding["column"], finding["level"])
    for region in facts["regions"]:
        units = ",".join("%s@%d" % (u["unit"], u["line"]) for u in region["unit_sites"])
        print("  region", region["name"], region["phase"], region["line"], units)
    for estimate in facts["estimates"]:
        print("  estimate", estimate["model"], estimate["parameters"],
              estimate["flops_per_sample"], "%.6g" % estimate["joules_per_call"])

# The ledger's footer: which regions the instrumented program entered, how often, and the units
# it counted in each (energies and times vary from run to run and are left out).
for ledger_dir in ledger_dirs:
    print("ledger:", os.path.basename(ledger_dir))
    for path in sorted(glob.glob(os.path.join(ledger_dir, "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            record = json.loads(line)
            if record.get("type") != "footer":
                continue
            for region in sorted(record["regions"], key=lambda r: r["name"]):
                if region["name"] == "(none)":
                    continue
                units = ",".join("%s=%d" % kv for kv in sorted(region["units"].items()))
                print("  region", region["name"], "calls=%d" % region["calls"], units)
