#!/usr/bin/env python3
"""Adds a rule to greenlint: its class pair, doc page, lit test and the two rule tables.

usage: scripts/new-rule.py <group>-<name> [--summary TEXT] [--default on|off]

The id's first word is its group (retrain, model, infer, data, hw, build), which is also its
folder under rules/; the class is the id in CamelCase. The new rule is a working placeholder:
it flags calls of a function named greenlint_placeholder_<id with underscores>, and its lit test
has a positive case and a trap, so the test command passes at once. Replace the matcher, the
message, the doc's sections and the test cases with the real ones (docs/dev/adding-a-rule.md).
The build picks the new files up by itself (the registry is generated from rules/<group>/*.h)."""
import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GROUPS = ["retrain", "model", "infer", "data", "hw", "build"]


def camel(rule_id):
    return "".join(part[:1].upper() + part[1:] for part in rule_id.split("-"))


def banner(text, suffix):
    """An LLVM-style first line: '//===- text ---...---===//' padded to 80 columns."""
    head = "//===- " + text + " "
    return head + "-" * max(3, 80 - len(head) - len(suffix)) + suffix


def header(rule_id, group, cls, summary):
    guard = "GREENLINT_RULES_%s_%s_H" % (group.upper(), cls.upper())
    return f"""{banner(f"{cls}.h - {rule_id}", "*- C++ -*-===//")}
//
// Flags {summary}.
// Placeholder written by scripts/new-rule.py: say here what the rule flags and
// its main false-positive guard. See docs/rules/{rule_id}.md.
//
//===----------------------------------------------------------------------===//
#ifndef {guard}
#define {guard}

#include "../Rule.h"

namespace greenlint {{

class {cls} : public Rule {{
public:
  static const RuleInfo Info;
  explicit {cls}(RuleContext &Ctx) : Rule(Info, Ctx) {{}}
  void registerMatchers(clang::ast_matchers::MatchFinder &Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
}};

}} // namespace greenlint

#endif
"""


def source(rule_id, group, cls, summary, default_on, placeholder):
    return f"""{banner(f"{cls}.cpp", "===//")}
#include "{cls}.h"
#include "clang/AST/Expr.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace greenlint {{

const RuleInfo {cls}::Info = {{
    "{rule_id}",
    "{group}",
    "{summary}",
    /*DefaultOn=*/{"true" if default_on else "false"},
    {{}},
    [](RuleContext &Ctx) -> std::unique_ptr<Rule> {{
      return std::make_unique<{cls}>(Ctx);
    }},
    {{}}}};

void {cls}::registerMatchers(MatchFinder &Finder) {{
  // Placeholder: match the API calls the rule is about through roles of
  // rules/apis/*.yaml (isApiCall) instead of a name.
  Finder.addMatcher(
      callExpr(callee(functionDecl(hasName("{placeholder}")))).bind("call"),
      this);
}}

void {cls}::check(const MatchFinder::MatchResult &R) {{
  if (const auto *Call = R.Nodes.getNodeAs<CallExpr>("call"))
    report(Call->getBeginLoc(),
           "placeholder finding of {rule_id}; say what happens, why it "
           "costs energy and what to do");
}}

}} // namespace greenlint
"""


def doc(rule_id, group, summary, default):
    return f"""# {rule_id}

**Group:** {group} · **Default:** {default} · **Frameworks:** (which APIs, by role)

## What it flags

{summary[:1].upper() + summary[1:]}. (Placeholder: describe exactly what is reported and where.)

## Why it costs energy

(Placeholder: the mechanism, with a cited source or a measurement made here, and its figures.)

## Example

```cpp
greenlint_placeholder_{rule_id.replace("-", "_")}();   // reported
```

Not reported (traps in `test/lit/rules/{rule_id}.cpp`): (placeholder) any other call.

## Options

None.

## Limitations

(Placeholder: what the rule does not see, and why.)
"""


