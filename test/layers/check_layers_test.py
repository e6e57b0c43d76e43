#!/usr/bin/env python3
"""Shows that scripts/check-layers.py passes on the tree as it is and fails, naming the file,
the line and the rule, on each kind of include or link that breaks the layers. Each case plants
one bad line in a fresh copy of the sources, so the check cannot pass by finding nothing."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHECK = os.path.join(ROOT, "scripts", "check-layers.py")
FOLDERS = ["data", "apis", "estimate", "rules", "plugin", "tools", "runtime",
           "test/unit", "test/bench", "test/fuzz"]


def copy_sources(dest):
    for folder in FOLDERS:
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(dest, folder),
                        ignore=shutil.ignore_patterns("build", "*.yaml", "*.md"))


def run(root):
    p = subprocess.run([sys.executable, CHECK, "--root", root], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


class CheckLayersTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="greenlint-layers-")
        copy_sources(self.tmp)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def plant(self, path, line):
        """Appends `line` to `path` in the copy (creating it) and returns its line number."""
        full = os.path.join(self.tmp, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        text = ""
        if os.path.exists(full):
            with open(full) as f:
                text = f.read()
        if text and not text.endswith("\n"):
            text += "\n"
        text += line + "\n"
        with open(full, "w") as f:
            f.write(text)
        return text.count("\n")

    def assertFails(self, path, line, *words):
        line_no = self.plant(path, line)
        rc, out = run(self.tmp)
        self.assertEqual(rc, 1, out)
        self.assertIn(f"{path}:{line_no}:", out)
        for w in words:
            self.assertIn(w, out)

    def test_tree_as_is_passes(self):
        rc, out = run(self.tmp)
        self.assertEqual(rc, 0, out)
        self.assertIn("includes and the CMake links follow the layers", out)

    def test_rule_including_runtime_private_header(self):
        self.assertFails("rules/Rule.cpp", '#include "Sampler.h"',
                         "runtime/src/Sampler.h", "rules may not use")

    def test_library_including_another_library_src(self):
        self.assertFails("tools/Grids.cpp", '#include "../data/src/YamlUtil.h"',
                         "private to data")

    def test_lower_layer_including_higher_one(self):
        self.assertFails("data/src/Grid.cpp", '#include "greenlint/apis/ApiModel.h"',
                         "data depends only on: nothing")

    def test_estimate_including_rules(self):
        self.assertFails("estimate/src/Estimator.cpp", '#include "support/TrainingLoop.h"',
                         "rules/support/TrainingLoop.h", "estimate depends only on: apis, data")

    def test_public_header_by_relative_path(self):
        self.assertFails("plugin/Facts.cpp",
                         '#include "../estimate/include/greenlint/estimate/Estimator.h"',
                         '"greenlint/estimate/Estimator.h"')

    def test_test_including_another_library_private_header(self):
        self.assertFails("test/unit/tools/SciTest.cpp", '#include "Sampler.h"',
                         "private to runtime")

    def test_cmake_link_against_the_layers(self):
        self.assertFails("data/CMakeLists.txt",
                         "target_link_libraries(greenlint_data PRIVATE greenlint_rules)",
                         "greenlint_data links greenlint_rules")

    def test_empty_tree_is_an_error_not_a_pass(self):
        empty = tempfile.mkdtemp(prefix="greenlint-layers-empty-")
        try:
            rc, out = run(empty)
        finally:
            shutil.rmtree(empty)
        self.assertEqual(rc, 2, out)


if __name__ == "__main__":
    unittest.main()
