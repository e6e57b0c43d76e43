"""Writes GGUF files by the documented layout (ggml docs/gguf.md) and checks `greenlint
estimate`: tensor count, parameters and weight bytes exactly; then damaged and hostile files,
each refused with exit 2 and the byte where it goes wrong.

usage: gguf_models.py GREENLINT OUTDIR
"""
import json
import struct
import subprocess
import sys

greenlint, out = sys.argv[1], sys.argv[2]

# ggml type ids and block layouts (weights per block, bytes per block), by hand from ggml's
# block structs: F32 4 bytes, F16 2, Q4_0 an fp16 scale + 16 bytes of nibbles per 32,
# Q8_0 an fp16 scale + 32 bytes per 32, Q4_K 2+2+12+128 bytes per 256.
F32, F16, Q4_0, Q8_0, Q4_K = 0, 1, 2, 8, 12
BLOCK = {F32: (1, 4), F16: (1, 2), Q4_0: (32, 18), Q8_0: (32, 34), Q4_K: (256, 144)}

UINT32, STRING, ARRAY, UINT64 = 4, 8, 9, 10


def s(text):
    b = text if isinstance(text, bytes) else text.encode()
    return struct.pack("<Q", len(b)) + b


def kv(key, vtype, value):
    return s(key) + struct.pack("<I", vtype) + value


def gguf(tensors, metadata, version=3, alignment=32):
    """tensors: (name, dims, type[, type written instead]). Returns the whole file."""
    head = b"GGUF" + struct.pack("<IQQ", version, len(tensors), len(metadata))
    head += b"".join(metadata)
    infos, offset, sizes = b"", 0, []
    for name, dims, ttype, *written in tensors:
        n = 1
        for d in dims:
            n *= d
        per, size = BLOCK[ttype]
        nbytes = n // per * size
        infos += s(name) + struct.pack("<I", len(dims)) + b"".join(
            struct.pack("<Q", d) for d in dims) + struct.pack("<IQ", (written or [ttype])[0], offset)
        sizes.append(nbytes)
        offset += (nbytes + alignment - 1) // alignment * alignment
    body = head + infos
    body += b"\0" * ((alignment - len(body) % alignment) % alignment)
    return body + b"\0" * offset


tensors = [
    ("token_embd.weight", [64, 100], F16),
    ("blk.0.attn_q.weight", [64, 64], Q4_0),
    ("blk.0.ffn_up.weight", [256, 64], Q4_K),
    ("output_norm.weight", [64], F32),
    ("output.weight", [64, 100], Q8_0),
]
metadata = [
    kv("general.architecture", STRING, s("llama")),
    kv("general.name", STRING, s("tiny test model")),
    kv("llama.context_length", UINT32, struct.pack("<I", 4096)),
    # A token list, as real files carry: skipped, not kept.
    kv("tokenizer.ggml.tokens", ARRAY, struct.pack("<IQ", STRING, 3) + s("a") + s("bb") + s("c")),
]
with open(out + "/tiny.gguf", "wb") as f:
    f.write(gguf(tensors, metadata))

params = 64 * 100 + 64 * 64 + 256 * 64 + 64 + 64 * 100  # 33,344
weight_bytes = (64 * 100 * 2 + 64 * 64 // 32 * 18 + 256 * 64 // 256 * 144 + 64 * 4 +
                64 * 100 // 32 * 34)  # 12,800 + 2,304 + 9,216 + 256 + 6,800 = 31,376
r = subprocess.run([greenlint, "estimate", "--format", "json", out + "/tiny.gguf"],
                   capture_output=True, text=True)
assert r.returncode == 0, r.stderr
m = json.loads(r.stdout)["models"][0]
d = m["details"]
assert d["tensors"] == 5, d
assert m["parameters"] == params, (m["parameters"], params)
assert m["weight_bytes"] == weight_bytes, (m["weight_bytes"], weight_bytes)
assert d["context_length"] == 4096 and d["architecture"] == "llama", d
assert d["weight_types"]["Q4_K"] == {"tensors": 1, "parameters": 16384, "bytes": 9216.0}, d
assert m["dtype"] == "F16", m["dtype"]  # the type holding most bytes
# FLOPs per token: 2 x the parameters outside the token embedding (a lookup).
assert m["flops_per_sample"] == 2 * (params - 64 * 100), m["flops_per_sample"]
print("ok tiny.gguf: 5 tensors, %d parameters, %d weight bytes, context 4096" %
      (params, weight_bytes))

good = gguf(tensors, metadata)


def refused(name, data, expect):
    path = out + "/" + name + ".gguf"
    with open(path, "wb") as f:
        f.write(data)
    r = subprocess.run([greenlint, "estimate", path], capture_output=True, text=True)
    assert r.returncode == 2, (name, r.returncode, r.stdout, r.stderr)
    assert r.stderr.startswith("greenlint: " + path + ": byte "), (name, r.stderr)
    assert expect in r.stderr, (name, expect, r.stderr)
    print("ok refused %s: %s" % (name, r.stderr.split(": ", 3)[3].split(";")[0]))


# Cut inside the tensor table, and cut inside the data.
refused("cut-header", good[:200], "truncated")
refused("cut-data", good[:len(good) - 100], "past the end of the file")
refused("bad-magic", b"GGUX" + good[4:], "GGUF magic")
refused("version-9", good[:4] + struct.pack("<I", 9) + good[8:], "version 9")
# Counts and lengths no file could hold: refused before anything is allocated.
refused("huge-tensor-count", good[:8] + struct.pack("<Q", 1 << 60) + good[16:],
        "tensor count")
refused("huge-kv-count", good[:16] + struct.pack("<Q", 1 << 62) + good[24:], "metadata count")
refused("huge-key", good[:24] + struct.pack("<Q", 1 << 63) + good[32:], "a metadata key")
huge_array = [kv("tokenizer.ggml.tokens", ARRAY, struct.pack("<IQ", UINT32, 1 << 61))]
refused("huge-array", gguf(tensors, huge_array), "does not fit")
nested = struct.pack("<IQ", ARRAY, 1) * 100
refused("deep-arrays", gguf(tensors, [kv("x", ARRAY, nested)]), "nest deeper")
refused("five-dims", gguf([("t", [1, 1, 1, 1, 1], F32)], []), "5 dimensions")
# 33 weights per row cannot be stored in Q4_0's blocks of 32.
refused("bad-block", gguf([("t", [33, 2], F32, Q4_0)], []), "not a multiple")
refused("value-type", gguf(tensors, [kv("x", 77, b"")]), "not a GGUF type")

# A model name that is not UTF-8 (as in a damaged file) is shown replaced, not fatal.
with open(out + "/latin1.gguf", "wb") as f:
    f.write(gguf([("t.weight", [32], F32)], [kv("general.name", STRING, s(b"caf\xe9"))]))
r = subprocess.run([greenlint, "estimate", "--format", "json", out + "/latin1.gguf"],
                   capture_output=True, text=True)
assert r.returncode == 0, r.stderr
assert json.loads(r.stdout)["models"][0]["details"]["name"] == "caf\ufffd", r.stdout
print("ok latin1.gguf: a name that is not UTF-8")

# Two versions of one model for the diff: the head has one more Q4_K layer
# (+16,384 parameters, +9,216 bytes).
import os
for side, extra in (("base", []), ("head", [("blk.1.ffn_up.weight", [256, 64], Q4_K)])):
    os.makedirs("%s/%s" % (out, side), exist_ok=True)
    with open("%s/%s/model.gguf" % (out, side), "wb") as f:
        f.write(gguf(tensors + extra, metadata))
