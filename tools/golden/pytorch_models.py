#!/usr/bin/python3
"""Golden data for the PyTorch model fixtures, from real PyTorch.

Runs every test/fixtures/pytorch/NAME.py and examples/NAME.py (as `examples-NAME`) with
runpy (run_name='__main__') and writes test/fixtures/pytorch/NAME.torch.json:

- every module call in execution order (pre-order: a container is listed before its children),
  with the qualified name the top-level model's named_modules() gives it, the class name, whether
  it is a leaf (no children), the per-name call index, input and output shapes, the fixture line
  where the module was constructed and the line it was called from;
- the top-level model (the first module called from outside any other module): class, the
  variable names bound to it, parameter count;
- the exception, if the run raised: type, first message line, the innermost fixture line of the
  traceback, and the innermost module call that was still open (the failing layer);
- each trailing shape comment on a statement (`x = self.conv1(x)  # [N, 6, 28, 28]`): the shapes
  the statement really produced and whether the comment contradicts them (a concrete dim or rank).

Usage: /usr/bin/python3 tools/golden/pytorch_models.py [NAME...]   (regenerates all goldens, or the named ones)
"""
import contextlib
import io
import json
import os
import re
import runpy
import sys
import tokenize

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "test", "fixtures", "pytorch")
EXAMPLES = os.path.join(ROOT, "examples")
# einops is not installable here: fixtures that import it run on the stand-in made of torch ops.
sys.path.insert(0, os.path.join(ROOT, "tools", "golden", "fake_einops"))
# Library bases the analysis does not read (mmcv, pytorch_lightning, ...): stand-ins that are
# nn.Module itself, so such fixtures run with the base replaced by nn.Module (fake_bases/README.md).
sys.path.insert(0, os.path.join(ROOT, "tools", "golden", "fake_bases"))


def shape_of(value):
    """A tensor's shape as a list (a PackedSequence's: its data's); else None."""
    if isinstance(value, torch.Tensor):
        return list(value.shape)
    if isinstance(value, nn.utils.rnn.PackedSequence):
        return list(value.data.shape)
    return None


def innermost_fixture_line(frame, path, skip_self=None):
    """Line of the innermost frame in `path`, skipping frames whose `self` is `skip_self`."""
    while frame is not None:
        if frame.f_code.co_filename == path:
            if skip_self is None or frame.f_locals.get("self") is not skip_self:
                return frame.f_lineno
        frame = frame.f_back
    return None


def outermost_builder(frame, path):
    """Name of the outermost module-level function of `path` on the stack (a model's builder)."""
    found = None
    while frame is not None:
        code = frame.f_code
        if code.co_filename == path and getattr(frame.f_globals.get(code.co_name), "__code__", None) is code:
            found = code.co_name
        frame = frame.f_back
    return found


def golden_drivers(path):
    """`# golden driver: CODE` lines: run after the fixture, so a model built by a function the
    fixture itself never calls (what the analysis must find on its own) is run by PyTorch."""
    with open(path, encoding="utf-8") as f:
        return [m.group(1) for m in re.finditer(r"^# golden driver: (.*)$", f.read(), flags=re.M)]


