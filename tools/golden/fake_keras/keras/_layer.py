"""keras.layers.Layer: naming, sub-layer tracking, and the symbolic __call__ that runs `call`."""
import inspect
import math

from . import _state
from ._tensor import KerasTensor, Node, flatten, map_structure, shapes_of


class Layer:
    leaf = False  # built-in (port-backed) layers are leaves; user layers and models are not

    def __init__(self, name=None, trainable=True, dtype=None, input_shape=None, input_dim=None, **_ignored):
        self.name = name or _state.auto_name(type(self).__name__)
        self.trainable = trainable
        # Keras 3 Layer.__init__: `input_dim` / `input_shape` tell a Sequential its input shape.
        self._input_shape_arg = (input_dim,) if input_dim is not None else (tuple(input_shape) if input_shape is not None else None)
        self._own_weights = []  # (shape, trainable) from add_weight in a user build()
        self.built = False
        _state.hooks.on_construct(self)

    # ---- tracking ----

    def __setattr__(self, key, value):
        if not key.startswith("_") or key == "_layers":
            found = [v for v in _layers_in(value) if v is not self]
            if found:
                tracked = self.__dict__.setdefault("_tracked", [])
                tracked.extend(v for v in found if all(v is not t for t in tracked))
        object.__setattr__(self, key, value)

    @property
    def layers(self):
        return list(self.__dict__.get("_tracked", []))

    def add_weight(self, shape=None, initializer=None, trainable=True, name=None, **_ignored):
        self.__dict__.setdefault("_own_weights", []).append((tuple(shape or ()), trainable))
        return KerasTensor(tuple(shape or ()))  # a variable: usable in `call` arithmetic

    def weight_counts(self, seen=None):
        """(trainable, non-trainable) parameters, each sub-layer counted once (as Keras does)."""
        seen = set() if seen is None else seen
        if id(self) in seen:
            return 0, 0
        seen.add(id(self))
        own = self.__dict__.get("_own_weights", [])
        trainable = sum(math.prod(s) for s, t in own if t)
        frozen = sum(math.prod(s) for s, t in own if not t)
        for sub in self.layers:
            t, f = sub.weight_counts(seen)
            trainable, frozen = trainable + t, frozen + f
        if not self.trainable:  # `base.trainable = False` freezes every weight inside
            return 0, trainable + frozen
        return trainable, frozen

    def count_params(self):
        return sum(self.weight_counts())

    # ---- calling ----

    def __call__(self, inputs, *args, **kwargs):
        token = _state.hooks.on_call_start(self, inputs)
        raw = self._symbolic_call(inputs, *args, **kwargs)
        # The graph sees this layer's call, not the layers it ran inside (as a Keras Node).
        node = Node(self, inputs, args, kwargs)
        outputs = map_structure(lambda t: KerasTensor(t.shape, node, t.name), raw)
        node.outputs = flatten(outputs)
        _state.hooks.on_call_end(token, outputs)
        return outputs

    def _symbolic_call(self, inputs, *args, **kwargs):
        if not self.built:
            if not getattr(type(self).build, "default", False):  # a build() the user wrote
                self.build(shapes_of(inputs))
            self.built = True
        if "training" in kwargs and "training" not in inspect.signature(self.call).parameters:
            kwargs.pop("training")
        return self.call(inputs, *args, **kwargs)

    def build(self, input_shape):
        self.built = True

    build.default = True

    def call(self, inputs, *args, **kwargs):
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {"name": self.name}


def _layers_in(value):
    if isinstance(value, Layer):
        return [value]
    if isinstance(value, dict):
        return [l for v in value.values() for l in _layers_in(v)]
    if isinstance(value, (list, tuple)):
        return [l for v in value for l in _layers_in(v)]
    return []


def is_tensor(value):
    return isinstance(value, KerasTensor)


# ---- arithmetic on symbolic tensors (`layers.ReLU(6.0)(x + 3.0) * (1.0 / 6.0)` in mobilenet_v3.py) ----

def _broadcast(a, b):
    """NumPy broadcasting of two shapes; an unknown size takes the other's."""
    a, b = tuple(a), tuple(b)
    n = max(len(a), len(b))
    a, b = (1,) * (n - len(a)) + a, (1,) * (n - len(b)) + b
    out = []
    for x, y in zip(a, b):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        elif x is None or y is None:
            out.append(x if y is None else y)
        else:
            raise ValueError(f"Cannot broadcast shapes {a} and {b}")
    return tuple(out)


class TensorOp(Layer):
    """A Keras op on tensors (`+`, `*`, ...): an operation in the graph, with no weights."""

    def __init__(self, symbol):
        object.__setattr__(self, "name", f"tensor_op_{symbol}")
        object.__setattr__(self, "trainable", True)
        object.__setattr__(self, "built", True)

    def __call__(self, inputs, *args, **kwargs):
        shape = ()
        for v in inputs:
            shape = _broadcast(shape, v.shape if isinstance(v, KerasTensor) else ())
        node = Node(self, inputs, (), {})
        out = KerasTensor(shape, node)
        node.outputs = [out]
        return out


def _binary(symbol, reverse=False):
    def op(self, other):
        return TensorOp(symbol)([other, self] if reverse else [self, other])
    return op


for _symbol, _name in (("add", "add"), ("sub", "sub"), ("mul", "mul"), ("div", "truediv")):
    setattr(KerasTensor, f"__{_name}__", _binary(_symbol))
    setattr(KerasTensor, f"__r{_name}__", _binary(_symbol, reverse=True))
