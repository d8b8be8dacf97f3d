#!/usr/bin/python3
"""Golden data for the accepted input sizes of Keras models, by brute force on KERAS' OWN SHAPE CODE.

No Keras or TensorFlow is installable here: each test/golden/keras-accepted/NAME.py runs against
tools/golden/fake_keras/ (Keras 3's model-building API, every shape and error from
tools/golden/keras-port.py, the port of Keras 3's shape code), as tools/golden/keras_models.py does.

Keras builds a model on the shape its first Input declares (keras.Input(shape=...), or
`input_shape=` on a Sequential's first layer), and every layer is built on what reaches it. So a
size is accepted when the fixture, run afresh with its first Input's spatial sizes replaced by
that size (channels kept), builds without an error. Sizes tried: every square 1..128 (a 1-D
model: every length 1..128) and, for 2-D models, the same rectangles as
tools/golden/accepted_inputs.py (every pair in 1..48 x 1..48 and a spread up to 128). Writes
test/golden/keras-accepted/NAME.json:

  {"rank": 2, "channels": C, "squares": [v accepted...], "rectangles": [[h, w, 0|1], ...]}

test/unit/accepted/keras-brute-force.test.ts checks ConvShape's validInputs against it.

Usage: /usr/bin/python3 tools/golden/keras_accepted_inputs.py [NAME...]
"""
import contextlib
import io
import json
import os
import runpy
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "test", "golden", "keras-accepted")
SIDE = 128
sys.path.insert(0, os.path.join(HERE, "fake_keras"))
sys.path.insert(0, HERE)

import keras  # noqa: E402  (the fake, first on sys.path)
from keras import _models, _state, _tensor  # noqa: E402
import keras.layers  # noqa: E402
from accepted_inputs import rectangles  # noqa: E402  (the PyTorch golden's rectangles)

_original_input = _tensor.Input


class Sized:
    """Replaces the spatial sizes of the first Input a run declares (with `sizes`: of each Input)."""

    def __init__(self):
        self.size = None  # the spatial sizes to declare, or None to keep the fixture's
        self.declared = None  # the first Input's shape as the fixture wrote it
        self.sizes = None  # several Inputs: the spatial sizes of each, in order (None: as written)
        self.all_declared = []  # every Input's shape as the fixture wrote it

    def __call__(self, shape=None, batch_size=None, name=None, dtype=None, batch_shape=None, **kwargs):
        if self.sizes is not None or self.size is None and shape is not None:
            k = len(self.all_declared)
            self.all_declared.append(tuple(shape))
            size = self.sizes[k] if self.sizes is not None and k < len(self.sizes) else None
            if size is not None:
                shape = tuple(size) + (shape[-1],)
        if self.sizes is not None:
            return _original_input(shape=shape, batch_size=batch_size, name=name, dtype=dtype,
                                   batch_shape=batch_shape, **kwargs)
        if self.declared is None and shape is not None:
            self.declared = tuple(shape)
            if self.size is not None:
                if len(shape) != len(self.size) + 1:
                    raise SystemExit(f"the first Input {tuple(shape)} is not of rank {len(self.size)} + channels")
                shape = tuple(self.size) + (shape[-1],)
        return _original_input(shape=shape, batch_size=batch_size, name=name, dtype=dtype,
                               batch_shape=batch_shape, **kwargs)


SIZED = Sized()
for module in (keras, keras.layers, _models, _tensor):
    module.Input = SIZED


def builds(path, size):
    """Whether the fixture builds with its first Input's spatial sizes set to `size`."""
    _state.reset()
    SIZED.size, SIZED.declared = size, None
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            runpy.run_path(path, run_name="__main__")
        return True
    except (ValueError, _state.KerasValueError) as e:  # what Keras raises for a shape
        del e
        return False


def declared_input(path):
    _state.reset()
    SIZED.size, SIZED.declared = None, None
    with contextlib.redirect_stdout(io.StringIO()):
        runpy.run_path(path, run_name="__main__")
    return SIZED.declared


