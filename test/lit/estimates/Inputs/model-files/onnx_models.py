"""Builds small ONNX models with python3-onnx and checks `greenlint estimate` against
figures worked out by hand here (parameters exactly, FLOPs within 1%).

usage: onnx_models.py GREENLINT OUTDIR
Prints one "ok ..." line per check; an assertion names the figure that differs.
"""
import json
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

greenlint, out = sys.argv[1], sys.argv[2]


def init(name, shape, dtype=np.float32):
    return numpy_helper.from_array(np.zeros(shape, dtype=dtype), name)


def estimate(path, *args):
    r = subprocess.run([greenlint, "estimate", "--format", "json", *args, path],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["models"][0]


def close(got, want, what):
    assert abs(got - want) <= 0.01 * want, "%s: greenlint %s, by hand %s" % (what, got, want)


# --- A CNN + MLP + attention graph, batch 'batch' symbolic --------------------------------------
# x[batch,3,16,16] -Conv(8,3x3,pad 1)-> [b,8,16,16] -Relu- -MaxPool 2x2/2-> [b,8,8,8]
# -Flatten-> [b,512] -Gemm(64, transB)-> [b,64] -Relu- -Reshape [0,4,16]-> [b,4,16]
# -MatMul [16,16]-> -Add [16]- -Softmax- -MultiHeadAttention(2 heads, q=k=v)-> [b,4,16]
# -Einsum (no formula: listed, not counted)
nodes = [
    helper.make_node("Conv", ["x", "conv_w", "conv_b"], ["c"], pads=[1, 1, 1, 1],
                     kernel_shape=[3, 3]),
    helper.make_node("Relu", ["c"], ["r"]),
    helper.make_node("MaxPool", ["r"], ["p"], kernel_shape=[2, 2], strides=[2, 2]),
    helper.make_node("Flatten", ["p"], ["f"], axis=1),
    helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["g"], transB=1),
    helper.make_node("Relu", ["g"], ["gr"]),
    helper.make_node("Reshape", ["gr", "shape"], ["s"]),
    helper.make_node("MatMul", ["s", "mm_w"], ["m"]),
    helper.make_node("Add", ["m", "mm_b"], ["a"]),
    helper.make_node("Softmax", ["a"], ["sm"], axis=-1),
    helper.make_node("MultiHeadAttention", ["sm", "sm", "sm"], ["att"], domain="com.microsoft",
                     num_heads=2),
    helper.make_node("Einsum", ["att"], ["y"], equation="bij->bji"),
]
inits = [init("conv_w", (8, 3, 3, 3)), init("conv_b", (8,)), init("fc_w", (64, 512)),
         init("fc_b", (64,)), init("mm_w", (16, 16)), init("mm_b", (16,)),
         numpy_helper.from_array(np.array([0, 4, 16], dtype=np.int64), "shape")]
graph = helper.make_graph(
    nodes, "cnn_mlp_attention",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, 16, 16])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13),
                                                helper.make_opsetid("com.microsoft", 1)])
onnx.save(model, out + "/cnn.onnx")


def cnn_flops(b):
    conv = 2 * b * 8 * 16 * 16 * 3 * 3 * 3 + b * 8 * 16 * 16  # MACs x 2 + bias
    relu1 = b * 8 * 16 * 16
    pool = b * 8 * 8 * 8 * 4  # 2x2 window per output
    gemm = 2 * b * 64 * 512 + b * 64
    relu2 = b * 64
    matmul = 2 * b * 4 * 16 * 16
    add = b * 4 * 16
    softmax = 3 * b * 4 * 16
    # 2 heads of 8; S = L = 4: scores 2*B*H*S*L*d, softmax 3*B*H*S*L, context 2*B*H*S*L*d
    attention = 2 * b * 2 * 4 * 4 * 8 + 3 * b * 2 * 4 * 4 + 2 * b * 2 * 4 * 4 * 8
    return {"Conv": conv, "Relu": relu1 + relu2, "MaxPool": pool, "Gemm": gemm,
            "MatMul": matmul, "Add": add, "Softmax": softmax,
            "com.microsoft.MultiHeadAttention": attention}


params = 8 * 3 * 3 * 3 + 8 + 64 * 512 + 64 + 16 * 16 + 16  # the int64 shape is no parameter
m = estimate(out + "/cnn.onnx")
assert m["parameters"] == params, (m["parameters"], params)
assert m["weight_bytes"] == 4 * params, m["weight_bytes"]
want = cnn_flops(1)
close(m["flops_per_sample"], sum(want.values()), "total FLOPs")
ops = {o["op"]: o["flops"] for o in m["details"]["ops"]}
for op, f in want.items():
    close(ops[op], f, op)
