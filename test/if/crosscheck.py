#!/usr/bin/env python3
"""Cross-checks greenlint's SCI against the GSF Impact Framework.

Usage: crosscheck.py GREENLINT LEDGER_DIR WORK_DIR [report options...]

Writes the report as JSON and as an IF manifest, runs `if-run` from this
folder's pinned @grnsft/if on the manifest, and checks that every child's
`sci` equals the report row's SCI to a relative 1e-9. Prints SKIP and exits 0
only when node/npx or the package is missing (`npm ci --prefix test/if`
installs it; scripts/setup-deps.sh does so in CI).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    greenlint, ledgers, work = sys.argv[1:4]
    options = sys.argv[4:]
    if_run = os.path.join(HERE, "node_modules", ".bin", "if-run")
    if not shutil.which("node") or not os.path.exists(if_run):
        print("SKIP: Impact Framework not installed (need node and "
              "`npm ci --prefix test/if`)")
        return 0
    os.makedirs(work, exist_ok=True)
    report_json = os.path.join(work, "report.json")
    manifest = os.path.join(work, "manifest.yml")
    subprocess.run([greenlint, "report", ledgers, "--format", "json", "-o",
                    report_json] + options, check=True)
    subprocess.run([greenlint, "report", ledgers, "--format", "if", "-o",
                    manifest] + options, check=True)
    # if-run 1.1 silently writes nothing when the output path has a dot in a
    # folder name, as lit's temp folders ("x.test.tmp") do: use a plain one.
    out_dir = tempfile.mkdtemp(prefix="greenlintif")
    out = os.path.join(out_dir, "out")
    subprocess.run([if_run, "-m", manifest, "-o", out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # IF writes YAML; its own js-yaml turns it into JSON for us.
    to_json = ("const y=require('js-yaml'),fs=require('fs');"
               "process.stdout.write(JSON.stringify(y.load("
               "fs.readFileSync(process.argv[1],'utf8'))))")
    text = subprocess.run(["node", "-e", to_json, out + ".yaml"], check=True,
                          stdout=subprocess.PIPE, text=True,
                          env=dict(os.environ,
                                   NODE_PATH=os.path.join(HERE, "node_modules"))
                          ).stdout
    shutil.rmtree(out_dir, ignore_errors=True)
    computed = json.loads(text)["tree"]["children"]
    report = json.load(open(report_json))
    checked = 0
    failed = 0
    for group in report["groups"]:
        for row in group["rows"]:
            if row["sci"] is None:
                continue
            node = row["key"] if group["test"] == "(all)" else \
                group["test"] + " | " + row["key"]
            sci_if = computed[node]["outputs"][0]["sci"]
            ok = abs(sci_if - row["sci"]) <= 1e-9 * abs(row["sci"])
            print("%s %s greenlint %.10g if-run %.10g" %
                  ("OK  " if ok else "DIFF", node, row["sci"], sci_if))
            checked += 1
            failed += not ok
    print("checked %d rows, %d differ" % (checked, failed))
    return 1 if failed or not checked else 0


if __name__ == "__main__":
    sys.exit(main())
