#!/usr/bin/python3
"""Golden receptive fields, from real PyTorch's gradients.

For every test/golden/receptive/NAME.py: builds its last class on the input its `# x: [...]`
comment declares, with every convolution's weights 1 and biases 0.1 and every norm in eval mode
(so every activation is positive and ReLU passes every gradient), then, for the output of each
convolution and average pooling, takes the gradient of the centre position with respect to the
input: the rows and columns where it is not zero are that layer's receptive field. Writes
test/golden/receptive-fields.json: per file, each module's qualified name and its field [rows, cols]
(null when the field reaches the input's border, where the count would be cut).

Usage: /usr/bin/python3 tools/golden/receptive_fields.py
"""
import json
import os
import re
import runpy

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIR = os.path.join(ROOT, "test", "golden", "receptive")
OUT = os.path.join(ROOT, "test", "golden", "receptive-fields.json")
WINDOWS = (nn.Conv2d, nn.AvgPool2d)


def model_class(path, namespace):
    """The last nn.Module class the file defines."""
    names = re.findall(r"^class (\w+)\(", open(path).read(), re.M)
    return namespace[names[-1]]


def declared_input(path):
    m = re.search(r"# x: \[([\d, ]+)\]", open(path).read())
    return [int(d) for d in m.group(1).split(",")]


def fields(path):
    namespace = runpy.run_path(path)
    model = model_class(path, namespace)()
    model.eval()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Conv2d):
                m.weight.fill_(1.0)
                if m.bias is not None:
                    m.bias.fill_(0.1)
            if isinstance(m, nn.BatchNorm2d):
                m.weight.fill_(1.0)
                m.bias.fill_(0.1)
    outputs = {}
    for name, m in model.named_modules():
        if isinstance(m, WINDOWS):
            m.register_forward_hook(lambda _m, _i, out, name=name: outputs.setdefault(name, out))
    x = torch.ones(declared_input(path), requires_grad=True)
    model(x)
    out = {}
    for name, y in outputs.items():
        (grad,) = torch.autograd.grad(y[0, 0, y.shape[2] // 2, y.shape[3] // 2], x, retain_graph=True)
        seen = grad[0].abs().sum(0) != 0
        rows = seen.any(1).nonzero().flatten()
        cols = seen.any(0).nonzero().flatten()
        cut = rows.min() == 0 or cols.min() == 0 or rows.max() == x.shape[2] - 1 or cols.max() == x.shape[3] - 1
        out[name] = None if cut else [int(rows.max() - rows.min() + 1), int(cols.max() - cols.min() + 1)]
    return out


def main():
    golden = {"torch": torch.__version__, "files": {}}
    for f in sorted(os.listdir(DIR)):
        if f.endswith(".py"):
            golden["files"][f] = fields(os.path.join(DIR, f))
    with open(OUT, "w") as fh:
        json.dump(golden, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main()
