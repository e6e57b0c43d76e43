#!/usr/bin/env python3
"""Checks a Code Quality report against what GitLab reads from the Code Climate format: a JSON
array of issues, each with description, check_name, fingerprint (unique in the report), severity
(info|minor|major|critical|blocker), location.path (relative) and location.lines.begin (int >= 1).
Prints "valid N" (N issues) or the problems.

usage: validate_codequality.py REPORT.json
"""
import json
import sys

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}
problems = []
with open(sys.argv[1]) as f:
    issues = json.load(f)
if not isinstance(issues, list):
    problems.append("top level: not an array")
    issues = []
seen = set()
for i, issue in enumerate(issues):
    where = "issue %d" % i
    for key in ("description", "check_name", "fingerprint", "severity"):
        if not isinstance(issue.get(key), str) or not issue.get(key):
            problems.append("%s: '%s' missing or not a non-empty string" % (where, key))
    if issue.get("severity") not in SEVERITIES:
        problems.append("%s: severity %r not one of %s" % (where, issue.get("severity"), sorted(SEVERITIES)))
    if issue.get("fingerprint") in seen:
        problems.append("%s: fingerprint %r repeated" % (where, issue.get("fingerprint")))
    seen.add(issue.get("fingerprint"))
    location = issue.get("location", {})
    path = location.get("path")
    if not isinstance(path, str) or not path or path.startswith("/"):
        problems.append("%s: location.path %r is not a relative path" % (where, path))
    begin = location.get("lines", {}).get("begin")
    if not isinstance(begin, int) or isinstance(begin, bool) or begin < 1:
        problems.append("%s: location.lines.begin %r is not a line number" % (where, begin))
print("\n".join(problems) if problems else "valid %d" % len(issues))
sys.exit(1 if problems else 0)
