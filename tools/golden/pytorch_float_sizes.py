#!/usr/bin/python3
"""Golden data: torch.nn modules given floats, in real PyTorch (Debian's python3-torch).

A float where a module wants an integer (nn.Linear(128 / 2, 10)) raises a TypeError, at
construction or at the call; a float where it takes one (scale_factor=2.0, alpha=1.0) runs. Each
case: the module expression, the input shape, and either the output shape or the error raised.
Usage: /usr/bin/python3 tools/golden/pytorch_float_sizes.py > test/golden/pytorch-float-sizes.json
"""
import json

import torch
from torch import nn

CASES = [
    ("nn.Linear(64.0, 10)", [2, 64]),
    ("nn.Linear(128 / 2, 10)", [2, 64]),
    ("nn.Linear(64, 10.0)", [2, 64]),
    ("nn.Conv2d(3, 16, 3.0)", [1, 3, 16, 16]),
    ("nn.Conv2d(3.0, 16, 3)", [1, 3, 16, 16]),
    ("nn.Conv2d(3, 16, (3, 3.0))", [1, 3, 16, 16]),
    ("nn.Conv2d(3, 16, 3, stride=2.0)", [1, 3, 16, 16]),
    ("nn.Conv2d(3, 16, 3, padding=1.0)", [1, 3, 16, 16]),
    ("nn.MaxPool2d(2.0)", [1, 3, 16, 16]),
    ("nn.AvgPool2d(2.0)", [1, 3, 16, 16]),
    ("nn.AdaptiveAvgPool2d(4.0)", [1, 3, 16, 16]),
    ("nn.BatchNorm2d(3.0)", [2, 3, 8, 8]),
    ("nn.Flatten(1.0)", [2, 3, 8, 8]),
    ("nn.Upsample(scale_factor=2.0)", [1, 3, 8, 8]),
    ("nn.Upsample(scale_factor=2.0, mode='bilinear')", [1, 3, 8, 8]),
    ("nn.ELU(alpha=1.0)", [1, 3, 8, 8]),
    ("nn.LeakyReLU(1.0)", [1, 3, 8, 8]),
    ("nn.Hardtanh(0.0, 6.0)", [1, 3, 8, 8]),
    ("nn.Softplus(beta=2.0, threshold=20.0)", [1, 3, 8, 8]),
    ("nn.Dropout(1.0)", [1, 3, 8, 8]),
    ("nn.ConstantPad2d(1, 0.0)", [1, 3, 8, 8]),
    ("nn.LPPool2d(2.0, 2)", [1, 3, 8, 8]),
    ("nn.PReLU(init=1.0)", [1, 3, 8, 8]),
    ("nn.GroupNorm(1, 3, eps=1.0)", [1, 3, 8, 8]),
    ("nn.LayerNorm(8, eps=1.0)", [1, 3, 8, 8]),
]


def run(expr, shape):
    try:
        module = eval(expr)
        return {"output": list(module(torch.randn(*shape)).shape)}
    except Exception as e:  # the framework's own error, recorded as it says it
        return {"error": f"{type(e).__name__}: {e}"}


def main():
    cases = [{"expr": expr, "input": shape, **run(expr, shape)} for expr, shape in CASES]
    print(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1))


if __name__ == "__main__":
    main()
