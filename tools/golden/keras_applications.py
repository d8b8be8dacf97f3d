#!/usr/bin/python3
"""Golden data for keras.applications backbones: Keras' OWN architecture code, run on shapes only.

No Keras is installable here, but its applications are plain Python over `keras.layers`: this
script imports the files of `keras/src/applications/` from a Keras 3 checkout (given as the
first argument; the data committed came from keras-team/keras@3422977a5e38fb2f7709aaa9a08e47f0c43d0f60)
with `keras.src` mapped onto tools/golden/fake_keras (every layer's shape, weights and errors from
the port of Keras 3's shape code, tools/golden/keras-port.py). `imagenet_utils.obtain_input_shape`
runs as Keras wrote it, so invalid input shapes raise Keras' own errors. weights=None always:
nothing is downloaded; the architecture (and so every count) is that of the pretrained models.

Writes test/golden/keras-applications.json: per case the constructor's keywords, and the output
shape with trainable / non-trainable weights, or the error.

Run: git -C KERAS archive 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60 keras/src/applications | tar -x -C KERAS_SRC
     /usr/bin/python3 tools/golden/keras_applications.py KERAS_SRC
"""
import importlib
import json
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "test", "golden", "keras-applications.json")
sys.path.insert(0, os.path.join(HERE, "fake_keras"))

import keras  # noqa: E402  (the fake)
from keras import _state  # noqa: E402
from keras._models import Functional  # noqa: E402
from keras._tensor import KerasTensor  # noqa: E402


def module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    return m


def install_shim(keras_src):
    """`keras.src.*` as the applications import it, onto the fake package."""
    src = module("keras.src")
    src.__path__ = [os.path.join(keras_src, "keras", "src")]
    keras.src = src
    uids = {}

    def get_uid(prefix=""):
        uids[prefix] = uids.get(prefix, 0) + 1
        return uids[prefix]

    src.backend = module("keras.src.backend", image_data_format=_state.image_data_format,
                         is_keras_tensor=lambda x: isinstance(x, KerasTensor), get_uid=get_uid,
                         floatx=lambda: "float32")
    src.layers = keras.layers
    sys.modules["keras.src.layers"] = keras.layers
    module("keras.src.api_export", keras_export=lambda *a, **k: (lambda f: f))
    module("keras.src.models", Functional=Functional)
    src.ops = module("keras.src.ops")
    src.ops.__path__ = []
    src.ops.operation_utils = module("keras.src.ops.operation_utils", get_source_inputs=lambda t: t)
    utils = module("keras.src.utils")
    utils.__path__ = []

    def get_file(*args, **kwargs):
        raise AssertionError("weights are never downloaded")

    utils.file_utils = module("keras.src.utils.file_utils", exists=lambda path: False, get_file=get_file)
    activations = {"softmax": "softmax", None: None}
    src.activations = module("keras.src.activations", get=lambda a: activations.get(a, a))


MODELS = {
    "vgg16": ["VGG16"], "vgg19": ["VGG19"],
    "resnet": ["ResNet50", "ResNet101", "ResNet152"],
    "resnet_v2": ["ResNet50V2", "ResNet101V2", "ResNet152V2"],
    "densenet": ["DenseNet121", "DenseNet169", "DenseNet201"],
    "mobilenet": ["MobileNet"], "mobilenet_v2": ["MobileNetV2"],
    "inception_v3": ["InceptionV3"], "xception": ["Xception"],
}


def run(fn, kind, keywords):
    case = {"model": kind, "keywords": keywords}
    _state.reset() if hasattr(_state, "reset") else None
    kw = {k: tuple(v) if isinstance(v, list) else v for k, v in keywords.items()}
    try:
        model = fn(weights=None, **kw)
    except ValueError as e:
        case["expected"] = {"error": str(e).split("\n")[0]}
        return case
    trainable, frozen = model.weight_counts()
    case["expected"] = {"output": list(model.outputs.shape), "params": trainable, "nonTrainable": frozen}
    return case


def cases_for(fn, kind):
    out = [run(fn, kind, {}), run(fn, kind, {"include_top": False}),
           run(fn, kind, {"classes": 10}), run(fn, kind, {"include_top": True, "classes": 37})]
    for pooling in ("avg", "max"):
        out.append(run(fn, kind, {"include_top": False, "pooling": pooling}))
    for size in (32, 75, 96, 128, 150, 160, 199, 224, 256, 299, 331):
        out.append(run(fn, kind, {"include_top": False, "input_shape": [size, size, 3]}))
    for shape in ([160, 224, 3], [71, 71, 3], [31, 31, 3], [None, None, 3], [64, 64, 1], [224, 224]):
        out.append(run(fn, kind, {"include_top": False, "input_shape": shape, "pooling": "avg"}))
    out.append(run(fn, kind, {"include_top": True, "input_shape": [None, None, 3]}))
    out.append(run(fn, kind, {"include_top": True, "input_shape": [128, 128, 3], "classes": 5}))
    return out


def main():
    install_shim(sys.argv[1])
    cases = []
    for file, kinds in MODELS.items():
        mod = importlib.import_module(f"keras.src.applications.{file}")
        for kind in kinds:
            cases.extend(cases_for(getattr(mod, kind), kind))
    doc = {
        "generator": "tools/golden/keras_applications.py: keras/src/applications/*.py of "
                     "keras-team/keras@3422977a5e38fb2f7709aaa9a08e47f0c43d0f60 on tools/golden/fake_keras (not real Keras)",
        "note": "weights=None; shapes include the batch axis; params = trainable, nonTrainable = the other weights.",
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"{len(cases)} cases ({sum('error' in c['expected'] for c in cases)} errors) → {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
