"""Loads tools/golden/keras-port.py (the port of Keras 3's shape code) once, as `keras_port`.

Every shape, parameter count and error of the fake package comes from that port; nothing here
restates a Keras formula.
"""
import importlib.util
import os
import sys

_PATH = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "keras-port.py")

if "keras_port" in sys.modules:
    port = sys.modules["keras_port"]
else:
    _spec = importlib.util.spec_from_file_location("keras_port", _PATH)
    port = importlib.util.module_from_spec(_spec)
    sys.modules["keras_port"] = port
    _spec.loader.exec_module(port)
    # keras-port-blocks.py adds its classes (recurrent layers, wrappers, attention) to the port.
    _blocks = importlib.util.spec_from_file_location("keras_port_blocks", _PATH.replace("keras-port.py", "keras-port-blocks.py"))
    _module = importlib.util.module_from_spec(_blocks)
    sys.modules["keras_port_blocks"] = _module
    _blocks.loader.exec_module(_module)
    # keras-port-preprocessing.py: Rescaling and Normalization (keras.applications' first layers).
    _pre = importlib.util.spec_from_file_location("keras_port_preprocessing", _PATH.replace("keras-port.py", "keras-port-preprocessing.py"))
    _module = importlib.util.module_from_spec(_pre)
    sys.modules["keras_port_preprocessing"] = _module
    _pre.loader.exec_module(_module)