assert ops["Flatten"] == 0 and ops["Reshape"] == 0, ops
missing = m["details"]["ops_not_counted"]
assert [(o["op"], o["count"]) for o in missing] == [("Einsum", 1)], missing
assert m["details"]["flops_lower_bound"] is True
assert "lower bound" in m["flops_basis"] and "'batch' taken as 1" in m["flops_basis"], m
print("ok cnn: %d parameters, %d FLOPs, Einsum not counted" % (params, m["flops_per_sample"]))

# The batch scales every op's FLOPs, and the parameters not at all.
m8 = estimate(out + "/cnn.onnx", "--dim", "batch=8")
close(m8["flops_per_sample"], sum(cnn_flops(8).values()), "FLOPs at batch 8")
assert m8["parameters"] == params
print("ok cnn at batch 8: %d FLOPs" % m8["flops_per_sample"])

# --- Strided, grouped convolutions, ConvTranspose, a Gemm with transA, float16 weights ---------
# x[2,4,9,9] -Conv(8, 3x3, stride 2, group 2, no bias)-> [2,8,4,4]
# -ConvTranspose(8->6, 2x2, stride 2, bias)-> [2,6,8,8] -GlobalAveragePool-> [2,6,1,1]
# -Flatten-> [2,6] -Transpose-> [6,2] -Gemm(transA, B [6,5], C [5])-> [2,5]
nodes = [
    helper.make_node("Conv", ["x", "w1"], ["c"], strides=[2, 2], group=2),
    helper.make_node("ConvTranspose", ["c", "w2", "b2"], ["t"], strides=[2, 2]),
    helper.make_node("GlobalAveragePool", ["t"], ["g"]),
    helper.make_node("Flatten", ["g"], ["f"]),
    helper.make_node("Transpose", ["f"], ["ft"], perm=[1, 0]),
    helper.make_node("Gemm", ["ft", "w3", "b3"], ["y"], transA=1),
]
inits = [init("w1", (8, 2, 3, 3), np.float16), init("w2", (8, 6, 2, 2), np.float16),
         init("b2", (6,), np.float16), init("w3", (6, 5), np.float16),
         init("b3", (5,), np.float16)]
graph = helper.make_graph(nodes, "conv_variants",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT16, [2, 4, 9, 9])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT16, [2, 5])], inits)
onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]),
          out + "/conv.onnx")
params = 8 * 2 * 9 + 8 * 6 * 4 + 6 + 6 * 5 + 5
want = {
    # out 4x4 (floor((9-3)/2)+1); each output: (4/2 channels) x 9 MACs
    "Conv": 2 * 2 * 8 * 4 * 4 * 2 * 9,
    # every input element [2,8,4,4] scatters into 6 x 2x2 outputs; bias on [2,6,8,8]
    "ConvTranspose": 2 * (2 * 8 * 4 * 4) * 6 * 4 + 2 * 6 * 8 * 8,
    "GlobalAveragePool": 2 * 6 * 8 * 8,
    "Gemm": 2 * 2 * 5 * 6 + 2 * 5,
}
m = estimate(out + "/conv.onnx")
assert m["parameters"] == params, (m["parameters"], params)
assert m["weight_bytes"] == 2 * params and m["dtype"] == "float16", m
ops = {o["op"]: o["flops"] for o in m["details"]["ops"]}
for op, f in want.items():
    close(ops[op], f, op)
close(m["flops_per_sample"], sum(want.values()), "total FLOPs")
assert m["details"]["ops_not_counted"] == [] and m["details"]["flops_lower_bound"] is False
print("ok conv: %d parameters, %d FLOPs, nothing uncounted" % (params, m["flops_per_sample"]))

# --- A shape the walk cannot follow: the op after it is listed with the reason ------------------
nodes = [helper.make_node("NonZero", ["x"], ["nz"]),
         helper.make_node("MatMul", ["nz", "w"], ["y"])]
graph = helper.make_graph(nodes, "unknown_shape",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4, 4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
                          [init("w", (4, 4))])
onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]),
          out + "/unknown.onnx")
