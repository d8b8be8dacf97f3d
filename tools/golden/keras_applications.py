#!/usr/bin/python3
"""Golden data for keras.applications backbones: Keras' OWN architecture code, run on shapes only.

No Keras is installable here, but its applications are plain Python over `keras.layers`: this
script imports the files of `keras/src/applications/` from a Keras 3 checkout (given as the
first argument; the data committed came from keras-team/keras@3422977a5e38fb2f7709aaa9a08e47f0c43d0f60)
with `keras.src` mapped onto tools/golden/fake_keras (every layer's shape, weights and errors from
the port of Keras 3's shape code, tools/golden/keras-port*.py). Keras ops on tensors (`x + 3.0`),
the applications' own small layers (LayerScale, CustomScaleLayer) and `backend.name_scope` run on
the fake as shapes only. `imagenet_utils.obtain_input_shape`
runs as Keras wrote it, so invalid input shapes raise Keras' own errors. weights=None, or
'imagenet' for the constructors' own checks of it: no weights file is fetched or read; the
architecture (and so every count) is that of the pretrained models.

Writes test/golden/keras-applications.json: per case the constructor's keywords (the common ones,
and alpha / minimalistic / include_preprocessing / classifier_activation where a constructor takes
them), and the output shape with trainable / non-trainable weights, or the error's first line.

Run: git -C KERAS archive 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60 keras/src/applications | tar -x -C KERAS_SRC
     /usr/bin/python3 tools/golden/keras_applications.py KERAS_SRC
"""
import contextlib
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
from keras._layer import Layer  # noqa: E402
from keras._models import Functional, Sequential  # noqa: E402
from keras._stubs import stub_module  # noqa: E402
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
                         floatx=lambda: "float32", name_scope=lambda name: contextlib.nullcontext())
    src.layers = keras.layers
    sys.modules["keras.src.layers"] = keras.layers
    module("keras.src.layers.layer", Layer=Layer)  # custom layers (LayerScale, CustomScaleLayer)
    module("keras.src.api_export", keras_export=lambda *a, **k: (lambda f: f))
    module("keras.src.models", Functional=Functional, Sequential=Sequential)
    # initializers and random only set values; ops only in StochasticDepth's training branch
    for name in ("initializers", "random"):
        sys.modules[f"keras.src.{name}"] = setattr(src, name, stub_module(f"keras.src.{name}")) or getattr(src, name)
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
    "mobilenet_v3": ["MobileNetV3Small", "MobileNetV3Large"],
    "efficientnet": [f"EfficientNetB{i}" for i in range(8)],
    "efficientnet_v2": ["EfficientNetV2B0", "EfficientNetV2B1", "EfficientNetV2B2", "EfficientNetV2B3",
                        "EfficientNetV2S", "EfficientNetV2M", "EfficientNetV2L"],
    "convnext": ["ConvNeXtTiny", "ConvNeXtSmall", "ConvNeXtBase", "ConvNeXtLarge", "ConvNeXtXLarge"],
    "inception_resnet_v2": ["InceptionResNetV2"],
    "nasnet": ["NASNetMobile", "NASNetLarge"],
}

# The options only some constructors take, each tried on its own.
EXTRA = {
    "MobileNet": [{"alpha": 0.25}, {"alpha": 0.5, "include_top": False, "pooling": "avg"},
                  {"alpha": 0.75, "depth_multiplier": 2, "input_shape": [128, 128, 3]},
                  {"alpha": 1.3, "input_shape": [160, 160, 3], "classes": 3}, {"dropout": 0.5, "classes": 2}],
    "MobileNetV2": [{"alpha": 0.35}, {"alpha": 0.5, "include_top": False}, {"alpha": 0.75, "pooling": "max",
                    "include_top": False}, {"alpha": 1.3, "input_shape": [96, 96, 3]}, {"alpha": 1.4}],
    "MobileNetV3Small": [{"alpha": 0.75}, {"minimalistic": True}, {"include_preprocessing": False},
                         {"alpha": 0.75, "minimalistic": True, "include_top": False, "pooling": "avg"},
                         {"dropout_rate": 0.5, "classes": 4}],
    "MobileNetV3Large": [{"alpha": 0.75}, {"minimalistic": True}, {"include_preprocessing": False},
                         {"alpha": 0.75, "minimalistic": True, "include_top": False},
                         {"alpha": 1.0, "minimalistic": True, "input_shape": [96, 96, 3], "classes": 6}],
}
for _v2 in MODELS["efficientnet_v2"] + MODELS["convnext"]:
    EXTRA[_v2] = [{"include_preprocessing": False}, {"include_preprocessing": False, "include_top": False}]
for _name in [k for ks in MODELS.values() for k in ks]:
    EXTRA.setdefault(_name, []).append({"classifier_activation": None, "classes": 7})
    # weights='imagenet': the constructor's checks of it (the file is never fetched nor read)
    EXTRA[_name] += [{"weights": "imagenet"}, {"weights": "imagenet", "classes": 10},
                     {"weights": "imagenet", "include_top": False, "input_shape": [160, 160, 3], "pooling": "avg"},
                     {"weights": "imagenet", "include_top": True, "input_shape": [160, 160, 3]},
                     {"weights": "imagenet", "include_top": False, "input_shape": [128, 128, 1]}]
EXTRA["MobileNet"] += [{"weights": "imagenet", "alpha": 0.3}, {"weights": "imagenet", "depth_multiplier": 2},
                       {"weights": "imagenet", "alpha": 0.5, "input_shape": [128, 128, 3]}]
EXTRA["MobileNetV2"] += [{"weights": "imagenet", "alpha": 0.6}, {"weights": "imagenet", "alpha": 1.4,
                         "input_shape": [96, 96, 3]}]
for _v3 in ("MobileNetV3Small", "MobileNetV3Large"):
    EXTRA[_v3] += [{"weights": "imagenet", "alpha": 0.5}, {"weights": "imagenet", "minimalistic": True, "alpha": 0.75},
                   {"weights": "imagenet", "minimalistic": True}]
EXTRA["ConvNeXtTiny"] += [{"weights": "imagenet", "name": "my_convnext"}]


def run(fn, kind, keywords):
    case = {"model": kind, "keywords": keywords}
    _state.reset() if hasattr(_state, "reset") else None
    kw = {k: tuple(v) if isinstance(v, list) else v for k, v in keywords.items()}
    try:
        model = fn(**{"weights": None, **kw})
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
    out.extend(run(fn, kind, keywords) for keywords in EXTRA.get(kind, []))
    return out


def main():
    install_shim(sys.argv[1])
    # weights='imagenet' builds the model, then loads a file: neither fetched nor read here.
    sys.modules["keras.src.utils.file_utils"].get_file = lambda *a, **k: "weights.h5"
    Functional.load_weights = lambda self, *a, **k: None
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