class Recorder:
    """Collects module constructions and calls for one fixture run."""

    def __init__(self, path):
        self.path = path
        self.construct_line = {}  # id(module) -> line
        self.keep_alive = []  # so that ids are not reused during the run
        self.calls = []
        self.open = []  # indices into calls of module calls not yet returned
        self.top = None
        self.names = {}
        self.modules = {}
        self.top_vars = []
        self.built_by = {}  # id(module) -> the module-level function of the fixture that built it
        self.call_counts = {}

    def on_construct(self, module):
        if id(module) in self.construct_line:
            return
        # Skip the module's own __init__ frames (super().__init__()), so that a user-defined
        # block gets the line where it was instantiated.
        self.construct_line[id(module)] = innermost_fixture_line(sys._getframe(2), self.path, module)
        self.built_by[id(module)] = outermost_builder(sys._getframe(2), self.path)
        self.keep_alive.append(module)

    def on_pre(self, module, inputs):
        if self.top is None and not self.open:
            self.top = module
            self.names = {id(m): n for n, m in module.named_modules()}
            # class names before lazy modules turn into their eager classes (LazyLinear -> Linear)
            self.modules = {n: type(m).__name__ for n, m in module.named_modules()}
            self.top_vars = self.bound_names(module)
        name = self.names.get(id(module))
        key = name  # None: a module outside the top-level model (a loss, say)
        index = self.call_counts.get(key, 0)
        self.call_counts[key] = index + 1
        self.calls.append({
            "name": name,
            "class": type(module).__name__,
            "leaf": next(iter(module.children()), None) is None,
            "call_index": index,
            "line": self.construct_line.get(id(module)),
            "call_line": innermost_fixture_line(sys._getframe(1), self.path),
            "inputs": [shape_of(a) for a in inputs],
            "output": None,
            "completed": False,
        })
        self.open.append(len(self.calls) - 1)

    def on_post(self, module, inputs, output):
        entry = self.calls[self.open.pop()]
        entry["completed"] = True
        if isinstance(output, (tuple, list)) and not isinstance(output, nn.utils.rnn.PackedSequence):
            entry["outputs"] = [shape_of(o) for o in output]
        else:
            entry["output"] = shape_of(output)

    def bound_names(self, module):
        names = set()
        frame = sys._getframe(2)
        while frame is not None:
            if frame.f_code.co_filename == self.path:
                names.update(k for k, v in frame.f_locals.items() if v is module)
            frame = frame.f_back
        return sorted(names)


# ---- trailing shape comments ----

SHAPE_COMMENT = re.compile(r"^(?:torch\.Size\(\s*)?[\[(]([^\[\]()]*)[\])]\)?$")
STATEMENT = re.compile(r"^\s*(?:(?P<target>[A-Za-z_]\w*)\s*=[^=]|(?P<ret>return)\b)")


def parse_claim(text):
    """Dims of a shape comment ([N, 6, 28, 28], (B, 32), B x 3 x 32 x 32): ints, None for names."""
    text = text.strip()
    m = SHAPE_COMMENT.match(text)
    parts = m.group(1).split(",") if m else (text.split(" x ") if " x " in text else None)
    if not parts:
        return None
    dims = []
    for p in (p.strip() for p in parts):
        if re.fullmatch(r"\d+", p):
            dims.append(int(p))
        elif re.fullmatch(r"[A-Za-z_]\w*|\?", p):
            dims.append(None)
        else:
            return None
    return dims


