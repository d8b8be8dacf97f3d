#!/usr/bin/python3
"""Golden data for the Keras model fixtures, DERIVED FROM THE KERAS 3 RULES, NOT FROM RUNNING KERAS.

No Keras or TensorFlow is installable on these machines. Each test/fixtures/keras/NAME.py is run
(runpy, run_name='__main__') against tools/golden/fake_keras/ — a fake `keras` / `tensorflow`
package that implements Keras 3's model-building API symbolically and takes every shape,
parameter count and error from tools/golden/keras-port.py (the port of Keras 3's shape code).
It writes test/fixtures/keras/NAME.keras.json:

- every layer call in execution order (pre-order: a model or user-defined layer is listed before
  the layers it runs), with the layer's Keras name (automatic names as Keras 3 gives them:
  `conv2d`, `conv2d_1`, ...), class, whether it is a built-in (leaf) layer, the per-name call
  index, input and output shapes (None for unknown axes, as Keras), trainable and non-trainable
  parameter counts, the fixture line where the layer was constructed and the line it was called
  from;
- every model (Sequential, functional, subclassed): name, class, construction line, the
  variables bound to it, input/output shapes, parameters, its layers;
- the error, if the run raised: type, first message line, the ConvShape code the port attached,
  the innermost fixture line of the traceback, and the innermost layer call still open.

Usage: /usr/bin/python3 tools/golden/keras_models.py   (regenerates all goldens)

Fixtures that use keras.applications run Keras' own application files: set KERAS_SRC to a Keras 3
checkout (see tools/golden/keras_applications.py); weights='imagenet' is checked as Keras checks
it, and nothing is downloaded or loaded.
"""
import contextlib
import io
import json
import os
import re
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "test", "fixtures", "keras")
sys.path.insert(0, os.path.join(HERE, "fake_keras"))

import keras  # noqa: E402  (the fake, first on sys.path)
from keras import _state  # noqa: E402
from keras._layer import Layer  # noqa: E402
from keras._models import Model  # noqa: E402
from keras._tensor import flatten  # noqa: E402


def innermost_fixture_line(frame, path, skip_self=None):
    """Line of the innermost frame in `path`, skipping frames whose `self` is `skip_self`."""
    while frame is not None:
        if frame.f_code.co_filename == path:
            if skip_self is None or frame.f_locals.get("self") is not skip_self:
                return frame.f_lineno
        frame = frame.f_back
    return None


def shapes(structure):
    return [list(t.shape) for t in flatten(structure)]


class Recorder(_state.Hooks):
    def __init__(self, path):
        self.path = path
        self.layers = []  # every constructed layer, in order
        self.construct_line = {}
        self.calls = []
        self.open = []
        self.call_counts = {}

    def on_construct(self, layer):
        if id(layer) not in self.construct_line:
            self.construct_line[id(layer)] = innermost_fixture_line(sys._getframe(2), self.path, layer)
            self.layers.append(layer)

    def on_call_start(self, layer, inputs):
        index = self.call_counts.get(layer.name, 0)
        self.call_counts[layer.name] = index + 1
        self.calls.append({
            "name": layer.name, "class": type(layer).__name__, "leaf": layer.leaf, "call_index": index,
            "line": self.construct_line.get(id(layer)),
            "call_line": innermost_fixture_line(sys._getframe(1), self.path),
            "inputs": shapes(inputs), "output": None, "params": None, "non_trainable_params": None,
            "completed": False, "_layer": layer,
        })
        self.open.append(len(self.calls) - 1)
        return self.open[-1]

    def on_call_end(self, token, outputs):
        self.open.remove(token)
        entry = self.calls[token]
        entry["completed"] = True
        out = shapes(outputs)
        if len(out) == 1 and not isinstance(outputs, (list, tuple, dict)):
            entry["output"] = out[0]
        else:
            entry["outputs"] = out

    def finish(self, module_globals):
        for entry in self.calls:  # parameters once the run is over (a layer built by its first call)
            layer = entry.pop("_layer")
            if entry["completed"]:
                entry["params"], entry["non_trainable_params"] = layer.weight_counts()
        models = []
        for m in (l for l in self.layers if isinstance(l, Model)):
            trainable, frozen = m.weight_counts()
            models.append({
                "name": m.name, "class": type(m).__name__, "line": self.construct_line.get(id(m)),
                "vars": sorted(k for k, v in module_globals.items() if v is m),
                "inputs": [list(s) for s in m.call_inputs] if m.call_inputs is not None else None,
                "outputs": [list(s) for s in m.call_outputs] if m.call_outputs is not None else None,
                "params": trainable, "non_trainable_params": frozen,
                "layers": [l.name for l in m.layers],
            })
        return models


