"""Golden data for the hover of a torchvision backbone: its stages as real torchvision has them.

For each model, every module one or two levels down (`layer1`, `features.3`) with its output shape
on the sample input and the parameters it holds (its whole subtree), plus the model's output and
total. test/unit/views/backbone-hover.test.ts checks the hover's rows against them.

Run: /usr/bin/python3 tools/golden/torchvision_stages.py > test/golden/torchvision_stages.json
"""
import json

import torch
import torchvision

CASES = {"resnet50": (1, 3, 224, 224), "mobilenet_v2": (1, 3, 224, 224), "convnext_tiny": (1, 3, 160, 192)}


def stages(name, size):
    model = getattr(torchvision.models, name)(weights=None).eval()
    modules = {n: m for n, m in model.named_modules() if n and n.count(".") <= 1}
    outputs = {}
    def hook(n):
        def record(module, inputs, output):
            outputs.setdefault(n, list(output.shape))  # returns None: the output is kept

        return record

    for n, m in modules.items():
        m.register_forward_hook(hook(n))
    with torch.no_grad():
        out = model(torch.randn(*size))
    return {
        "input": list(size),
        "output": list(out.shape),
        "params": sum(p.numel() for p in model.parameters()),
        "modules": {n: {"output": outputs.get(n), "params": sum(p.numel() for p in m.parameters())} for n, m in modules.items()},
    }


print(json.dumps({"torchvision": torchvision.__version__, "models": {n: stages(n, s) for n, s in CASES.items()}}))
