"""Golden per-layer shapes for the analysis tests, from real PyTorch (run with /usr/bin/python3).

Each model file names its model and input on its first line:
    # golden: ClassName 1,3,32,32
The file is executed (so module-level sample code runs too), the class is instantiated with the
constructor arguments given after `args=` if any, and forward hooks record every leaf module call in
execution order with its qualified name (named_modules) and output shape. Writes expected.json.
"""
import json
import os
import re
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def golden(path):
    src = open(path).read()
    m = re.match(r"# golden: (\w+) ([\d,]+)(?: args=(.*))?\n", src)
    name, shape = m.group(1), [int(x) for x in m.group(2).split(",")]
    ns = {"__name__": "golden"}
    exec(compile(src, path, "exec"), ns)
    args = eval(m.group(3), ns) if m.group(3) else ()
    if not isinstance(args, tuple):
        args = (args,)
    torch.manual_seed(0)
    model = ns[name](*args)
    names = {mod: n for n, mod in model.named_modules()}
    calls = []

    def hook(mod, inp, out):
        if len(list(mod.children())) == 0:
            o = out[0] if isinstance(out, tuple) else out
            calls.append({"name": names[mod], "kind": type(mod).__name__, "output": list(o.shape)})

    for mod in model.modules():
        mod.register_forward_hook(hook)
    with torch.no_grad():
        out = model(torch.zeros(*shape))
    first = out[0] if isinstance(out, tuple) else out
    return {
        "model": name,
        "input": shape,
        "output": list(first.shape),
        "params": sum(p.numel() for p in model.parameters()),
        "layers": calls,
    }


if __name__ == "__main__":
    files = sorted(f for f in os.listdir(HERE) if f.endswith(".py") and f != "golden.py")
    result = {f: golden(os.path.join(HERE, f)) for f in files}
    with open(os.path.join(HERE, "expected.json"), "w") as fh:
        json.dump(result, fh, indent=1)
        fh.write("\n")
    print(f"wrote {len(result)} models", file=sys.stderr)
