#!/usr/bin/python3
"""Golden data: torch.nn modules and tensor ops given floats, in real PyTorch (python3-torch).

A float where PyTorch wants an integer (nn.Linear(128 / 2, 10), x.view(-1, 256 / 2)) raises a
TypeError, at construction or at the call; a float where it takes one (scale_factor=2.0,
alpha=1.0, torch.pow(x, 3.0)) runs. Each case: the expression, the input shape, and either the
output shape or the error raised (ops: on a [2, 8, 4, 4] tensor x).
Usage: /usr/bin/python3 tools/golden/pytorch_float_sizes.py > test/golden/pytorch-float-sizes.json
"""
import json

import torch
import torch.nn.functional as F
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
    ("nn.Linear(64.5, 10)", [2, 64]),
    ("nn.MaxPool2d(2.5)", [1, 3, 16, 16]),
    ("nn.TransformerEncoderLayer(16, 2, 32, dropout=0.0, layer_norm_eps=1e-5, batch_first=True)", [2, 5, 16]),
]

# Ops on x, a tensor of shape [2, 8, 4, 4].
OP_CASES = [
    "x.view(-1, 256 / 2)",
    "x.view(2, 128)",
    "x.reshape(2, 128.0)",
    "x.flatten(1.0)",
    "x.permute(0, 2.0, 3, 1)",
    "x.unsqueeze(1.0)",
    "x.transpose(1, 2.0)",
    "F.max_pool2d(x, 2.0)",
    "F.max_pool2d(x, 2)",
    "F.avg_pool2d(x, (2, 2.0))",
    "F.adaptive_avg_pool2d(x, 2.0)",
    "F.interpolate(x, size=8.0)",
    "F.interpolate(x, scale_factor=2.0)",
    "torch.zeros(2.0, 3)",
    "torch.ones((2, 3.0))",
    "torch.pow(x, 3.0)",
    "x.clamp(0.0, 1.0)",
    "x * 2.0 + 1.0",
    "F.pad(x, (1, 1), value=0.0)",
    "F.dropout(x, 1.0)",
    "torch.full((2, 3), 1.0)",
    "F.leaky_relu(x, 1.0)",
    "F.interpolate(x, 8.0)",
    "F.max_pool2d(x, 2.5)",
    "x.view(-1, 64.5)",
]


def run_op(expr):
    x = torch.randn(2, 8, 4, 4)
    try:
        return {"output": list(eval(expr, {"torch": torch, "F": F, "x": x}).shape)}
    except Exception as e:  # the framework's own error
        return {"error": f"{type(e).__name__}: {e}"}


def run(expr, shape):
    try:
        module = eval(expr)
        return {"output": list(module(torch.randn(*shape)).shape)}
    except Exception as e:  # the framework's own error, recorded as it says it
        return {"error": f"{type(e).__name__}: {e}"}


def main():
    cases = [{"expr": expr, "input": shape, **run(expr, shape)} for expr, shape in CASES]
    ops = [{"expr": expr, "input": [2, 8, 4, 4], **run_op(expr)} for expr in OP_CASES]
    print(json.dumps({"torch": torch.__version__, "cases": cases, "ops": ops}, indent=1))


if __name__ == "__main__":
    main()
