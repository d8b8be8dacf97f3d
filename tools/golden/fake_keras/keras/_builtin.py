"""The built-in layers: one keras.layers class per layer class of the port, same name and signature.

Each wraps the port's object: construction checks, input_spec, build and compute_output_shape all
happen there; this file only moves shapes in and out and turns the port's errors into ValueErrors.
"""
import inspect
import math

from . import _state
from ._layer import Layer
from ._port import port
from ._tensor import KerasTensor

# Layer classes of the port that are Keras layers (not helpers or bases).
_BASES = {"Layer", "BaseConv", "BaseConvTranspose", "BaseDepthwiseConv", "BaseSeparableConv", "BasePooling",
          "BaseGlobalPooling", "Merge", "InputSpec", "KerasError"}


class BuiltinLayer(Layer):
    leaf = True
    port_class = None

    def __init__(self, *args, name=None, trainable=True, dtype=None, input_shape=None, input_dim=None, **kwargs):
        super().__init__(name=name, trainable=trainable, input_shape=input_shape, input_dim=input_dim)
        if self.port_class.__init__ is port.Layer.__init__:
            # ReLU(max_value), LeakyReLU(negative_slope), Softmax(axis), ELU(alpha): options that do
            # not change shapes, which the port's classes do not take.
            args = ()
        signature = inspect.signature(self.port_class.__init__)
        if "data_format" in signature.parameters:
            bound = signature.bind_partial(None, *args, **kwargs)
            if bound.arguments.get("data_format") is None:  # keras.config.image_data_format()
                bound.arguments["data_format"] = _state.image_data_format()
            args, kwargs = bound.args[1:], bound.kwargs
        # A wrapped layer (Bidirectional(LSTM(64))) reaches the port as the port's object.
        args = tuple(a._port if isinstance(a, BuiltinLayer) else a for a in args)
        kwargs = {k: v._port if isinstance(v, BuiltinLayer) else v for k, v in kwargs.items()}
        try:
            self._port = self.port_class(*args, name=self.name, **kwargs)
        except port.KerasError as e:
            raise _state.KerasValueError(e.message, e.code) from None

    def _symbolic_call(self, inputs, *args, **kwargs):
        if isinstance(self._port, port.MultiHeadAttention):
            # call(query, value, key=None, ..., return_attention_scores=False)
            names = ["value", "key"]
            tensors = [inputs] + list(args[:2]) + [kwargs[n] for n in names[len(args):] if kwargs.get(n) is not None]
            return_scores = bool(kwargs.get("return_attention_scores", False))
            try:
                out = self._port([tuple(t.shape) for t in tensors], return_attention_scores=return_scores)
            except port.KerasError as e:
                raise _state.KerasValueError(e.message, e.code) from None
            self.built = True
            return [KerasTensor(tuple(s)) for s in out] if return_scores else KerasTensor(tuple(out))
        if isinstance(self._port, port.Merge):
            shape = [tuple(t.shape) for t in inputs]
        else:
            if not isinstance(inputs, KerasTensor):
                raise ValueError(f"Layer '{self.name}' expects 1 input, but it received {len(inputs)} input tensors.")
            shape = tuple(inputs.shape)
        try:
            out = self._port(shape)
        except port.KerasError as e:
            raise _state.KerasValueError(e.message, e.code) from None
        self.built = True
        if isinstance(out, list) and out and isinstance(out[0], (tuple, list)):  # return_state: several tensors
            return [KerasTensor(tuple(s)) for s in out]
        return KerasTensor(tuple(out))

    def weight_counts(self, seen=None):
        seen = set() if seen is None else seen
        if id(self) in seen:
            return 0, 0
        seen.add(id(self))
        trainable = self._port.trainable_params()
        total = sum(math.prod(s) for s, _ in self._port.weights)
        if not self.trainable:
            return 0, total
        return trainable, total - trainable


def _make(port_class):
    return type(port_class.__name__, (BuiltinLayer,), {"port_class": port_class, "__module__": "keras.layers"})


BUILTINS = {
    name: _make(obj) for name, obj in vars(port).items()
    if isinstance(obj, type) and issubclass(obj, port.Layer) and name not in _BASES and not name.startswith("_")
}
