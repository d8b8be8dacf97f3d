"""Golden shapes for the editor-feature integration tests, from real PyTorch.

Run with the interpreter that has torch:  /usr/bin/python3 test/integration/suite/features-golden.py
It writes features-golden.json beside this file. For each fixture it runs the model on the sample
input the fixture itself uses and records:
  definitions: {line: shape} the output of the module assigned on that line of __init__
               (null when the module is called more than once with different shapes)
  statements:  {line: shape} the tensor each forward statement makes (assignments and return)
  error:       the message PyTorch raises, or null
Lines are 1-based; for notebooks they are "cell:line" with cell the index among code cells.
"""
import ast
import json
import os
import re
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
WORKSPACE = os.path.join(HERE, "..", "workspace")

# fixture -> model class, sample input shape (the one the fixture's own code uses), text edits
# (variants: a quick fix applied, to know what PyTorch says next).
CASES = {
    "model.py": ("SmallConvNet", (1, 3, 32, 32), []),
    "buggy_model.py": ("BuggyNet", (1, 3, 32, 32), []),
    "buggy_classifier.py": ("BuggyClassifier", (4, 3, 32, 32), []),
    "buggy_classifier.py after fixing bn2": ("BuggyClassifier", (4, 3, 32, 32), [("nn.BatchNorm2d(32)", "nn.BatchNorm2d(64)")]),
    "buggy_notebook.ipynb": ("TinyNet", (4, 1, 28, 28), []),
}


def code_cells(name):
    path = os.path.join(WORKSPACE, name.split(" ")[0])
    if path.endswith(".ipynb"):
        with open(path) as f:
            nb = json.load(f)
        return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    with open(path) as f:
        return [f.read()]


def shape_of(value):
    return list(value.shape) if isinstance(value, torch.Tensor) else None


def statements_of(cells, method):
    """(cell, first line, last line, assigned name or None for return) of each statement in method."""
    out = []
    for i, text in enumerate(cells):
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef) and node.name == method:
                for st in node.body:
                    if isinstance(st, ast.Assign) and isinstance(st.targets[0], ast.Name):
                        out.append((i, st.lineno, st.end_lineno, st.targets[0].id))
                    elif isinstance(st, ast.Return):
                        out.append((i, st.lineno, st.end_lineno, None))
    return out


def module_lines(cells):
    """attribute name -> (cell, last line) of `self.NAME = ...` in __init__."""
    out = {}
    for i, text in enumerate(cells):
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef) and node.name == "__init__":
                for st in node.body:
                    t = st.targets[0] if isinstance(st, ast.Assign) else None
                    if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self":
                        out[t.attr] = (i, st.end_lineno)
    return out


def key(cells, cell, line):
    return str(line) if len(cells) == 1 else f"{cell}:{line}"


def run(name, cls, input_shape, edits):
    cells = code_cells(name)
    for old, new in edits:
        cells = [c.replace(old, new) for c in cells]
    namespace = {"__name__": "fixture"}
    for i, text in enumerate(cells):
        lines = text.split("\n")
        # Only definitions: the fixture's own run (notebook cell, __main__ block) is replayed below.
        keep = [l for l in lines if not l.startswith(("model = ", "logits = "))]
        exec(compile("\n".join(keep), f"cell{i}", "exec"), namespace)
    torch.manual_seed(0)
    model = namespace[cls]()
    outputs = {}
    for attr, module in model.named_children():
        module.register_forward_hook(lambda m, inp, out, attr=attr: outputs.setdefault(attr, []).append(shape_of(out)))

    statements = statements_of(cells, "forward")
    observed = {}
    pending = []
    failed = []

    def tracer(frame, event, arg):
        if frame.f_code.co_name != "forward" or not frame.f_code.co_filename.startswith("cell"):
            return tracer
        cell = int(frame.f_code.co_filename[4:])
        if event == "exception":
            # The statement running now raised: it made nothing.
            pending.clear()
            failed.append(frame.f_lineno)
        elif event == "return" and failed:
            pass
        elif event in ("line", "return"):
            # The statements that ended before this line have run: read what they made.
            for st in list(pending):
                c, first, last, target = st
                if event == "return" or frame.f_lineno > last or frame.f_lineno < first:
                    if target is not None:
                        observed[key(cells, c, last)] = shape_of(frame.f_locals.get(target))
                    pending.remove(st)
            if event == "return":
                for c, first, last, target in statements:
                    if c == cell and target is None and first <= frame.f_lineno <= last:
                        observed[key(cells, c, last)] = shape_of(arg)
            else:
                for st in statements:
                    if st[0] == cell and st[1] == frame.f_lineno and st[3] is not None:
                        pending.append(st)
        return tracer

    error = None
    sys.settrace(tracer)
    try:
        model(torch.randn(*input_shape))
    except Exception as e:  # the fixture's bug: PyTorch's own words
        error = str(e).split("\n")[0]
    finally:
        sys.settrace(None)
    definitions = {}
    for attr, (cell, line) in module_lines(cells).items():
        shapes = outputs.get(attr)
        if shapes:
            definitions[key(cells, cell, line)] = shapes[0] if all(s == shapes[0] for s in shapes) else None
    return {"input": list(input_shape), "definitions": definitions, "statements": observed, "error": error,
            "params": sum(p.numel() for p in model.parameters())}


# Small programs the tests type into untitled documents: what PyTorch raises for each.
SNIPPETS = {
    "two convs, wrong channels": "net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.Conv2d(4, 8, 3))\ny = net(torch.randn(1, 3, 16, 16))",
    "buggy_model.py fc1 as Linear(16 * 6 * 7, 120)": "y = nn.Linear(16 * 6 * 7, 120)(torch.randn(1, 576))",
    "conv 3->8 k5 then pool 2 on 2x3x28x28": "y = nn.Sequential(nn.Conv2d(3, 8, 5), nn.MaxPool2d(2))(torch.randn(2, 3, 28, 28))\nout = list(y.shape)",
    "ResNet stem on 1x3x224x224": "y = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3)(torch.randn(1, 3, 224, 224))\nout = list(y.shape)",
    "model.py conv1 with padding=0": "y = nn.Conv2d(3, 16, kernel_size=3, padding=0)(torch.randn(1, 3, 32, 32))\nout = list(y.shape)",
}


def snippet(code):
    namespace = {"torch": torch, "nn": torch.nn}
    try:
        exec(code, namespace)
    except Exception as e:
        return {"error": str(e).split("\n")[0]}
    return {"output": namespace.get("out")}


def main():
    golden = {"torch": torch.__version__, "snippets": {k: snippet(v) for k, v in SNIPPETS.items()}}
    for name, (cls, shape, edits) in CASES.items():
        golden[name] = run(name, cls, shape, edits)
    out = os.path.join(HERE, "features-golden.json")
    with open(out, "w") as f:
        text = json.dumps(golden, indent=1, sort_keys=True)
        # One shape per line: [4, 32, 16, 16] rather than a column of numbers.
        f.write(re.sub(r"\[\s+([\d,\s]+?)\s+\]", lambda m: "[" + ", ".join(m.group(1).split()).replace(",,", ",") + "]", text) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
