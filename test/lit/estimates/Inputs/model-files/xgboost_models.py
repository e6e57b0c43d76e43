"""Checks `greenlint estimate` on XGBoost models: the booster xgboost_model.c trained and
saved (JSON and UBJSON) against XGBoost's own dump, a hand-written model against a hand
count, and damaged trees.

usage: xgboost_models.py GREENLINT OUTDIR DUMP_COUNTS.json
"""
import json
import subprocess
import sys

greenlint, out = sys.argv[1], sys.argv[2]
with open(sys.argv[3]) as f:
    dump = json.load(f)


def run(path):
    return subprocess.run([greenlint, "estimate", "--format", "json", path],
                          capture_output=True, text=True)


for name in ("booster.json", "booster.ubj"):
    r = run(out + "/" + name)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)["models"][0]["details"]
    for key, want in dump.items():
        assert d[key] == want, (name, key, d[key], want)
    print("ok %s: %d trees, %d nodes, %d leaves, depth %d, as XGBoost's dump" % (
        name, dump["trees"], dump["nodes"], dump["leaves"], dump["max_depth"]))


def tree(left, right):
    n = len(left)
    return {"left_children": left, "right_children": right, "parents": [0] * n,
            "split_indices": [0] * n, "split_conditions": [0.0] * n,
            "tree_param": {"num_nodes": str(n), "num_feature": "2"}}


def model(trees, name="gbtree"):
    body = {"name": "gbtree", "model": {"gbtree_model_param": {"num_trees": str(len(trees)),
                                                                "num_parallel_tree": "1"},
                                        "trees": trees, "tree_info": [0] * len(trees)}}
    if name == "dart":
        body = {"name": "dart", "gbtree": body, "weight_drop": [1.0] * len(trees)}
    return {"learner": {"gradient_booster": body,
                        "learner_model_param": {"num_feature": "2", "num_class": "0"},
                        "objective": {"name": "reg:squarederror"}},
            "version": [1, 7, 4]}


# By hand: tree 0 is a root with two leaves (3 nodes, depth 1); tree 1 splits its left child
# again (5 nodes, 3 leaves, depth 2); tree 2 is a single leaf (depth 0).
# Trees 3, nodes 9, leaves 6, depth 2, comparisons 1 + 2 + 0 = 3.
trees = [tree([1, -1, -1], [2, -1, -1]),
         tree([1, 3, -1, -1, -1], [2, 4, -1, -1, -1]),
         tree([-1], [-1])]
hand = {"trees": 3, "nodes": 9, "leaves": 6, "max_depth": 2, "max_comparisons_per_sample": 3}
for kind in ("gbtree", "dart"):
    path = "%s/hand-%s.json" % (out, kind)
    with open(path, "w") as f:
        json.dump(model(trees, kind), f)
    r = run(path)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)["models"][0]["details"]
    for key, want in hand.items():
        assert d[key] == want, (kind, key, d[key], want)
    print("ok hand-written %s: 3 trees, 9 nodes, 6 leaves, depth 2" % kind)


def refused(name, text, expect):
    path = "%s/%s.json" % (out, name)
    with open(path, "w") as f:
        f.write(text)
    r = run(path)
    assert r.returncode == 2 and expect in r.stderr, (name, r.returncode, r.stderr)
    print("ok refused %s: %s" % (name, r.stderr.split(": ", 2)[2].split(";")[0]))


refused("root-child", json.dumps(model([tree([1, 0], [1, 0])])), "child 0")
refused("cycle", json.dumps(model([tree([1, 2, -1], [2, 1, -1])])), "reached twice")
refused("out-of-range", json.dumps(model([tree([1, -1], [7, -1])])), "outside the tree")
refused("not-xgboost", json.dumps({"weights": [1, 2]}), "no /learner object")
refused("not-json", "{\"learner\": [1, 2", "not valid JSON")
refused("too-deep", "[" * 100000 + "]" * 100000, "nests deeper")
