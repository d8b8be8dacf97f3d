#!/usr/bin/env python3
"""Generates test/golden/keras-blocks.json: Keras 3 recurrent layers, wrappers, attention, group norm.

The oracle is the port of Keras 3's shape code (keras-port.py and keras-port-blocks.py, which
cites the Keras commit it ports); see keras_layers.py for why no real Keras runs here. A case's
`expected` is the output shape (`outputs`, a list of shapes, when the layer returns several
tensors), the trainable and non-trainable parameter counts, or the error Keras raises.
A wrapped layer (Bidirectional, TimeDistributed) is written as {"layer": ..., "keywords": ...}.

Run: /usr/bin/python3 tools/golden/keras_blocks.py   (seeded; the output is deterministic)
"""
import importlib.util
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
for _name, _file in (("keras_port", "keras-port.py"), ("keras_port_blocks", "keras-port-blocks.py")):
    _spec = importlib.util.spec_from_file_location(_name, os.path.join(HERE, _file))
    _module = importlib.util.module_from_spec(_spec)
    sys.modules[_name] = _module
    _spec.loader.exec_module(_module)
K = sys.modules["keras_port"]

OUT = os.path.join(HERE, "..", "..", "test", "golden", "keras-blocks.json")
R = random.Random(20261207)


def tuples(v):
    return tuple(tuples(x) for x in v) if isinstance(v, list) else v


def construct(desc):
    """A port layer from {"layer", "keywords"}; nested layer descriptions are built first."""
    kw = {}
    for k, v in desc["keywords"].items():
        kw[k] = construct(v) if isinstance(v, dict) and "layer" in v else tuples(v)
    return getattr(K, desc["layer"])(**kw, name=desc.get("name"))


def run(layer, keywords, inputs, call=None, name=None):
    case = {"layer": layer, "keywords": keywords, "inputs": inputs}
    if name:
        case["name"] = name
    if call:
        case["call"] = call
    try:
        obj = construct(case)
    except K.KerasError as e:
        case["expected"] = {"stage": "construct", "error": {"code": e.code, "message": e.message}}
        return case
    try:
        if isinstance(obj, K.MultiHeadAttention):
            out = obj(inputs, **(call or {}))
        else:
            out = obj(tuple(inputs[0]))
    except K.KerasError as e:
        case["expected"] = {"stage": "call", "error": {"code": e.code, "message": e.message}}
        return case
    trainable = obj.trainable_params()
    total = sum(math.prod(s) for s, _ in obj.weights)
    shapes = {"outputs": [list(s) for s in out]} if isinstance(out, list) else {"output": list(out)}
    case["expected"] = {**shapes, "params": trainable, "nonTrainable": total - trainable}
    return case


def size(lo=1, hi=64, none=0.1):
    return None if R.random() < none else R.randint(lo, hi)


def sequence(features=None):
    batch = None if R.random() < 0.8 else R.randint(1, 8)
    return [batch, size(1, 50, 0.3), features if features is not None else R.choice([1, 4, 8, 16, 32, 64, 100])]


def maybe_rank_error(shape):
    roll = R.random()
    if roll < 0.05:
        return shape[:-1]
    if roll < 0.08:
        return shape + [R.randint(1, 4)]
    return shape


def rnn_keywords(kind):
    kw = {"units": R.choice([1, 8, 16, 32, 64, 128]) if R.random() > 0.03 else 0}
    for k, p in (("return_sequences", 0.5), ("return_state", 0.35)):
        if R.random() < p:
            kw[k] = True
    if R.random() < 0.15:
        kw["use_bias"] = False
    if kind == "GRU" and R.random() < 0.3:
        kw["reset_after"] = False
    return kw


def rnn_cases(n):
    cases = []
    for _ in range(n):
        kind = R.choice(["SimpleRNN", "LSTM", "LSTM", "GRU"])
        cases.append(run(kind, rnn_keywords(kind), [maybe_rank_error(sequence())], name=R.choice([None] * 4 + ["encoder"])))
    return cases


