"""keras.Model (functional and subclassed) and keras.Sequential, symbolically.

A functional model is read from the graph of layer calls between its inputs and outputs; calling
it on new tensors replays those calls. A Sequential applies its layers once it knows its input
shape (from keras.Input, `input_shape=` on its first layer, InputLayer, or build()); Keras 3
internally rebuilds on every add(), but each layer is recorded once per application.
"""
from . import _state
from ._layer import Layer
from ._tensor import KerasTensor, flatten, map_structure, Input


class Model(Layer):
    def __new__(cls, *args, **kwargs):
        if cls is Model and (args or "inputs" in kwargs or "outputs" in kwargs):
            return object.__new__(Functional)
        return object.__new__(cls)

    def __init__(self, *args, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.call_inputs = None  # shapes of the first call, for the golden's model summary
        self.call_outputs = None

    def __call__(self, inputs, *args, **kwargs):
        outputs = super().__call__(inputs, *args, **kwargs)
        if self.call_inputs is None:
            self.call_inputs = [t.shape for t in flatten(inputs)]
            self.call_outputs = [t.shape for t in flatten(outputs)]
        return outputs

    def build(self, input_shape):
        """A subclassed model traces `call` on a symbolic input of that shape."""
        if not self.built and type(self).call is not Layer.call:
            self.built = True
            self(KerasTensor(input_shape))
        self.built = True

    build.default = True

    # training and inspection API: no-ops for shape purposes
    def compile(self, *args, **kwargs):
        pass

    def fit(self, *args, **kwargs):
        return None

    def evaluate(self, *args, **kwargs):
        return None

    def predict(self, *args, **kwargs):
        return None

    def summary(self, *args, **kwargs):
        pass

    def save(self, *args, **kwargs):
        pass


class Functional(Model):
    def __init__(self, inputs, outputs, name=None, **kwargs):
        super().__init__(name=name)
        self.inputs, self.outputs = inputs, outputs
        input_ids = {id(t) for t in flatten(inputs)}
        nodes, stack, seen = [], list(flatten(outputs)), set()
        while stack:
            t = stack.pop()
            if id(t) in input_ids or t.node is None or id(t.node) in seen:
                continue
            seen.add(id(t.node))
            nodes.append(t.node)
            # Keras' Node holds every tensor of the call, keywords too (`initial_state=[h, c]`).
            stack.extend(flatten([t.node.inputs, list(t.node.args), t.node.kwargs]))
        self._nodes = sorted(nodes, key=lambda n: n.serial)
        self._layers = []
        for n in self._nodes:
            if all(n.layer is not l for l in self._layers):
                self._layers.append(n.layer)
        self.built = True
        self.call_inputs = [t.shape for t in flatten(inputs)]
        self.call_outputs = [t.shape for t in flatten(outputs)]

    @property
    def layers(self):
        return list(self._layers)

    def _symbolic_call(self, inputs, *args, **kwargs):
        new = dict(zip((id(t) for t in flatten(self.inputs)), flatten(inputs)))
        for node in self._nodes:
            swap = lambda t: new.get(id(t), t)  # noqa: E731
            result = node.layer(map_structure(swap, node.inputs), *map_structure(swap, list(node.args)),
                                **map_structure(swap, node.kwargs))
            new.update(zip((id(t) for t in node.outputs), flatten(result)))
        return map_structure(lambda t: new[id(t)], self.outputs)

    @property
    def input_shape(self):
        return self.call_inputs[0] if len(self.call_inputs) == 1 else self.call_inputs

    @property
    def output_shape(self):
        return self.call_outputs[0] if len(self.call_outputs) == 1 else self.call_outputs


class InputLayer(Layer):
    """keras.layers.InputLayer(shape=...) as the first entry of a Sequential."""

    def __init__(self, shape=None, batch_size=None, name=None, input_shape=None, batch_shape=None, **kwargs):
        super().__init__(name=name)
        self.output = Input(shape=shape if shape is not None else input_shape, batch_size=batch_size,
                            batch_shape=batch_shape, name=self.name)


class Sequential(Model):
    def __init__(self, layers=None, name=None, **kwargs):
        super().__init__(name=name)
        self._layers = []
        self._output = None  # the symbolic output once the input shape is known
        for layer in layers or []:
            self.add(layer)

    @property
    def layers(self):
        return list(self._layers)

    def add(self, layer):
        if isinstance(layer, KerasTensor):  # model.add(keras.Input(...))
            self._start(layer)
            return
        if isinstance(layer, InputLayer):
            self._start(layer.output)
            return
        if not self._layers and self._output is None and layer._input_shape_arg is not None:
            self._start(Input(shape=layer._input_shape_arg))
        self._layers.append(layer)
        self.__dict__.setdefault("_tracked", []).append(layer)
        if self._output is not None:
            self._output = layer(self._output)
            self.call_outputs = [self._output.shape]

    def _start(self, tensor):
        self._output = tensor
        self.call_inputs = [tensor.shape]
        self.call_outputs = [tensor.shape]
        self.built = True

    def build(self, input_shape=None):
        if self._output is None and input_shape is not None:
            self._start(Input(batch_shape=tuple(input_shape)))
            for layer in self._layers:
                self._output = layer(self._output)
            self.call_outputs = [self._output.shape]

    def _symbolic_call(self, inputs, *args, **kwargs):
        x = inputs
        for layer in self._layers:
            x = layer(x)
        self.built = True
        return x

    @property
    def input_shape(self):
        return self.call_inputs[0] if self.call_inputs else None

    @property
    def output_shape(self):
        return self.call_outputs[0] if self.call_outputs else None
