#!/usr/bin/python3
"""Golden data for the accepted input sizes, by brute force in real PyTorch.

For every test/golden/accepted/NAME.py, builds its model (the last nn.Module subclass the file
defines, constructed without arguments, or else its module-level `model`, in eval mode) and runs it on a batch of one:
[1, C, v, v] for every square size v = 1..128 (a 1-D model: [1, C, L], L = 1..128), and on a
fixed set of rectangles [1, C, h, w] (every pair in 1..48 × 1..48, and a spread of pairs up to
128). C is the first convolution's in_channels. A size is accepted when forward returns without
an exception. Writes test/golden/accepted/NAME.json:

  {"rank": 2, "channels": C, "squares": [v accepted...], "rectangles": [[h, w, 0|1], ...]}

test/unit/accepted/brute-force.test.ts checks ConvShape's validInputs against it.

Models of several inputs, test/golden/accepted-multi/NAME.py (forward(self, x, y)): each input is
given as MULTI_INPUTS says (an image of C channels, [1, C, v, v]; or a fixed shape, batch first),
and every pair of square sizes 1..64 of the two image inputs is tried (a model with one image
input: every square size 1..64), then a spread of rectangles. Writes
test/golden/accepted-multi/NAME.json:

  {"inputs": [{"name": "x", "channels": C} | {"name": "cond", "shape": [...]}, ...],
   "squares": ["0110…", …],   # row i-1, column j-1: the first image input i×i, the second j×j
   "rectangles": [[h, w, h2, w2, 0|1], ...]}   # ([h, w, 0|1] with one image input)

test/unit/accepted/multi-input.test.ts checks ConvShape's validInputs against it.

Usage: /usr/bin/python3 tools/golden/accepted_inputs.py [NAME...]
"""
import importlib.util
import inspect
import json
import os
import random
import sys

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "test", "golden", "accepted")
SIDE = 128
MULTI = os.path.join(ROOT, "test", "golden", "accepted-multi")
MULTI_SIDE = 64
# Each forward argument of a multi-input fixture: an image's channel count, or a fixed shape.
MULTI_INPUTS = {
    "rgbd_fusion": {"rgb": 3, "depth": 1},
    "residual_merge": {"x": 16, "y": 16},
    "film_block": {"x": 3, "cond": [1, 16]},
    "siamese_pair": {"a": 1, "b": 1},
}


def rectangles():
    """Every pair up to 48, then a spread of pairs up to 128 (both orientations)."""
    pairs = {(h, w) for h in range(1, 49) for w in range(1, 49) if h != w}
    for h in range(1, SIDE + 1):
        for w in range(h + 1, SIDE + 1):
            if (h * 131 + w * 71) % 23 == 0 or h in (16, 21, 28, 32, 70) or w in (112, 128):
                pairs.add((h, w))
                pairs.add((w, h))
    return sorted(pairs)


