#!/usr/bin/env python3
"""Checks that greenlint's libraries include and link only what their layer allows.

The layers (CONTRIBUTING.md): data <- apis <- estimate <- rules <- plugin <- tools, and
data <- runtime. A library's include/ folder is its public face; its src/ folder is its own.
Every quoted #include in the libraries and their tests is resolved the way the compiler would
(the including file's folder first, then the include folders) and must land in the same library,
or in a library the including one may depend on, and never in another library's private folder.
The CMake files must link only the greenlint libraries the layers allow.

Usage: check-layers.py [--root DIR]   exit 0 clean, 1 with one line per broken rule:
  <file>:<line>: <what is wrong> [<rule>]
Run by ctest as `layers`; test/layers/check_layers_test.py plants bad includes in a copy.
"""
import argparse
import os
import re
import sys

# name -> (folder, public include folder or None, private folders, libraries it may use).
# A library without an include/ folder (rules, plugin, tools) is included by its folder.
LIBRARIES = {
    "data": ("data", "data/include", ["data/src"], []),
    "apis": ("apis", "apis/include", ["apis/src"], []),
    "estimate": ("estimate", "estimate/include", ["estimate/src"], ["apis", "data"]),
    "rules": ("rules", None, [], ["estimate", "apis", "data"]),
    "plugin": ("plugin", None, [], ["rules", "estimate", "apis", "data"]),
    "tools": ("tools", None, [], ["plugin", "rules", "estimate", "apis", "data"]),
    "runtime": ("runtime", "runtime/include", ["runtime/src"], ["data"]),
}

# CMake targets each library builds, and the greenlint targets each may link.
TARGETS = {
    "greenlint_data": "data",
    "greenlint_apis": "apis",
    "greenlint_estimate": "estimate",
    "greenlint_rules": "rules",
    "greenlint_core": "plugin",
    "greenlint_plugin": "plugin",
    "greenlint_output": "tools",
    "greenlint_sci": "tools",
    "greenlint_check": "tools",
    "greenlint": "tools",
    "greenlint_rt_objects": "runtime",
    "greenlint_rt": "runtime",
    "greenlint_rt_static": "runtime",
}

# Tests may use every library's public headers and their own library's private ones
# (test/unit/<library>, test/bench/<library>). Anything else is named here with its reason.
TEST_PRIVATE_ACCESS = {
    # The ledger round trip writes with the runtime's writer and reads with the CLI's reader.
    ("test/unit/tools/LedgerRoundTripTest.cpp", "runtime/src/JsonWriter.h"),
}

SOURCE_SUFFIXES = (".cpp", ".h", ".hpp", ".c", ".inc")
TEST_FOLDERS = ["test/unit", "test/bench", "test/fuzz"]
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
LINK_RE = re.compile(r"target_link_libraries\s*\(\s*(\S+)([^)]*)\)", re.S)


def owner(path):
    """The library a repository-relative path belongs to, or None."""
    for name, (folder, _, _, _) in LIBRARIES.items():
        if path == folder or path.startswith(folder + "/"):
            return name
    return None


def private_owner(path):
    for name, (_, _, private, _) in LIBRARIES.items():
        for folder in private:
            if path.startswith(folder + "/"):
                return name, folder
    return None


def include_roots():
    """Every folder the build puts on an include path, public ones first."""
    roots = [pub for (_, pub, _, _) in LIBRARIES.values() if pub]
    roots += [folder for (folder, pub, _, _) in LIBRARIES.values() if not pub]
    for (_, _, private, _) in LIBRARIES.values():
        roots += private
    return roots


def resolve(root, including, target):
    """The repository-relative file `#include "target"` in `including` names, or None
    (a system or generated header)."""
    here = os.path.dirname(including)
    candidates = [os.path.join(here, target)] + [os.path.join(r, target) for r in include_roots()]
    for c in candidates:
        c = os.path.normpath(c)
        if not c.startswith("..") and os.path.isfile(os.path.join(root, c)):
            return c
    return None


