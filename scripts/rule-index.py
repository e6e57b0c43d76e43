#!/usr/bin/env python3
"""Writes docs/rules/README.md from `greenlint rules` (run after adding or renaming a rule;
test/lit/plugin/rule-catalog.test fails while the index is out of date).

usage: scripts/rule-index.py [path/to/greenlint]"""
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
cli = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build", "tools", "greenlint")
rows = []
for line in subprocess.run([cli, "rules"], check=True, capture_output=True, text=True).stdout.splitlines():
    parts = line.split(None, 3)
    if len(parts) == 4:
        rows.append(parts)
groups = {"retrain": "Retraining", "model": "Model size and precision", "infer": "Inference path",
          "data": "Data pipeline", "hw": "Hardware use", "build": "Build"}
out = ["# greenlint rules", "",
       "Every rule: what it flags, why it costs energy (with a source or a measurement), examples,",
       "options and limitations. `greenlint rules` prints the same list. Rules that are off by",
       "default are opt-in: noisier, enable them with `rules:` in `.greenlint.yaml`.", ""]
for group, title in groups.items():
    members = [r for r in rows if r[1] == group]
    if not members:
        continue
    out += ["## " + title, "", "| rule | default | what it flags |", "|---|---|---|"]
    out += ["| [%s](%s.md) | %s | %s |" % (r[0], r[0], r[2], r[3]) for r in members]
    out.append("")
with open(os.path.join(root, "docs", "rules", "README.md"), "w") as f:
    f.write("\n".join(out))
print("wrote docs/rules/README.md with %d rules" % len(rows))