def lit_test(rule_id, placeholder):
    return f"""// RUN: %clangxx -std=c++17 -fsyntax-only -fplugin=%plugin -fplugin-arg-greenlint-rules=-*,greenlint-{rule_id} -Xclang -verify %s
// Placeholder cases written by scripts/new-rule.py: replace them with real code shapes, a positive
// case per pattern and a // CLEAN trap for every false positive found.
void {placeholder}();
void another_function();

void positive() {{
  {placeholder}(); // expected-warning {{{{placeholder finding of {rule_id}}}}}
}}

// CLEAN: a call of any other function.
void trap() {{ another_function(); }}
"""


def insert_row(path, row, rule_id, section_title=None):
    """Adds a rule-table row to the table (under section_title, if given): in id order among
    the rows of the rule's group, or after the table's last row if the group has none."""
    lines = open(path).read().split("\n")
    start = 0
    if section_title:
        start = next((i for i, l in enumerate(lines) if l == "## " + section_title), None)
        if start is None:
            return False
    first = next(i for i in range(start, len(lines)) if lines[i].startswith("| rule |")) + 2
    end = first
    while end < len(lines) and lines[end].startswith("| ["):
        end += 1
    ids = {k: re.match(r"\| \[([a-z0-9-]+)\]", lines[k]).group(1) for k in range(first, end)}
    group = rule_id.split("-")[0] + "-"
    same = [k for k in range(first, end) if ids[k].startswith(group)]
    later = [k for k in same if ids[k] > rule_id]
    place = later[0] if later else (same[-1] + 1 if same else end)
    lines.insert(place, row)
    open(path, "w").write("\n".join(lines))
    return True


def add_group_section(path, title, row):
    text = open(path).read().rstrip("\n")
    text += "\n\n## %s\n\n| rule | default | what it flags |\n|---|---|---|\n%s\n" % (title, row)
    open(path, "w").write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("id")
    parser.add_argument("--summary", default="(placeholder) what the rule flags, in one line")
    parser.add_argument("--default", choices=["on", "off"], default="off")
    args = parser.parse_args()
    rule_id = args.id
    if not re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)+", rule_id):
        sys.exit("new-rule.py: '%s' is not an id: write <group>-<name> in kebab-case" % rule_id)
    group = rule_id.split("-")[0]
    if group not in GROUPS:
        sys.exit("new-rule.py: '%s' starts with no group; the groups are %s"
                 % (rule_id, ", ".join(GROUPS)))
    if '"' in args.summary or "\\" in args.summary or "|" in args.summary:
        sys.exit("new-rule.py: the summary may not hold '\"', '\\' or '|'")
    cls = camel(rule_id)
    placeholder = "greenlint_placeholder_" + rule_id.replace("-", "_")
    files = {
        os.path.join("rules", group, cls + ".h"): header(rule_id, group, cls, args.summary),
        os.path.join("rules", group, cls + ".cpp"):
            source(rule_id, group, cls, args.summary, args.default == "on", placeholder),
        os.path.join("docs", "rules", rule_id + ".md"): doc(rule_id, group, args.summary, args.default),
        os.path.join("test", "lit", "rules", rule_id + ".cpp"): lit_test(rule_id, placeholder),
    }
    for path in files:
        if os.path.exists(os.path.join(ROOT, path)):
            sys.exit("new-rule.py: %s exists already; pick another id" % path)
    for path, text in files.items():
        full = os.path.join(ROOT, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
        print("wrote " + path)
    titles = {"retrain": "Retraining", "model": "Model size and precision",
              "infer": "Inference path", "data": "Data pipeline", "hw": "Hardware use",
              "build": "Build"}
    index = os.path.join(ROOT, "docs", "rules", "README.md")
    row = "| [%s](%s.md) | %s | %s |" % (rule_id, rule_id, args.default, args.summary)
    if not insert_row(index, row, rule_id, titles[group]):
        add_group_section(index, titles[group], row)
    insert_row(os.path.join(ROOT, "README.md"),
               "| [%s](docs/rules/%s.md) | %s | %s |" % (rule_id, rule_id, args.default, args.summary),
               rule_id)
    print("added %s to docs/rules/README.md and README.md" % rule_id)
    print("next: scripts/test.sh (the catalog test checks all of these agree), then make it real")


if __name__ == "__main__":
    main()
