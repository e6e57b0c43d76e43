"""Prints each model estimate of a facts folder on one line, for FileCheck."""
import glob
import json
import os
import sys

for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    with open(path) as f:
        facts = json.load(f)
    for e in facts["estimates"]:
        print("%s parameters=%s flops=%s dtype=%s bytes=%s joules=%s at=%s:%s" % (
            e["model"], e["parameters"],
            None if e["flops_per_sample"] is None else int(e["flops_per_sample"]),
            e["dtype"],
            None if e["weight_bytes"] is None else int(e["weight_bytes"]),
            None if e["joules_per_call"] is None else "%.6e" % e["joules_per_call"],
            os.path.basename(e["file"]), e["line"]))
