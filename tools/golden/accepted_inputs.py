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

Usage: /usr/bin/python3 tools/golden/accepted_inputs.py [NAME...]
"""
import importlib.util
import json
import os
import sys

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "test", "golden", "accepted")
SIDE = 128


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


if __name__ == "__main__":
    main(sys.argv[1:])