def bidirectional_cases(n):
    cases = []
    for _ in range(n):
        kind = R.choice(["SimpleRNN", "LSTM", "LSTM", "GRU"])
        kw = {"layer": {"layer": kind, "keywords": rnn_keywords(kind)}}
        if R.random() < 0.7:
            kw["merge_mode"] = R.choice(["concat", "sum", "mul", "ave", None, None, "max"])
        cases.append(run("Bidirectional", kw, [maybe_rank_error(sequence())]))
    return cases


def inner_layer():
    roll = R.random()
    if roll < 0.4:
        return {"layer": "Dense", "keywords": {"units": R.choice([1, 10, 64])}}, [R.randint(1, 32)]
    if roll < 0.75:
        kw = {"filters": R.choice([4, 8, 16]), "kernel_size": R.choice([1, 3, 5]), "padding": R.choice(["valid", "same"])}
        if R.random() < 0.3:
            kw["strides"] = 2
        return {"layer": "Conv2D", "keywords": kw}, [size(1, 32, 0.05), size(1, 32, 0.05), R.choice([1, 3])]
    if roll < 0.9:
        return {"layer": "MaxPooling2D", "keywords": {"pool_size": R.choice([2, 3])}}, [R.randint(1, 32), R.randint(1, 32), 8]
    return {"layer": "Flatten", "keywords": {}}, [R.randint(1, 8), R.randint(1, 8), 4]


def time_distributed_cases(n):
    cases = []
    for _ in range(n):
        inner, step = inner_layer()
        shape = [None, size(1, 20, 0.3)] + step
        if R.random() < 0.05:
            shape = shape[:2]
        cases.append(run("TimeDistributed", {"layer": inner}, [shape]))
    return cases


def conv_lstm_cases(n):
    cases = []
    for _ in range(n):
        rank = R.choice([1, 2, 2, 2, 3])
        kw = {"filters": R.choice([4, 8, 16, 32]), "kernel_size": R.choice([1, 3, 5]) if R.random() < 0.7 else [R.randint(1, 5) for _ in range(rank)]}
        if R.random() < 0.5:
            kw["padding"] = R.choice(["valid", "same"])
        if R.random() < 0.3:
            kw["strides"] = R.choice([1, 2])
        if R.random() < 0.15:
            kw["dilation_rate"] = 2
        fmt = R.choice([None, None, None, "channels_first"])
        if fmt:
            kw["data_format"] = fmt
        for k, p in (("return_sequences", 0.5), ("return_state", 0.25)):
            if R.random() < p:
                kw[k] = True
        spatial = [size(1, 40, 0.05) for _ in range(rank)]
        channels = R.choice([1, 3, 8])
        shape = [None, size(1, 12, 0.3)] + ([channels] + spatial if fmt else spatial + [channels])
        cases.append(run(f"ConvLSTM{rank}D", kw, [maybe_rank_error(shape)]))
    return cases


def group_norm_cases(n):
    cases = []
    for _ in range(n):
        rank = R.choice([2, 3, 4, 4, 5])
        shape = [None] + [R.randint(1, 16) for _ in range(rank - 2)] + [R.choice([4, 8, 16, 32, 64, 6, 12])]
        kw = {}
        if R.random() < 0.8:
            kw["groups"] = R.choice([1, 2, 3, 4, 8, 16, 32, -1, 0])
        if R.random() < 0.2:
            kw["axis"] = R.choice([1, -1])
        if R.random() < 0.2:
            kw["center"] = False
        if R.random() < 0.1:
            kw["scale"] = False
        cases.append(run("GroupNormalization", kw, [shape]))
    return cases


