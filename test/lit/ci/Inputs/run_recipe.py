"""Runs the greenlint commands of a CI recipe in the current directory, as the CI service would.

usage: run_recipe.py github|gitlab RECIPE.yml
GitHub: the `run:` of every step whose id starts with "greenlint-", each in its own bash -e, in
order, with the job's env (BASE_SHA and GITHUB_STEP_SUMMARY come from the caller's environment).
GitLab: the greenlint-mr job's `script:` lines joined into one bash -e script (GitLab runs them in
one shell). Stops at the first failing step and exits with its status, as the service would.
RECIPE_CXX, when set, replaces the recipes' clang++-19 (the suite on a Clang 22 build installs
only the Clang 22 plugin, and a team on Clang 22 edits that name the same way).
"""
import os
import subprocess
import sys

import yaml


def main():
    kind, path = sys.argv[1], sys.argv[2]
    with open(path) as f:
        recipe = yaml.safe_load(f)
    env = dict(os.environ)
    if kind == "github":
        job = recipe["jobs"]["greenlint"]
        scripts = [s["run"] for s in job["steps"]
                   if str(s.get("id", "")).startswith("greenlint-")]
        keep = {"BASE_SHA", "CMAKE_PREFIX_PATH", "GREENLINT_FAIL_ABOVE"}
    else:
        job = recipe["greenlint-mr"]
        scripts = ["\n".join(job["script"])]
        keep = {"CMAKE_PREFIX_PATH", "CI_MERGE_REQUEST_DIFF_BASE_SHA",
                "GREENLINT_FAIL_ABOVE"}
    # The recipe's own variables, unless the test overrides them (the install prefix).
    for name, value in (job.get("env") or job.get("variables") or {}).items():
        if name not in keep or name not in env:
            env[name] = str(value)
    if not scripts:
        sys.exit("run_recipe.py: no greenlint commands found in " + path)
    cxx = os.environ.get("RECIPE_CXX")
    if cxx:
        scripts = [s.replace("clang++-19", cxx) for s in scripts]
    # Names the command that stopped a step (bash -e gives no hint in a many-line script).
    trap = "trap 'echo \"step failed: $BASH_COMMAND\"' ERR\n"
    for script in scripts:
        status = subprocess.call(["bash", "-e", "-c", trap + script], env=env)
        if status:
            print("step exit=%d" % status)
            sys.exit(status)
    print("step exit=0")


main()