def shape_comments(path):
    """{line: (kind, target, claim text, dims)} for statements with a trailing shape comment."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    found = {}
    with open(path, "rb") as f:
        for tok in tokenize.tokenize(f.readline):
            if tok.type != tokenize.COMMENT:
                continue
            line = tok.start[0]
            code = lines[line - 1][: tok.start[1]]
            m = STATEMENT.match(code)
            claim = tok.string[1:].strip()
            dims = parse_claim(claim)
            if m and dims is not None:
                found[line] = ("return" if m.group("ret") else "assign", m.group("target"), claim, dims)
    return found


class CommentTracer:
    """sys.settrace hook that reads the value each shape-commented statement produced."""

    def __init__(self, path, comments):
        self.path = path
        self.comments = comments
        self.observed = {line: [] for line in comments}
        self.pending = {}  # frame -> line whose statement is executing

    def global_trace(self, frame, event, arg):
        if frame.f_code.co_filename != self.path:
            return None
        return self.local_trace

    def local_trace(self, frame, event, arg):
        if event == "exception":  # the statement raised: it produced nothing
            self.pending.pop(frame, None)
        if event in ("line", "return"):
            line = self.pending.pop(frame, None)
            if line is not None:
                kind, target, _, _ = self.comments[line]
                if kind == "return" and event == "return":
                    self.note(line, arg)
                elif kind == "assign":
                    self.note(line, frame.f_locals.get(target))
            if event == "line" and frame.f_lineno in self.comments:
                self.pending[frame] = frame.f_lineno
        return self.local_trace

    def note(self, line, value):
        shape = shape_of(value)
        if shape is not None and shape not in self.observed[line]:
            self.observed[line].append(shape)

    def results(self):
        out = []
        for line, (_, _, claim, dims) in sorted(self.comments.items()):
            seen = self.observed[line]
            stale = None
            if seen:
                stale = any(
                    len(s) != len(dims) or any(d is not None and d != v for d, v in zip(dims, s)) for s in seen
                )
            out.append({"line": line, "claim": claim, "observed": seen, "stale": stale})
        return out


# ---- running one fixture ----

recorder = None


def install_hooks():
    original_init = nn.Module.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        if recorder is not None:
            recorder.on_construct(self)

    nn.Module.__init__ = init
    nn.modules.module.register_module_forward_pre_hook(lambda m, i: recorder and recorder.on_pre(m, i))
    nn.modules.module.register_module_forward_hook(lambda m, i, o: recorder and recorder.on_post(m, i, o))


def count_params(model):
    total = 0
    for p in model.parameters():
        if isinstance(p, nn.parameter.UninitializedParameter):
            return None
        total += p.numel()
    return total


def run_fixture(path):
    global recorder
    path = os.path.abspath(path)
    recorder = Recorder(path)
    tracer = CommentTracer(path, shape_comments(path))
    torch.manual_seed(0)
    error = None
    old_argv, old_cwd = sys.argv, os.getcwd()
    sys.argv = [path]
    os.chdir(os.path.dirname(path))
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            sys.settrace(tracer.global_trace)
            try:
                module_globals = runpy.run_path(path, run_name="__main__")
                for driver in golden_drivers(path):
                    exec(compile(driver, path + " (golden driver)", "exec"), module_globals)
            finally:
                sys.settrace(None)
    except Exception as e:  # the fixture's deliberate bug
        tb, line = e.__traceback__, None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == path:
                line = tb.tb_lineno
            tb = tb.tb_next
        failing = recorder.calls[recorder.open[-1]] if recorder.open else None
        error = {
            "type": type(e).__name__,
            "message": str(e).strip().splitlines()[0] if str(e).strip() else "",
            "line": line,
            "module": failing and failing["name"],
            "module_class": failing and failing["class"],
            "module_leaf": failing and failing["leaf"],
            "module_line": failing and failing["line"],
        }
    finally:
        sys.argv = old_argv
        os.chdir(old_cwd)
    rec, recorder = recorder, None
    top = rec.top
    return {
        "fixture": os.path.relpath(path, ROOT),
        "torch": torch.__version__,
        "model": top and {
            "class": type(top).__name__,
            "vars": rec.top_vars,
            **({"built_by": rec.built_by[id(top)]} if rec.built_by.get(id(top)) else {}),
            "line": rec.construct_line.get(id(top)),
            "params": count_params(top),
            "modules": rec.modules,
        },
        "error": error,
        "shape_comments": tracer.results(),
        "calls": rec.calls,
    }


def dump(golden):
    """Stable JSON: one line per call and per shape comment, so diffs stay readable."""
    out = ["{"]
    keys = list(golden)
    for i, key in enumerate(keys):
        value = golden[key]
        comma = "," if i < len(keys) - 1 else ""
        if key in ("calls", "shape_comments") and value:
            out.append(f'  "{key}": [')
            out.extend(f"    {json.dumps(v)}" + ("," if j < len(value) - 1 else "") for j, v in enumerate(value))
            out.append(f"  ]{comma}")
        else:
            out.append(f'  "{key}": {json.dumps(value)}{comma}')
    out.append("}")
    return "\n".join(out) + "\n"


def fixture_paths():
    pairs = [(f[:-3], os.path.join(FIXTURES, f)) for f in sorted(os.listdir(FIXTURES)) if f.endswith(".py")]
    pairs += [("examples-" + f[:-3], os.path.join(EXAMPLES, f)) for f in sorted(os.listdir(EXAMPLES)) if f.endswith(".py")]
    return pairs


def main():
    install_hooks()
    only = set(sys.argv[1:])  # fixture names to regenerate; none: all of them
    for name, path in fixture_paths():
        if only and name not in only:
            continue
        golden = run_fixture(path)
        with open(os.path.join(FIXTURES, name + ".torch.json"), "w", encoding="utf-8") as f:
            f.write(dump(golden))
        leaves = sum(1 for c in golden["calls"] if c["leaf"] and c["name"] is not None)
        err = golden["error"]
        print(f"{name}: {leaves} leaf calls" + (f"; raised {err['type']} at line {err['line']}: {err['message'][:70]}" if err else ""))


if __name__ == "__main__":
    main()