def mha_cases(n):
    cases = []
    for _ in range(n):
        rank = R.choice([3, 3, 3, 3, 4])
        batch = None
        q_len = size(1, 64, 0.2)
        kv_len = R.choice([q_len, q_len, size(1, 64, 0.2)])
        mid = [R.randint(2, 8) for _ in range(rank - 3)]
        dim = R.choice([16, 32, 64, 128])
        query = [batch] + mid + [q_len, dim]
        value = [batch] + mid + [kv_len, R.choice([dim, dim, 48])]
        inputs = [query, value]
        if R.random() < 0.3:
            key = list(value)
            key[-1] = R.choice([dim, 24])
            if R.random() < 0.25:
                key[-2] = (key[-2] or 4) + R.randint(1, 5)
            inputs.append(key)
        if R.random() < 0.15:
            inputs[1] = inputs[1][:-2] + [(inputs[1][-2] or 3) + 2, inputs[1][-1]]
            if len(inputs) == 2:
                inputs.append(list(value))
        kw = {"num_heads": R.choice([1, 2, 4, 8]) if R.random() > 0.03 else 0, "key_dim": R.choice([8, 16, 32, 64])}
        if R.random() < 0.3:
            kw["value_dim"] = R.choice([8, 16, 32])
        if R.random() < 0.2:
            kw["output_shape"] = R.choice([16, 64, [8, 4]])
        if R.random() < 0.15:
            kw["use_bias"] = False
        if rank == 4 and R.random() < 0.5:
            kw["attention_axes"] = R.choice([[1, 2], 2, -2])
        call = {"return_attention_scores": True} if R.random() < 0.3 else None
        cases.append(run("MultiHeadAttention", kw, inputs, call=call))
    return cases


def fixed_cases():
    c = []
    c.append(run("LSTM", {"units": 64}, [[None, 20, 100]]))
    c.append(run("LSTM", {"units": 64, "return_sequences": True, "return_state": True}, [[None, 20, 100]]))
    c.append(run("GRU", {"units": 32, "return_state": True}, [[None, None, 16]]))
    c.append(run("LSTM", {"units": 64}, [[None, 100]]))
    c.append(run("Bidirectional", {"layer": {"layer": "LSTM", "keywords": {"units": 64, "return_sequences": True}}}, [[None, 50, 128]]))
    c.append(run("Bidirectional", {"layer": {"layer": "LSTM", "keywords": {"units": 64, "return_state": True}}, "merge_mode": None}, [[None, 50, 128]]))
    c.append(run("Bidirectional", {"layer": {"layer": "GRU", "keywords": {"units": 8}}, "merge_mode": None}, [[None, 5, 3]]))
    c.append(run("TimeDistributed", {"layer": {"layer": "Dense", "keywords": {"units": 10}}}, [[None, 50, 128]]))
    c.append(run("TimeDistributed", {"layer": {"layer": "Conv2D", "keywords": {"filters": 64, "kernel_size": 3}}}, [[None, 10, 128, 128, 3]]))
    c.append(run("ConvLSTM2D", {"filters": 64, "kernel_size": 3, "padding": "same", "return_sequences": True}, [[None, 10, 40, 40, 1]]))
    c.append(run("GroupNormalization", {"groups": 8}, [[None, 32, 32, 64]]))
    c.append(run("GroupNormalization", {"groups": 5}, [[None, 32, 32, 64]]))
    c.append(run("GroupNormalization", {}, [[None, 32, 32, 16]]))
    c.append(run("MultiHeadAttention", {"num_heads": 2, "key_dim": 2}, [[None, 8, 16], [None, 4, 16]], call={"return_attention_scores": True}))
    c.append(run("MultiHeadAttention", {"num_heads": 8, "key_dim": 64}, [[None, 20, 512], [None, 20, 512], [None, 30, 512]]))
    c.append(run("MultiHeadAttention", {"num_heads": 2, "key_dim": 2, "attention_axes": [2, 3]}, [[None, 5, 3, 4, 16], [None, 5, 3, 4, 16]]))
    return c


def main():
    cases = (fixed_cases() + rnn_cases(220) + bidirectional_cases(120) + time_distributed_cases(80)
             + conv_lstm_cases(80) + group_norm_cases(80) + mha_cases(140))
    doc = {
        "generator": "tools/golden/keras_blocks.py (oracle: tools/golden/keras-port.py + keras-port-blocks.py, "
                     "a port of Keras 3's shape code at keras-team/keras@3422977a5e38fb2f7709aaa9a08e47f0c43d0f60)",
        "note": "Shapes include the batch axis; null is None. params = trainable, nonTrainable = the other weights, "
                "after build. `outputs` when the layer returns a list of tensors.",
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    errors = sum(1 for c in cases if "error" in c["expected"])
    print(f"{len(cases)} cases ({errors} errors) → {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
