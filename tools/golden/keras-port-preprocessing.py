"""The port of Keras 3's shape code, continued: the preprocessing layers keras.applications use.

Same rules as keras-port.py (loaded first as `keras_port`): each class ports the named Keras 3
source (keras-team/keras at commit 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60), its constructor
checks, build's weights and errors, and compute_output_shape.
"""
import sys

port = sys.modules["keras_port"]
KerasError, Layer = port.KerasError, port.Layer


class Rescaling(Layer):  # preprocessing/rescaling.py: `inputs * scale + offset`, no weights
    def __init__(self, scale, offset=0.0, **kwargs):
        super().__init__(**kwargs)


def _shape_of(value):
    """np.shape of a nested list / tuple / number."""
    shape = []
    while isinstance(value, (list, tuple)):
        shape.append(len(value))
        value = value[0] if value else None
    return tuple(shape)


class Normalization(Layer):  # preprocessing/normalization.py
    def __init__(self, axis=-1, mean=None, variance=None, invert=False, **kwargs):
        super().__init__(**kwargs)
        axis = () if axis is None else (axis,) if isinstance(axis, int) else tuple(axis)
        self.axis = axis
        self.input_mean = mean
        if (mean is not None) != (variance is not None):
            raise KerasError("invalid-argument", "When setting values directly, both `mean` and `variance` "
                             f"must be set. Received: mean={mean} and variance={variance}")
        if mean is not None:
            if _shape_of(mean) != _shape_of(variance):
                raise KerasError("invalid-argument", "When setting values directly, `mean` and `variance` "
                                 f"must have the same shape. Received: mean shape {_shape_of(mean)} and "
                                 f"variance shape {_shape_of(variance)}")
            if len(_shape_of(mean)) > len(axis):
                raise KerasError("invalid-argument", "The rank of `mean` must be less than or equal to the "
                                 f"number of axes ({len(axis)}). Received: mean shape {_shape_of(mean)} for axis {axis}")

    def build(self, input_shape):
        ndim = len(input_shape)
        if any(a < -ndim or a >= ndim for a in self.axis):
            raise KerasError("invalid-argument", "All `axis` values must be in the range [-ndim, ndim). "
                             f"Received inputs with ndim={ndim}, while axis={self.axis}")
        keep = tuple(sorted(d if d >= 0 else d + ndim for d in self.axis))
        for d in keep:
            if input_shape[d] is None:
                raise KerasError("invalid-argument", "All `axis` values to be kept must have a known shape. "
                                 f"Received axis={self.axis}, inputs.shape={input_shape}, "
                                 f"with unknown axis at index {d}")
        if self.input_mean is None:
            # adapt_mean, adapt_variance (the kept axes) and `count` (a scalar): none trainable
            mean_and_var_shape = tuple(input_shape[d] for d in keep)
            self.add_weight(mean_and_var_shape, trainable=False)
            self.add_weight(mean_and_var_shape, trainable=False)
            self.add_weight((), trainable=False)


for _cls in (Rescaling, Normalization):
    setattr(port, _cls.__name__, _cls)