def run_fixture(path):
    path = os.path.abspath(path)
    _state.reset()
    recorder = Recorder(path)
    _state.set_hooks(recorder)
    error, module_globals = None, {}
    old_argv = sys.argv
    sys.argv = [path]
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            module_globals = runpy.run_path(path, run_name="__main__")
            # `# golden driver: CODE` lines run after the fixture (a model built by a function the
            # fixture never calls, which the analysis must find on its own).
            with open(path, encoding="utf-8") as f:
                for driver in re.findall(r"^# golden driver: (.*)$", f.read(), flags=re.M):
                    exec(compile(driver, path + " (golden driver)", "exec"), module_globals)
    except Exception as e:  # the fixture's deliberate bug
        tb, line = e.__traceback__, None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == path:
                line = tb.tb_lineno
                if tb.tb_frame.f_code.co_name == "<module>":
                    module_globals = tb.tb_frame.f_globals
            tb = tb.tb_next
        failing = recorder.calls[recorder.open[-1]] if recorder.open else None
        error = {
            "type": "ValueError" if isinstance(e, _state.KerasValueError) else type(e).__name__,
            "message": str(e).strip().splitlines()[0] if str(e).strip() else "",
            "code": getattr(e, "code", None),
            "line": line,
            "layer": failing and failing["name"],
            "layer_class": failing and failing["class"],
            "layer_leaf": failing and failing["leaf"],
            "layer_line": failing and failing["line"],
        }
    finally:
        sys.argv = old_argv
        _state.reset()
    models = recorder.finish(module_globals)
    return {
        "fixture": os.path.relpath(path, ROOT),
        "oracle": "Keras 3 shape rules as ported in tools/golden/keras-port.py, run through tools/golden/fake_keras (not real Keras)",
        "models": models,
        "error": error,
        "calls": recorder.calls,
    }


def dump(golden):
    """Stable JSON: one line per call and per model, so diffs stay readable."""
    out = ["{"]
    keys = list(golden)
    for i, key in enumerate(keys):
        value = golden[key]
        comma = "," if i < len(keys) - 1 else ""
        if key in ("calls", "models") and value:
            out.append(f'  "{key}": [')
            out.extend(f"    {json.dumps(v)}" + ("," if j < len(value) - 1 else "") for j, v in enumerate(value))
            out.append(f"  ]{comma}")
        else:
            out.append(f'  "{key}": {json.dumps(value)}{comma}')
    out.append("}")
    return "\n".join(out) + "\n"


def install_applications():
    """keras.applications.* from KERAS_SRC's keras/src/applications, on the fake package."""
    import importlib
    sys.path.insert(0, HERE)
    apps = importlib.import_module("keras_applications")
    apps.install_shim(os.environ["KERAS_SRC"])
    sys.modules["keras.src.utils.file_utils"].get_file = lambda *a, **k: "weights.h5"  # never read
    from keras._models import Model as _Model
    _Model.load_weights = lambda self, *a, **k: None
    for file, kinds in apps.MODELS.items():
        mod = importlib.import_module(f"keras.src.applications.{file}")
        mod.preprocess_input = lambda x, *a, **k: x  # scales values, keeps the shape
        for public in (file, "resnet50") if file == "resnet" else (file,):
            setattr(keras.applications, public, mod)
            sys.modules[f"keras.applications.{public}"] = mod
        for kind in kinds:
            setattr(keras.applications, kind, getattr(mod, kind))


def main():
    if os.environ.get("KERAS_SRC"):
        install_applications()
    names = sys.argv[1:] or sorted(f[:-3] for f in os.listdir(FIXTURES) if f.endswith(".py"))
    for name in names:
        golden = run_fixture(os.path.join(FIXTURES, name + ".py"))
        with open(os.path.join(FIXTURES, name + ".keras.json"), "w", encoding="utf-8") as f:
            f.write(dump(golden))
        leaves = sum(1 for c in golden["calls"] if c["leaf"])
        err = golden["error"]
        print(f"{name}: {leaves} leaf calls" + (f"; raised {err['type']} at line {err['line']}: {err['message'][:70]}" if err else ""))


if __name__ == "__main__":
    main()
