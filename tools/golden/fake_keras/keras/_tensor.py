"""Symbolic tensors (shape only) and the graph nodes a functional model is read from."""
import itertools

from . import _state

_serial = itertools.count()


class Node:
    """One layer call: which layer, on which inputs (a structure of tensors), with which extras."""

    def __init__(self, layer, inputs, args, kwargs):
        self.serial = next(_serial)
        self.layer, self.inputs, self.args, self.kwargs = layer, inputs, args, kwargs


class KerasTensor:
    def __init__(self, shape, node=None, name=None):
        self.shape = tuple(shape)
        self.node = node  # the layer call that produced it; None for an Input
        self.name = name
        self.dtype = "float32"

    @property
    def ndim(self):
        return len(self.shape)

    def __repr__(self):
        return f"<KerasTensor shape={self.shape}, name={self.name}>"


def flatten(structure):
    """The tensors of a nested list/tuple/dict structure, in order."""
    if isinstance(structure, KerasTensor):
        return [structure]
    if isinstance(structure, dict):
        return [t for v in structure.values() for t in flatten(v)]
    if isinstance(structure, (list, tuple)):
        return [t for v in structure for t in flatten(v)]
    return []


def map_structure(fn, structure):
    if isinstance(structure, KerasTensor):
        return fn(structure)
    if isinstance(structure, dict):
        return {k: map_structure(fn, v) for k, v in structure.items()}
    if isinstance(structure, (list, tuple)):
        return type(structure)(map_structure(fn, v) for v in structure)
    return structure


def shapes_of(structure):
    """Shapes in the same structure (lists for lists), as Keras hands them to build()."""
    return map_structure(lambda t: t.shape, structure)


def Input(shape=None, batch_size=None, name=None, dtype=None, batch_shape=None, **_ignored):
    """keras.Input: an InputLayer (named like any other layer) and its symbolic output."""
    if batch_shape is None:
        batch_shape = (batch_size,) + tuple(shape or ())
    return KerasTensor(batch_shape, None, name or _state.auto_name("InputLayer"))