def test_area(path):
    """For test/unit/<area>/... and test/bench/<area>/..., the area; else None."""
    parts = path.split("/")
    if len(parts) > 3 and parts[0] == "test" and parts[1] in ("unit", "bench"):
        return parts[2]
    return None


def check_include(path, line_no, target, resolved):
    """The problems one include has, as messages."""
    lib = owner(path)
    dest = owner(resolved)
    problems = []
    if dest is None:
        return problems
    priv = private_owner(resolved)
    if lib is None:  # a test, benchmark or fuzz driver
        if priv and (path, resolved) not in TEST_PRIVATE_ACCESS and test_area(path) != priv[0]:
            problems.append(f"{path}:{line_no}: includes {resolved}, private to {priv[0]} "
                            f"[tests use a library's {LIBRARIES[priv[0]][1] or priv[0]}/ "
                            "only, or their own library's private folder]")
        return problems
    if dest != lib and dest not in LIBRARIES[lib][3]:
        problems.append(f"{path}:{line_no}: includes {resolved} from {dest}, which {lib} may not "
                        f"use [{lib} depends only on: {', '.join(LIBRARIES[lib][3]) or 'nothing'}]")
    elif priv and priv[0] != lib:
        problems.append(f"{path}:{line_no}: includes {resolved}, private to {priv[0]} "
                        f"[another library's {priv[1]}/ is out of bounds; use "
                        f"{LIBRARIES[priv[0]][1]}/]")
    elif dest != lib and LIBRARIES[dest][1]:
        public = LIBRARIES[dest][1] + "/"
        if not resolved.startswith(public) or os.path.normpath(
                os.path.join(public, target)) != resolved:
            problems.append(f"{path}:{line_no}: includes {resolved} as \"{target}\" "
                            f"[spell another library's header from its include folder: "
                            f"\"{os.path.relpath(resolved, public)}\"]")
    return problems


def source_files(root):
    folders = [folder for (folder, _, _, _) in LIBRARIES.values()] + TEST_FOLDERS
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames[:] = sorted(d for d in dirnames if d != "build")
            for name in sorted(filenames):
                if name.endswith(SOURCE_SUFFIXES):
                    yield os.path.relpath(os.path.join(dirpath, name), root)


def check_includes(root):
    problems = []
    count = 0
    for path in source_files(root):
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            for line_no, line in enumerate(f, 1):
                m = INCLUDE_RE.match(line)
                if not m:
                    continue
                resolved = resolve(root, path, m.group(1))
                if resolved is None:
                    continue
                count += 1
                problems += check_include(path, line_no, m.group(1), resolved)
    return problems, count


def check_links(root):
    """target_link_libraries of each library target names only libraries its layer allows."""
    problems = []
    for (folder, _, _, _) in LIBRARIES.values():
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames[:] = sorted(d for d in dirnames if d != "build")
            if "CMakeLists.txt" not in filenames:
                continue
            path = os.path.relpath(os.path.join(dirpath, "CMakeLists.txt"), root)
            with open(os.path.join(root, path), encoding="utf-8") as f:
                text = f.read()
            for m in LINK_RE.finditer(text):
                lib = TARGETS.get(m.group(1))
                if lib is None:
                    continue
                line_no = text.count("\n", 0, m.start()) + 1
                for word in m.group(2).split():
                    dest = TARGETS.get(word)
                    if dest and dest != lib and dest not in LIBRARIES[lib][3]:
                        problems.append(
                            f"{path}:{line_no}: {m.group(1)} links {word} from {dest} "
                            f"[{lib} depends only on: {', '.join(LIBRARIES[lib][3]) or 'nothing'}]")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = parser.parse_args()
    problems, count = check_includes(args.root)
    problems += check_links(args.root)
    for p in problems:
        print(f"check-layers: {p}", file=sys.stderr)
    if problems:
        print(f"check-layers: {len(problems)} include(s) or link(s) break the layers; "
              "see CONTRIBUTING.md (Layout)", file=sys.stderr)
        return 1
    if count == 0:
        print("check-layers: no project include found; is --root the repository?", file=sys.stderr)
        return 2
    print(f"check-layers: {count} includes and the CMake links follow the layers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
