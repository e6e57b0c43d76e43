"""Compares the build sections of two `greenlint report --format json` documents.

Usage: compare_build.py FIRST SECOND
The second build came from the compile cache: the same facts files, estimates and findings by rule
as the first; its compile section names every unit as coming from the cache. Prints what differs.
"""
import json
import sys

first = json.load(open(sys.argv[1], encoding="utf-8"))["build"]
second = json.load(open(sys.argv[2], encoding="utf-8"))["build"]
failed = False
for key in ("facts_files", "estimates", "findings_by_rule"):
    if first[key] != second[key]:
        print("differs:", key, json.dumps(first[key]), "vs", json.dumps(second[key]))
        failed = True
units = second["compile"]["translation_units"]
from_cache = second["compile"].get("from_cache", [])
print("first: %d units, %d with compile cost" % (first["compile"]["translation_units"],
                                                 first["compile"]["with_cost"]))
print("second: %d units, %d from the cache: %s" % (units, len(from_cache),
                                                   " ".join(sorted(s.split("/")[-1] for s in from_cache))))
sys.exit(1 if failed else 0)