def load_model(path):
    spec = importlib.util.spec_from_file_location("fixture", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    classes = [
        v
        for v in vars(module).values()
        if isinstance(v, type) and issubclass(v, nn.Module) and v.__module__ == "fixture"
    ]
    if not classes:  # a script's module-level model: `model = nn.Sequential(...)`
        return module.model.eval()
    with open(path) as f:
        text = f.read()
    # The last class defined in the file is the model (building blocks come first).
    classes.sort(key=lambda c: text.index("class " + c.__name__ + "("))
    return classes[-1]().eval()


def first_conv(model):
    for m in model.modules():
        if isinstance(m, (nn.Conv1d, nn.Conv2d, nn.Conv3d, nn.ConvTranspose2d)):
            return m
    raise ValueError("no convolution to take the channel count from")


def runs(model, shape):
    try:
        with torch.no_grad():
            model(torch.zeros(*shape))
        return True
    except Exception:  # any exception the model raises is a size it rejects
        return False


def main(names):
    torch.manual_seed(0)
    torch.set_num_threads(1)
    files = sorted(f for f in os.listdir(FIXTURES) if f.endswith(".py"))
    for name in files:
        stem = name[:-3]
        if names and stem not in names:
            continue
        model = load_model(os.path.join(FIXTURES, name))
        conv = first_conv(model)
        channels = conv.in_channels
        rank = 1 if isinstance(conv, nn.Conv1d) else 2
        squares = [
            v for v in range(1, SIDE + 1) if runs(model, [1, channels] + [v] * rank)
        ]
        rects = []
        if rank == 2:
            rects = [[h, w, int(runs(model, [1, channels, h, w]))] for h, w in rectangles()]
        out = {
            "fixture": name,
            "rank": rank,
            "channels": channels,
            "squares": squares,
            "rectangles": rects,
        }
        with open(os.path.join(FIXTURES, stem + ".json"), "w") as f:
            json.dump(out, f, separators=(",", ":"))
            f.write("\n")
        accepted = sum(r[2] for r in rects)
        print(f"{stem}: {len(squares)} of {SIDE} squares, {accepted} of {len(rects)} rectangles")


def runs_with(model, shapes):
    try:
        with torch.no_grad():
            model(*[torch.zeros(*shape) for shape in shapes])
        return True
    except Exception:  # any exception the model raises is a size it rejects
        return False


def multi_rectangles(images):
    """With two image inputs: near-equal sizes (where streams must agree), and a random spread."""
    rng = random.Random(13)
    out = set()
    if images == 1:
        return sorted((h, w) for h in range(1, 41) for w in range(1, 41) if h != w)
    while len(out) < 3000:
        h, w = rng.randint(1, 40), rng.randint(1, 40)
        if len(out) % 2:
            h2, w2 = h + rng.randint(-3, 3), w + rng.randint(-3, 3)
        else:
            h2, w2 = rng.randint(1, 40), rng.randint(1, 40)
        if min(h2, w2) >= 1:
            out.add((h, w, h2, w2))
    return sorted(out)


def main_multi(names):
    torch.manual_seed(0)
    torch.set_num_threads(1)
    for name in sorted(f for f in os.listdir(MULTI) if f.endswith(".py")):
        stem = name[:-3]
        if names and stem not in names:
            continue
        spec = MULTI_INPUTS[stem]
        model = load_model(os.path.join(MULTI, name))
        params = list(inspect.signature(model.forward).parameters)
        assert params == list(spec), f"{stem}: forward takes {params}, the table says {list(spec)}"
        images = [p for p in params if isinstance(spec[p], int)]

        def shapes(sizes):
            """sizes: one (h, w) per image input, in order."""
            it = iter(sizes)
            return [[1, spec[p], *next(it)] if p in images else spec[p] for p in params]

        if len(images) == 2:
            squares = [
                "".join(
                    str(int(runs_with(model, shapes([(i, i), (j, j)]))))
                    for j in range(1, MULTI_SIDE + 1)
                )
                for i in range(1, MULTI_SIDE + 1)
            ]
            rects = [
                [h, w, h2, w2, int(runs_with(model, shapes([(h, w), (h2, w2)])))]
                for h, w, h2, w2 in multi_rectangles(2)
            ]
        else:
            squares = [
                "".join(str(int(runs_with(model, shapes([(i, i)])))) for i in range(1, MULTI_SIDE + 1))
            ]
            rects = [[h, w, int(runs_with(model, shapes([(h, w)])))] for h, w in multi_rectangles(1)]
        out = {
            "fixture": name,
            "inputs": [
                {"name": p, "channels": spec[p]} if p in images else {"name": p, "shape": spec[p]}
                for p in params
            ],
            "squares": squares,
            "rectangles": rects,
        }
        with open(os.path.join(MULTI, stem + ".json"), "w") as f:
            json.dump(out, f, indent=None, separators=(",", ":"))
            f.write("\n")
        accepted = sum(row.count("1") for row in squares)
        print(
            f"{stem}: {accepted} of {sum(len(r) for r in squares)} square combinations, "
            f"{sum(r[-1] for r in rects)} of {len(rects)} rectangles"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
    main_multi(sys.argv[1:])