m = estimate(out + "/unknown.onnx")
missing = {o["op"]: o["reason"] for o in m["details"]["ops_not_counted"]}
assert set(missing) == {"NonZero", "MatMul"}, missing
assert "shape" in missing["MatMul"], missing
print("ok unknown shapes: NonZero and MatMul listed")

# --- A PyTorch-export-like graph: x.view(x.size(0), -1) as Shape/Gather/Unsqueeze/Concat/
# Reshape, batch and layer normalisation, Slice, com.microsoft Attention, a reduction, and
# weights in an external data file -------------------------------------------------------------
# x[2,3,8,8] -BatchNormalization-> -Reshape [size(0),-1]-> [2,192] -Slice [:, 0:64]-> [2,64]
# -Reshape [2,4,16]- -LayerNormalization- -Attention(4 heads, W [16,48])-> [2,4,16]
# -ReduceMean axis 1-> [2,16] -MatMul [16,3]-> [2,3]
def const(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


nodes = [
    helper.make_node("BatchNormalization", ["x", "bn_s", "bn_b", "bn_m", "bn_v"], ["bn"]),
    helper.make_node("Shape", ["bn"], ["shp"]),
    helper.make_node("Gather", ["shp", "zero"], ["n"], axis=0),
    helper.make_node("Unsqueeze", ["n", "axes0"], ["n1"]),
    helper.make_node("Concat", ["n1", "minus1"], ["flat_shape"], axis=0),
    helper.make_node("Reshape", ["bn", "flat_shape"], ["flat"]),
    helper.make_node("Slice", ["flat", "starts", "ends", "axes1"], ["sl"]),
    helper.make_node("Reshape", ["sl", "seq_shape"], ["seq"]),
    helper.make_node("LayerNormalization", ["seq", "ln_s", "ln_b"], ["ln"], axis=-1),
    helper.make_node("Attention", ["ln", "att_w", "att_b"], ["att"], domain="com.microsoft",
                     num_heads=4),
    helper.make_node("ReduceMean", ["att"], ["mean"], axes=[1], keepdims=0),
    helper.make_node("MatMul", ["mean", "head_w"], ["y"]),
]
inits = [init("bn_s", (3,)), init("bn_b", (3,)), init("bn_m", (3,)), init("bn_v", (3,)),
         numpy_helper.from_array(np.array(0, dtype=np.int64), "zero"), const("axes0", [0]),
         const("minus1", [-1]), const("starts", [0]), const("ends", [64]), const("axes1", [1]),
         const("seq_shape", [2, 4, 16]), init("ln_s", (16,)), init("ln_b", (16,)),
         init("att_w", (16, 48)), init("att_b", (48,)), init("head_w", (16, 3))]
graph = helper.make_graph(nodes, "export_like",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3, 8, 8])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17),
                                                helper.make_opsetid("com.microsoft", 1)])
# The big weights go to weights.bin; the small shape constants stay inline.
onnx.external_data_helper.convert_model_to_external_data(
    model, all_tensors_to_one_file=True, location="weights.bin", size_threshold=100)
onnx.save(model, out + "/export.onnx")
params = 4 * 3 + 16 + 16 + 16 * 48 + 48 + 16 * 3
want = {
    "BatchNormalization": 2 * 2 * 3 * 8 * 8,  # a scale and shift per element
    "LayerNormalization": 7 * 2 * 4 * 16,
    # projection 2*B*S*E*3E + bias B*S*3E; core with 4 heads of 4, S = L = 4
    "com.microsoft.Attention": 2 * 2 * 4 * 16 * 48 + 2 * 4 * 48 + 2 * 2 * 4 * 4 * 4 * 4 +
                               3 * 2 * 4 * 4 * 4 + 2 * 2 * 4 * 4 * 4 * 4,
    "ReduceMean": 2 * 4 * 16,
    "MatMul": 2 * 2 * 16 * 3,
}
m = estimate(out + "/export.onnx")
assert m["parameters"] == params, (m["parameters"], params)
ops = {o["op"]: o["flops"] for o in m["details"]["ops"]}
for op, f in want.items():
    close(ops[op], f, op)
close(m["flops_per_sample"], sum(want.values()), "total FLOPs")
assert m["details"]["ops_not_counted"] == [], m["details"]["ops_not_counted"]
assert m["details"]["external_data"] == ["weights.bin"], m["details"]
print("ok export: %d parameters, %d FLOPs, shapes through Shape/Gather/Concat/Reshape and Slice"
      % (params, m["flops_per_sample"]))
