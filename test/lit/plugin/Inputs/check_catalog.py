"""Checks that the rule catalog agrees with itself: every rule `greenlint rules --format json`
lists has its class files under rules/<group>/ named after its id, a doc page whose options table
names exactly the rule's options, an entry in docs/rules/README.md and in README.md's table with
the same default, and a lit test that names it; and that no doc page is orphaned."""
import json
import os
import re
import sys

rules_file, root = sys.argv[1], sys.argv[2]
rules = json.load(open(rules_file))
problems = []
docs = os.path.join(root, "docs", "rules")
index = open(os.path.join(docs, "README.md")).read()
readme = open(os.path.join(root, "README.md")).read()


def camel(rule_id):
    return "".join(part[:1].upper() + part[1:] for part in rule_id.split("-"))


def table_rows(text):
    """{id: default} from markdown rows '| [id](...id.md) | default | ... |'."""
    rows = {}
    for m in re.finditer(r"^\| \[([a-z0-9-]+)\]\([^)]*\1\.md\) \| (on|off) \|", text, re.M):
        rows[m.group(1)] = m.group(2)
    return rows


def doc_options(text):
    """Option names of the doc's '## Options' table (empty if it says there are none)."""
    m = re.search(r"^## Options\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    if not m:
        return None
    return set(re.findall(r"^\| `([A-Za-z0-9_]+)` \|", m.group(1), re.M))


index_rows, readme_rows = table_rows(index), table_rows(readme)
ids = [r["id"] for r in rules]
for rule in rules:
    rid, group = rule["id"], rule["group"]
    if not rid.startswith(group + "-"):
        problems.append("%s: the id does not start with its group '%s-'" % (rid, group))
    for ext in ("h", "cpp"):
        path = os.path.join(root, "rules", group, "%s.%s" % (camel(rid), ext))
        if not os.path.exists(path):
            problems.append("%s: no rules/%s/%s.%s" % (rid, group, camel(rid), ext))
    doc = os.path.join(docs, rid + ".md")
    if not os.path.exists(doc):
        problems.append("%s: no docs/rules/%s.md" % (rid, rid))
    else:
        documented = doc_options(open(doc).read())
        coded = {o["name"] for o in rule["options"]}
        if documented is None:
            problems.append("%s: docs/rules/%s.md has no '## Options' section" % (rid, rid))
        elif documented != coded:
            problems.append("%s: options in the doc %s differ from the code %s"
                            % (rid, sorted(documented), sorted(coded)))
    if index_rows.get(rid) != rule["default"]:
        problems.append("%s: docs/rules/README.md lists it as %s, the code as %s"
                        % (rid, index_rows.get(rid, "missing"), rule["default"]))
    if readme_rows.get(rid) != rule["default"]:
        problems.append("%s: README.md's rule table lists it as %s, the code as %s"
                        % (rid, readme_rows.get(rid, "missing"), rule["default"]))
    test = os.path.join(root, "test", "lit", "rules", rid + ".cpp")
    if not os.path.exists(test):
        problems.append("%s: no test/lit/rules/%s.cpp" % (rid, rid))
    elif not re.search(r"(greenlint-|rules=-\*,)" + re.escape(rid) + r"\b", open(test).read()):
        problems.append("%s: its lit test never enables or expects the rule" % rid)
for table, rows in (("docs/rules/README.md", index_rows), ("README.md", readme_rows)):
    for rid in rows:
        if rid not in ids:
            problems.append("%s lists '%s', which is no rule" % (table, rid))
for page in os.listdir(docs):
    name = page[:-3]
    if page.endswith(".md") and name != "README" and name not in ids:
        problems.append("docs/rules/%s has no rule" % page)
print("%d rules checked" % len(ids))
if problems:
    print("\n".join(problems))
    sys.exit(1)
