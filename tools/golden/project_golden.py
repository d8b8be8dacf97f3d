#!/usr/bin/python3
"""Golden data for the multi-file project fixture (test/fixtures/project), from real PyTorch.

Runs each entry file of the project with runpy (run_name='__main__', the project root first on
sys.path, as `python entry.py` would from the root) and writes test/fixtures/project/NAME.torch.json:
the top-level model (the first module called from outside any other module) with its class and
every module call in execution order: the qualified name named_modules() gives it, the class,
input and output shapes.

Usage: /usr/bin/python3 tools/golden/project_golden.py
"""
import json
import os
import runpy
import sys

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROJECT = os.path.join(ROOT, "test", "fixtures", "project")
ENTRIES = ["unet_small", "classifier", "cyclic", "instantiate_only", "heads", "built_by_import", "built_by_name"]


def shape(v):
    return list(v.shape) if isinstance(v, torch.Tensor) else None


def run(entry):
    calls = []
    depth = [0]
    top = []

    def pre(module, inputs):
        if depth[0] == 0 and not top:
            top.append(module)
        depth[0] += 1
        calls.append({"module": module, "inputs": [shape(i) for i in inputs]})

    def post(module, inputs, output):
        depth[0] -= 1
        for c in reversed(calls):
            if c["module"] is module and "output" not in c:
                c["output"] = shape(output)
                break

    h1 = nn.modules.module.register_module_forward_pre_hook(pre)
    h2 = nn.modules.module.register_module_forward_hook(post)
    cwd = os.getcwd()
    sys.path.insert(0, PROJECT)
    os.chdir(PROJECT)
    try:
        with torch.no_grad():
            entry_globals = runpy.run_path(os.path.join(PROJECT, entry + ".py"), run_name="__main__")
    finally:
        os.chdir(cwd)
        sys.path.remove(PROJECT)
        h1.remove()
        h2.remove()
    model = top[0]
    names = {id(m): n for n, m in model.named_modules()}
    out = []
    for c in calls:
        if id(c["module"]) not in names:
            continue
        out.append(
            {
                "name": names[id(c["module"])],
                "class": type(c["module"]).__name__,
                "inputs": c["inputs"],
                "output": c.get("output"),
            }
        )
    return {
        "entry": f"test/fixtures/project/{entry}.py",
        "torch": torch.__version__,
        "model": type(model).__name__,
        # the entry's variables bound to the model (one an imported function built is named by them)
        "vars": sorted(k for k, v in entry_globals.items() if v is model),
        "params": sum(p.numel() for p in model.parameters()),
        "calls": out,
    }


def main():
    for entry in ENTRIES:
        data = run(entry)
        path = os.path.join(PROJECT, entry + ".torch.json")
        with open(path, "w") as f:
            json.dump(data, f, indent=1)
            f.write("\n")
        print(f"{path}: {len(data['calls'])} calls")


if __name__ == "__main__":
    main()
