"""Checks that every rule `greenlint rules` lists has its doc page, an entry in the rule index
and a lit test file that expects its diagnostics, and that no doc page is orphaned."""
import os
import re
import sys

rules_file, root = sys.argv[1], sys.argv[2]
ids = [line.split()[0] for line in open(rules_file) if line.strip()]
problems = []
docs = os.path.join(root, "docs", "rules")
index = open(os.path.join(docs, "README.md")).read()
for rule in ids:
    if not os.path.exists(os.path.join(docs, rule + ".md")):
        problems.append("%s: no docs/rules/%s.md" % (rule, rule))
    if "(%s.md)" % rule not in index:
        problems.append("%s: not linked from docs/rules/README.md" % rule)
    test = os.path.join(root, "test", "lit", "rules", rule + ".cpp")
    if not os.path.exists(test):
        problems.append("%s: no test/lit/rules/%s.cpp" % (rule, rule))
    elif "greenlint-" + rule not in open(test).read() and "-fplugin-arg-greenlint-rules" not in open(test).read():
        problems.append("%s: its lit test never names the rule" % rule)
for page in os.listdir(docs):
    name = page[:-3]
    if page.endswith(".md") and name != "README" and name not in ids:
        problems.append("docs/rules/%s has no rule" % page)
print("%d rules checked" % len(ids))
if problems:
    print("\n".join(problems))
    sys.exit(1)
