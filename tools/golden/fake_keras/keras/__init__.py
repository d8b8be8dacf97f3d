"""A fake `keras` for golden data: Keras 3's model-building API, run symbolically on shapes only.

Shapes, parameter counts and errors come from tools/golden/keras-port.py (a port of Keras 3's
shape code); this package adds what a model file needs around it: keras.Input, keras.layers,
keras.Sequential, keras.Model (functional and subclassed), automatic layer names, the image data
format. It is not Keras: nothing is computed on data.
"""
import sys

from . import _state, backend, config, layers, models
from ._layer import Layer
from ._models import Model, Sequential
from ._stubs import stub_module
from ._tensor import Input, KerasTensor

__version__ = "3.fake"

for _name in ("optimizers", "losses", "metrics", "callbacks", "activations", "initializers", "regularizers",
              "utils", "ops", "datasets", "applications"):
    _module = stub_module(f"keras.{_name}")
    sys.modules[f"keras.{_name}"] = _module
    globals()[_name] = _module