def main(names):
    files = sorted(f for f in os.listdir(FIXTURES) if f.endswith(".py"))
    for name in files:
        stem = name[:-3]
        if names and stem not in names:
            continue
        path = os.path.join(FIXTURES, name)
        declared = declared_input(path)
        rank = len(declared) - 1
        squares = [v for v in range(1, SIDE + 1) if builds(path, (v,) * rank)]
        rects = [[h, w, int(builds(path, (h, w)))] for h, w in rectangles()] if rank == 2 else []
        out = {"fixture": name, "rank": rank, "channels": declared[-1], "squares": squares, "rectangles": rects}
        with open(os.path.join(FIXTURES, stem + ".json"), "w") as f:
            json.dump(out, f, separators=(",", ":"))
            f.write("\n")
        accepted = sum(r[2] for r in rects)
        print(f"{stem}: {len(squares)} of {SIDE} squares, {accepted} of {len(rects)} rectangles")


MULTI = os.path.join(ROOT, "test", "golden", "keras-accepted-multi")
MULTI_SIDE = 64


def builds_with(path, sizes):
    """Whether the fixture builds with each Input's spatial sizes set as `sizes` says."""
    _state.reset()
    SIZED.size, SIZED.declared, SIZED.sizes, SIZED.all_declared = None, None, sizes, []
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            runpy.run_path(path, run_name="__main__")
        return True
    except (ValueError, _state.KerasValueError) as e:  # what Keras raises for a shape
        del e
        return False
    finally:
        SIZED.sizes = None


def main_multi(names):
    """Functional models of several Inputs, test/golden/keras-accepted-multi/NAME.py: every pair
    of square sizes 1..64 of its two image Inputs (rank-3 shapes; a vector Input is kept as
    written), and 3,000 pairs of rectangles (one image Input: every size 1..64, pairs to 40) (tools/golden/accepted_inputs.py's). Writes NAME.json as that
    script writes its multi-input goldens: {"inputs", "squares": ["0110…", …], "rectangles"}."""
    from accepted_inputs import multi_rectangles

    for name in sorted(f for f in os.listdir(MULTI) if f.endswith(".py")):
        stem = name[:-3]
        if names and stem not in names:
            continue
        path = os.path.join(MULTI, name)
        builds_with(path, [])
        declared = list(SIZED.all_declared)
        images = [k for k, d in enumerate(declared) if len(d) == 3]
        if len(images) not in (1, 2):
            raise SystemExit(f"{stem}: one or two image Inputs expected, found {declared}")

        def sizes(*each):
            out = [None] * len(declared)
            for k, size in zip(images, each):
                out[k] = size
            return out

        if len(images) == 2:
            squares = [
                "".join(str(int(builds_with(path, sizes((i, i), (j, j))))) for j in range(1, MULTI_SIDE + 1))
                for i in range(1, MULTI_SIDE + 1)
            ]
            rects = [
                [h, w, h2, w2, int(builds_with(path, sizes((h, w), (h2, w2))))]
                for h, w, h2, w2 in multi_rectangles(2)
            ]
        else:
            squares = ["".join(str(int(builds_with(path, sizes((i, i))))) for i in range(1, MULTI_SIDE + 1))]
            rects = [[h, w, int(builds_with(path, sizes((h, w))))] for h, w in multi_rectangles(1)]
        out = {
            "fixture": name,
            "inputs": [
                {"shape": list(d)} if k not in images else {"channels": d[-1]} for k, d in enumerate(declared)
            ],
            "squares": squares,
            "rectangles": rects,
        }
        with open(os.path.join(MULTI, stem + ".json"), "w") as f:
            json.dump(out, f, separators=(",", ":"))
            f.write("\n")
        print(f"{stem}: {sum(r.count('1') for r in squares)} of {sum(len(r) for r in squares)} squares, "
              f"{sum(r[-1] for r in rects)} of {len(rects)} rectangles")


if __name__ == "__main__":
    main(sys.argv[1:])
    main_multi(sys.argv[1:])
