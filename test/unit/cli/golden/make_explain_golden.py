"""Golden data for `convshape explain` from real PyTorch (1.13, Debian's python3-torch).

Run: /usr/bin/python3 test/unit/cli/golden/make_explain_golden.py > test/unit/cli/golden/explain-pytorch.json
Each case constructs the layer from the very EXPR string the CLI reads, runs it on a zero tensor
of the input shape, and records the output shape and parameter count, or the error message.
"""
import json
import torch
from torch import nn  # noqa: F401  (EXPRs use `nn.` and `torch.nn.`)

CASES = [
    ("nn.Conv2d(3, 16, 3, stride=2, padding=1)", [1, 3, 32, 32]),
    ("nn.Conv2d(1, 1, 3, stride=2, padding=1)", [1, 1, 5, 5]),
    ("nn.Conv2d(1, 1, 3, stride=2, padding=1)", [1, 1, 6, 6]),
    ("nn.Conv2d(1, 1, 3, dilation=2)", [1, 1, 7, 7]),
    ("nn.Conv1d(4, 8, 5, stride=3, padding=2, bias=False)", [2, 4, 50]),
    ("nn.Conv3d(2, 4, (1, 3, 3), padding=(0, 1, 1))", [1, 2, 4, 9, 9]),
    ("nn.ConvTranspose2d(1, 1, 3, stride=2, padding=1, output_padding=1)", [1, 1, 3, 3]),
    ("nn.ConvTranspose2d(1, 1, 3, stride=2)", [1, 1, 2, 2]),
    ("torch.nn.MaxPool2d(3, 2, ceil_mode=True)", [1, 1, 7, 7]),
    ("torch.nn.MaxPool2d(3, 2, ceil_mode=True)", [1, 1, 8, 8]),
    ("nn.MaxPool2d(2, 2, padding=1, ceil_mode=True)", [1, 1, 5, 5]),
    ("nn.MaxPool2d(3, 2, padding=1, ceil_mode=True)", [1, 1, 112, 112]),
    ("nn.AvgPool2d(2)", [1, 3, 9, 9]),
    ("nn.Linear(9216, 128)", [2, 9216]),
    ("nn.Conv2d(3, 16, 3)", [1, 1, 32, 32]),
    ("nn.Conv2d(1, 1, 3)", [1, 1, 2, 2]),
    ("nn.Conv2d(3, 16, 3, padding='same', stride=2)", [1, 3, 32, 32]),
    ("nn.Conv2d(3, 16, 3, groups=2)", [1, 3, 32, 32]),
    ("nn.Linear(9000, 128)", [4, 9216]),
    ("nn.ConvTranspose2d(1, 1, 3, stride=1, output_padding=2)", [1, 1, 4, 4]),
]

out = []
for expr, shape in CASES:
    case = {"expr": expr, "input": shape}
    try:
        layer = eval(expr)
        case["params"] = sum(p.numel() for p in layer.parameters())
        with torch.no_grad():
            case["output"] = list(layer(torch.zeros(shape)).shape)
    except Exception as e:  # the framework's own words
        case.pop("params", None)
        case["error"] = str(e).split("\n")[0]
    out.append(case)
print(json.dumps({"generator": "make_explain_golden.py", "torch": torch.__version__, "cases": out}, indent=1))
