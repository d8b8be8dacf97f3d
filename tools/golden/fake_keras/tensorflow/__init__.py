"""A fake `tensorflow` whose only content is `tf.keras` (the fake keras next to it)."""
import sys

import keras

from keras._stubs import stub_module

__version__ = "2.fake"

for _name, _module in list(sys.modules.items()):
    if _name == "keras" or _name.startswith("keras."):
        sys.modules["tensorflow." + _name] = _module

for _name in ("random", "math", "nn", "data", "image"):
    sys.modules[f"tensorflow.{_name}"] = globals()[_name] = stub_module(f"tensorflow.{_name}")
