#!/usr/bin/env python3
"""Generates test/golden/keras-layers.json: Keras 3 layer shapes and errors for the engine's tests.

No Keras or TensorFlow is installable on these machines, so the oracle is `keras-port.py` next to
this file: a line-for-line port of Keras 3's shape functions and layer constructors/builds, each
citing its Keras source file. TF.js is not used as an oracle (it is wrong for transposed
output_padding/dilation, depthwise dilation, causal, non-positive outputs, keepdims and groups).

Run: /usr/bin/python3 tools/golden/keras_layers.py   (seeded; the output is deterministic)
"""
import importlib.util
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("keras_port", os.path.join(HERE, "keras-port.py"))
K = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(K)

OUT = os.path.join(HERE, "..", "..", "test", "golden", "keras-layers.json")

# Positional parameter order of each constructor (Keras 3), for cases written with positionals.
POSITIONAL = {
    **{f"Conv{r}D": ["filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups"] for r in (1, 2, 3)},
    **{f"Conv{r}DTranspose": ["filters", "kernel_size", "strides", "padding", "output_padding", "data_format", "dilation_rate"] for r in (1, 2, 3)},
    **{f"DepthwiseConv{r}D": ["kernel_size", "strides", "padding", "depth_multiplier", "data_format", "dilation_rate"] for r in (1, 2)},
    **{f"SeparableConv{r}D": ["filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "depth_multiplier"] for r in (1, 2)},
    **{f"{p}Pooling{r}D": ["pool_size", "strides", "padding", "data_format"] for p in ("Max", "Average") for r in (1, 2, 3)},
    "Dense": ["units", "activation", "use_bias"], "Reshape": ["target_shape"], "Permute": ["dims"], "Dropout": ["rate"],
    "Concatenate": ["axis"], "Embedding": ["input_dim", "output_dim"], "BatchNormalization": ["axis"],
    "LayerNormalization": ["axis"], "UpSampling1D": ["size"], "UpSampling2D": ["size", "data_format"],
    "UpSampling3D": ["size", "data_format"], "ZeroPadding1D": ["padding"], "ZeroPadding2D": ["padding", "data_format"],
    "ZeroPadding3D": ["padding", "data_format"], "Cropping1D": ["cropping"], "Cropping2D": ["cropping", "data_format"],
    "Cropping3D": ["cropping", "data_format"],
}


def tuples(v):
    """JSON lists → Python tuples, as a user writes `kernel_size=(3, 3)`."""
    return tuple(tuples(x) for x in v) if isinstance(v, list) else v


def run(layer, keywords, inputs, built=None, name=None, positional_count=0):
    """One case: construct, (optionally build on `built`), call on `inputs`; record shape or error."""
    case = {"layer": layer}
    order = POSITIONAL.get(layer, [])
    positional_count = min(positional_count, len(order))
    while positional_count > 0 and any(order[i] not in keywords for i in range(positional_count)):
        positional_count -= 1
    case["positional"] = [keywords[order[i]] for i in range(positional_count)]
    case["keywords"] = {k: v for k, v in keywords.items() if k not in order[:positional_count]}
    if name:
        case["name"] = name
    case["inputs"] = inputs
    if built is not None:
        case["built"] = built
    cls = getattr(K, layer)
    try:
        obj = cls(**{k: tuples(v) for k, v in keywords.items()}, name=name)
    except K.KerasError as e:
        case["expected"] = {"stage": "construct", "error": {"code": e.code, "message": e.message}}
        return case
    try:
        if built is not None:
            obj(tuple(built))
        arg = [tuple(s) for s in inputs] if len(inputs) > 1 or isinstance(obj, K.Merge) else tuple(inputs[0])
        out = obj(arg)
    except K.KerasError as e:
        case["expected"] = {"stage": "call", "error": {"code": e.code, "message": e.message}}
        return case
    case["expected"] = {"output": list(out), "params": obj.trainable_params()}
    return case


R = random.Random(20240607)


def spatial_size():
    return R.choice([None] + [R.randint(1, 12) for _ in range(4)] + [R.randint(13, 64) for _ in range(6)]) if R.random() < 0.97 else None


def image(rank, channels, fmt):
    spatial = [spatial_size() for _ in range(rank)]
    batch = None if R.random() < 0.8 else R.randint(1, 8)
    return [batch] + ([channels] + spatial if fmt == "channels_first" else spatial + [channels])


def int_or_tuple(rank, lo, hi):
    if R.random() < 0.5:
        return R.randint(lo, hi)
    return [R.randint(lo, hi) for _ in range(rank)]


def data_format():
    return R.choice([None, None, "channels_last", "channels_first"])


def maybe_rank_error(shape):
    """Now and then drop or add an axis to exercise the InputSpec rank checks."""
    roll = R.random()
    if roll < 0.04:
        return shape[:-1]
    if roll < 0.06:
        return shape + [R.randint(1, 4)]
    return shape


def conv_cases(n):
    cases = []
    for _ in range(n):
        kind = R.choice(["Conv", "Conv", "Depthwise", "Separable"])
        rank = R.choice([1, 2, 3]) if kind == "Conv" else R.choice([1, 2])
        layer = {"Conv": f"Conv{rank}D", "Depthwise": f"DepthwiseConv{rank}D", "Separable": f"SeparableConv{rank}D"}[kind]
        kw = {"kernel_size": int_or_tuple(rank, 1, 7)}
        if kind != "Depthwise":
            kw["filters"] = R.choice([1, 2, 3, 4, 6, 8, 12, 16, 32])
        if R.random() < 0.6:
            kw["strides"] = int_or_tuple(rank, 1, 3)
        if R.random() < 0.35:
            kw["dilation_rate"] = int_or_tuple(rank, 1, 3)
        kw["padding"] = R.choice(["valid", "same", "causal"] if layer == "Conv1D" else ["valid", "same"])
        fmt = data_format()
        if fmt:
            kw["data_format"] = fmt
        channels = R.choice([1, 2, 3, 4, 6, 8, 16])
        if kind == "Conv" and R.random() < 0.3:
            kw["groups"] = R.choice([1, 2, 3, 4])
        if kind != "Conv" and R.random() < 0.4:
            kw["depth_multiplier"] = R.choice([1, 2, 3])
        if R.random() < 0.03:
            kw["filters" if kind != "Depthwise" else "depth_multiplier"] = 0
        if R.random() < 0.2:
            kw["use_bias"] = False
        shape = maybe_rank_error(image(rank, channels, fmt))
        cases.append(run(layer, kw, [shape], name=R.choice([None] * 5 + ["block1_conv"]), positional_count=R.randint(0, 3)))
    return cases


def conv_transpose_cases(n):
    cases = []
    for _ in range(n):
        rank = R.choice([1, 2, 3])
        layer = f"Conv{rank}DTranspose"
        kw = {"filters": R.choice([1, 4, 8, 16]), "kernel_size": int_or_tuple(rank, 1, 6), "padding": R.choice(["valid", "same"])}
        if R.random() < 0.7:
            kw["strides"] = int_or_tuple(rank, 1, 4)
        if R.random() < 0.25:
            kw["dilation_rate"] = int_or_tuple(rank, 1, 3)
        if R.random() < 0.5:
            kw["output_padding"] = int_or_tuple(rank, 0, 3)
        fmt = data_format()
        if fmt:
            kw["data_format"] = fmt
        shape = maybe_rank_error(image(rank, R.choice([1, 3, 8]), fmt))
        if len(shape) > rank + 2:
            shape = shape[:rank + 2]  # Keras raises an IndexError there; not a shape rule
        cases.append(run(layer, kw, [shape], positional_count=R.randint(0, 3)))
    return cases


def pooling_cases(n):
    cases = []
    for _ in range(n):
        rank = R.choice([1, 2, 3])
        layer = R.choice(["MaxPooling", "AveragePooling"]) + f"{rank}D"
        kw = {}
        if R.random() < 0.8:
            kw["pool_size"] = int_or_tuple(rank, 1, 5)
        if R.random() < 0.5:
            kw["strides"] = int_or_tuple(rank, 1, 4)
        if R.random() < 0.6:
            kw["padding"] = R.choice(["valid", "same", "valid", "same", "SAME"])
        fmt = data_format()
        if fmt:
            kw["data_format"] = fmt
        shape = maybe_rank_error(image(rank, R.choice([1, 3, 16]), fmt))
        cases.append(run(layer, kw, [shape], positional_count=R.randint(0, 2)))
        g = R.choice(["GlobalAveragePooling", "GlobalMaxPooling"]) + f"{rank}D"
        gkw = {"keepdims": R.choice([False, True])}
        if fmt:
            gkw["data_format"] = fmt
        cases.append(run(g, gkw, [maybe_rank_error(image(rank, R.choice([3, 16]), fmt))]))
    return cases


def dense_cases(n):
    cases = []
    for _ in range(n):
        rank = R.choice([1, 2, 2, 2, 3, 4])
        shape = [None] + [R.randint(1, 64) for _ in range(rank - 1)]
        kw = {"units": R.choice([1, 10, 64, 128]) if R.random() > 0.03 else 0}
        if R.random() < 0.2:
            kw["use_bias"] = False
        built = None
        if rank >= 2 and R.random() < 0.25:
            built = [None] + shape[1:-1] + [R.choice([shape[-1], shape[-1] + R.randint(1, 9)])]
        cases.append(run("Dense", kw, [shape], built=built, name=R.choice([None, None, "dense_1", "head"]), positional_count=R.randint(0, 1)))
    return cases


def reshape_cases(n):
    cases = []
    for _ in range(n):
        shape = [None] + [R.choice([None] + [R.randint(1, 8)] * 9) for _ in range(R.randint(0, 4))]
        cases.append(run("Flatten", {}, [shape]))
        size = 1
        for d in shape[1:]:
            size *= d or 1
        target = [R.choice([1, 2, 3, 4, 6, 8, size]) for _ in range(R.randint(1, 3))]
        if R.random() < 0.6:
            target[R.randrange(len(target))] = -1
        if R.random() < 0.05:
            target = [-1, -1]
        if R.random() < 0.03:
            target[0] = -2
        cases.append(run("Reshape", {"target_shape": target}, [shape], positional_count=1))
        if len(shape) > 1:
            dims = list(range(1, len(shape)))
            R.shuffle(dims)
            if R.random() < 0.1:
                dims[0] = dims[-1]
            cases.append(run("Permute", {"dims": dims}, [maybe_rank_error(shape)], positional_count=1))
    return cases


def resize_cases(n):
    cases = []
    for _ in range(n):
        rank = R.choice([1, 2, 3])
        fmt = data_format() if rank > 1 else None
        shape = maybe_rank_error(image(rank, R.choice([1, 3]), fmt))
        extra = {"data_format": fmt} if fmt else {}
        size = R.randint(1, 3) if rank == 1 or R.random() < 0.5 else [R.randint(1, 3) for _ in range(rank)]
        if R.random() < 0.04:
            size = 0
        cases.append(run(f"UpSampling{rank}D", {"size": size, **extra}, [shape], positional_count=1))
        amount = R.randint(0, 3) if R.random() < 0.4 else (
            [R.randint(0, 3), R.randint(0, 3)] if rank == 1 else [[R.randint(0, 3), R.randint(0, 3)] for _ in range(rank)])
        if rank > 1 and R.random() < 0.05:
            amount = [1] * (rank + 1)
        cases.append(run(f"ZeroPadding{rank}D", {"padding": amount, **extra}, [shape], positional_count=1))
        crop = amount if R.random() < 0.5 else (R.randint(0, 20) if rank > 1 else [R.randint(0, 20), R.randint(0, 20)])
        cases.append(run(f"Cropping{rank}D", {"cropping": crop, **extra}, [shape], positional_count=1))
    return cases


def merge_cases(n):
    cases = []
    for _ in range(n):
        base = [None] + [R.randint(1, 6) for _ in range(R.randint(1, 3))]
        inputs = []
        for _ in range(R.choice([2, 2, 2, 3])):
            s = list(base)
            roll = R.random()
            if roll < 0.2:
                s[R.randrange(1, len(s))] = R.randint(1, 6)
            elif roll < 0.3:
                s[R.randrange(1, len(s))] = 1
            elif roll < 0.35:
                s = [None] + s[2:] if len(s) > 2 else s
            elif roll < 0.4:
                s[0] = R.randint(2, 4)
            inputs.append(s)
        layer = R.choice(["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"])
        cases.append(run(layer, {}, inputs))
        axis = R.choice([-1, -1, 1, len(base) - 1, -2])
        cat_inputs = [list(s) for s in inputs if len(s) == len(base)]
        for s in cat_inputs:
            if R.random() < 0.6:
                s[axis] = R.randint(1, 9)
        cases.append(run("Concatenate", {"axis": axis}, cat_inputs or [base], positional_count=R.randint(0, 1)))
    return cases


def misc_cases(n):
    cases = []
    for _ in range(n):
        shape = [None] + [R.randint(1, 16) for _ in range(R.randint(1, 4))]
        axis = R.choice([-1, -1, 1, len(shape) - 1, len(shape), -len(shape) - 1])
        built = None
        if R.random() < 0.2:
            built = list(shape)
            built[axis if -len(shape) <= axis < len(shape) else -1] = R.randint(1, 16)
        cases.append(run("BatchNormalization", {"axis": axis, "center": R.random() < 0.8}, [shape], built=built, positional_count=1))
        cases.append(run("LayerNormalization", {"axis": R.choice([-1, [1, -1], 1]), "rms_scaling": R.random() < 0.2}, [shape]))
        rate = R.choice([0.0, 0.25, 0.5, 1.5])
        cases.append(run("Dropout", {"rate": rate}, [shape], positional_count=1))
        spatial = R.choice([1, 2, 3])
        cases.append(run(f"SpatialDropout{spatial}D", {"rate": 0.2}, [shape]))
        cases.append(run(R.choice(["ReLU", "LeakyReLU", "Softmax", "ELU"]), {}, [shape]))
        cases.append(run("Activation", {"activation": "relu"}, [shape]))
        cases.append(run("Embedding", {"input_dim": R.choice([100, 1000]), "output_dim": R.choice([8, 64])}, [shape[:3]], positional_count=2))
    return cases


def fixed_cases():
    """The edge cases the brief names, always present whatever the seed draws."""
    c = []
    c.append(run("Conv2D", {"filters": 32, "kernel_size": 3}, [[None, 28, 28, 1]], positional_count=2))  # MNIST chain
    c.append(run("MaxPooling2D", {"pool_size": 2}, [[None, 26, 26, 32]], positional_count=1))
    c.append(run("Conv2D", {"filters": 64, "kernel_size": 3}, [[None, 13, 13, 32]], positional_count=2))
    c.append(run("Flatten", {}, [[None, 5, 5, 64]]))
    c.append(run("Dense", {"units": 10}, [[None, 1600]], positional_count=1))
    c.append(run("Dense", {"units": 10}, [[None, 800]], built=[None, 400]))  # features-mismatch on a rebuilt layer
    for k in (2, 4, 6):
        for i in (7, 8, 15, 16):
            c.append(run("Conv2D", {"filters": 8, "kernel_size": k, "strides": 2, "padding": "same"}, [[None, i, i, 3]]))
    for d in (1, 2, 3):
        c.append(run("Conv1D", {"filters": 4, "kernel_size": 3, "padding": "causal", "dilation_rate": d}, [[None, 10, 2]]))
    for op in (None, 0, 1):
        for pad in ("valid", "same"):
            for k in (2, 3):
                c.append(run("Conv2DTranspose", {"filters": 8, "kernel_size": k, "strides": 2, "padding": pad, "output_padding": op},
                             [[None, 7, 7, 3]]))
    c.append(run("Conv2DTranspose", {"filters": 8, "kernel_size": 3, "strides": 2, "output_padding": 2}, [[None, 7, 7, 3]]))
    c.append(run("Conv2D", {"filters": 32, "kernel_size": 3, "groups": 2}, [[None, 28, 28, 3]]))
    c.append(run("Conv2D", {"filters": 30, "kernel_size": 3, "groups": 4}, [[None, 28, 28, 8]]))
    c.append(run("Conv2D", {"filters": 32, "kernel_size": 3, "strides": 2, "dilation_rate": 2}, [[None, 28, 28, 3]]))
    c.append(run("Conv2D", {"filters": 16, "kernel_size": 3, "data_format": "channels_first"}, [[None, 3, 32, 32]]))
    c.append(run("Conv2D", {"filters": 16, "kernel_size": 5}, [[None, 4, 4, 3]]))
    c.append(run("MaxPooling2D", {"pool_size": 3}, [[None, 2, 2, 3]]))
    c.append(run("GlobalAveragePooling2D", {"keepdims": True, "data_format": "channels_first"}, [[None, 3, 7, 7]]))
    c.append(run("Add", {}, [[None, 4, 4, 64], [None, 3, 3, 64]]))
    c.append(run("Concatenate", {"axis": -1}, [[None, 4, 4, 3], [None, 5, 5, 3]]))
    return c


def main():
    cases = (fixed_cases() + conv_cases(700) + conv_transpose_cases(300) + pooling_cases(250) + dense_cases(150)
             + reshape_cases(150) + resize_cases(120) + merge_cases(150) + misc_cases(60))
    doc = {
        "generator": "tools/golden/keras_layers.py (oracle: tools/golden/keras-port.py, a port of Keras 3's shape code)",
        "note": "Shapes include the batch axis; null is None. params = trainable parameters after build. "
                "Not from TF.js: it is wrong for transposed output_padding/dilation, depthwise dilation, causal, "
                "non-positive outputs, keepdims and groups.",
        "cases": cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    errors = sum(1 for c in cases if "error" in c["expected"])
    print(f"{len(cases)} cases ({errors} errors) → {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
