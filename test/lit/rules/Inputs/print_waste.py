"""Prints the waste object of each finding of a facts folder on one line, for FileCheck."""
import glob
import json
import os
import sys


def figures(obj, key):
    r = obj.get(key)
    if r is None:
        return "unknown=" + obj.get("unknown", "")
    return "typical=%.6g low=%.6g high=%.6g" % (r["typical"], r["low"], r["high"])


for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    with open(path) as f:
        facts = json.load(f)
    for finding in sorted(facts["findings"], key=lambda x: x["line"]):
        w = finding.get("waste")
        if w is None:
            print(finding["rule"], "no waste")
            continue
        line = "%s %s %s" % (finding["rule"], w["occurrence"], figures(w, "joules_per_occurrence"))
        if "loop" in w:
            loop = w["loop"]
            line += " loop trips=%s kept=%s %s" % (
                "null" if loop["trips"] is None else loop["trips"],
                loop["kept_per_loop"], figures(loop, "joules_per_loop"))
        print(line)
