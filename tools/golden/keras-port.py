"""A standalone port of Keras 3's layer shape logic (no Keras import: none is installable here).

Each function or class below ports the named Keras 3 source, line for line where it matters,
including its use of NumPy (so error messages print `[1 1]` exactly as Keras does). Keras runs a
layer on a symbolic input as: constructor checks, `assert_input_compatibility(input_spec)`,
`build(input_shape)`, `compute_output_shape(input_shape)`; `symbolic_call` below does the same.
Each raise carries the ConvShape diagnostic code next to Keras' own message.
"""
import copy
import math
import re

import numpy as np


class KerasError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


# keras/src/utils/naming.py: to_snake_case
def to_snake_case(name):
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    name = re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()
    return name


# keras/src/utils/argument_validation.py: standardize_tuple
def standardize_tuple(value, n, name, allow_zero=False):
    error_msg = f"The `{name}` argument must be a tuple of {n} integers. Received {name}={value}"
    if isinstance(value, int):
        value_tuple = (value,) * n
    else:
        value_tuple = tuple(value)
        if len(value_tuple) != n:
            raise KerasError("invalid-argument", error_msg)
    if allow_zero:
        unqualified_values = {v for v in value_tuple if v < 0}
        req_msg = ">= 0"
    else:
        unqualified_values = {v for v in value_tuple if v <= 0}
        req_msg = "> 0"
    if unqualified_values:
        error_msg += f", including values {unqualified_values} that do not satisfy `value {req_msg}`"
        raise KerasError("invalid-argument", error_msg)
    return value_tuple


# keras/src/utils/argument_validation.py: standardize_padding
def standardize_padding(value, allow_causal=False):
    padding = value.lower()
    allowed = ["valid", "same", "causal"] if allow_causal else ["valid", "same"]
    if padding not in allowed:
        shown = "{" + ", ".join(repr(a) for a in allowed) + "}"  # set order as written in the source
        raise KerasError("invalid-padding", f"The `padding` argument must be a list/tuple or one of {shown}. Received: {padding}")
    return padding


# keras/src/backend/config.py: standardize_data_format (default image_data_format: channels_last)
def standardize_data_format(data_format):
    if data_format is None:
        return "channels_last"
    data_format = str(data_format).lower()
    if data_format not in {"channels_first", "channels_last"}:
        raise KerasError("invalid-argument", "The `data_format` argument must be one of "
                         f"{{'channels_first', 'channels_last'}}. Received: data_format={data_format}")
    return data_format


# keras/src/layers/input_spec.py: InputSpec + assert_input_compatibility (Keras 3 text, as in tf.keras 2.7+)
class InputSpec:
    def __init__(self, ndim=None, max_ndim=None, min_ndim=None, axes=None):
        self.ndim, self.max_ndim, self.min_ndim, self.axes = ndim, max_ndim, min_ndim, axes or {}


def assert_input_compatibility(spec, shape, input_index, layer_name, axis_code):
    if spec is None:
        return
    ndim = len(shape)
    head = f'Input {input_index} of layer "{layer_name}" is incompatible with the layer: '
    if spec.ndim is not None and ndim != spec.ndim:
        raise KerasError("rank-mismatch", f"{head}expected ndim={spec.ndim}, found ndim={ndim}. Full shape received: {shape}")
    if spec.max_ndim is not None and ndim > spec.max_ndim:
        raise KerasError("rank-mismatch", f"{head}expected max_ndim={spec.max_ndim}, found ndim={ndim}")
    if spec.min_ndim is not None and ndim < spec.min_ndim:
        raise KerasError("rank-mismatch", f"{head}expected min_ndim={spec.min_ndim}, found ndim={ndim}. Full shape received: {shape}")
    for axis, value in spec.axes.items():
        if value is not None and shape[axis] not in {value, None}:
            raise KerasError(axis_code, f"{head}expected axis {axis} of input shape to have value {value}, "
                             f"but received input with shape {shape}")


# keras/src/ops/operation_utils.py: compute_conv_output_shape
def compute_conv_output_shape(input_shape, filters, kernel_size, strides=1, padding="valid",
                              data_format="channels_last", dilation_rate=1):
    if data_format == "channels_last":
        spatial_shape = input_shape[1:-1]
        kernel_shape = kernel_size + (input_shape[-1], filters)
    else:
        spatial_shape = input_shape[2:]
        kernel_shape = kernel_size + (input_shape[1], filters)
    if len(kernel_shape) != len(input_shape):
        raise KerasError("rank-mismatch", "Kernel shape must have the same length as input, but received "
                         f"kernel of shape {kernel_shape} and input of shape {input_shape}.")
    if isinstance(dilation_rate, int):
        dilation_rate = (dilation_rate,) * len(spatial_shape)
    if isinstance(strides, int):
        strides = (strides,) * len(spatial_shape)
    none_dims = []
    spatial_shape = np.array(spatial_shape)
    for i in range(len(spatial_shape)):
        if spatial_shape[i] is None:
            spatial_shape[i] = -1
            none_dims.append(i)
    kernel_spatial_shape = np.array(kernel_shape[:-2])
    dilation_rate = np.array(dilation_rate)
    if padding == "valid":
        output_spatial_shape = np.floor((spatial_shape - dilation_rate * (kernel_spatial_shape - 1) - 1) / strides) + 1
        for i in range(len(output_spatial_shape)):
            if i not in none_dims and output_spatial_shape[i] <= 0:
                raise KerasError("kernel-too-large", "Computed output size would be zero or negative. Received "
                                 f"`inputs shape={input_shape}`, `kernel shape={kernel_shape}`, "
                                 f"`dilation_rate={dilation_rate}`, `strides={strides}`, `padding={padding}`.")
    elif padding in ("same", "causal"):
        output_spatial_shape = np.floor((spatial_shape - 1) / strides) + 1
    output_spatial_shape = [int(i) for i in output_spatial_shape]
    for i in none_dims:
        output_spatial_shape[i] = None
    output_spatial_shape = tuple(output_spatial_shape)
    if data_format == "channels_last":
        return (input_shape[0],) + output_spatial_shape + (kernel_shape[-1],)
    return (input_shape[0], kernel_shape[-1]) + output_spatial_shape


# keras/src/ops/operation_utils.py: compute_pooling_output_shape
def compute_pooling_output_shape(input_shape, pool_size, strides, padding="valid", data_format="channels_last"):
    strides = pool_size if strides is None else strides
    input_shape_origin = list(input_shape)
    input_shape = np.array(input_shape)
    if data_format == "channels_last":
        spatial_shape = input_shape[1:-1]
    else:
        spatial_shape = input_shape[2:]
    none_dims = []
    for i in range(len(spatial_shape)):
        if spatial_shape[i] is None:
            spatial_shape[i] = -1
            none_dims.append(i)
    pool_size = np.array(pool_size)
    if padding == "valid":
        output_spatial_shape = np.floor((spatial_shape - pool_size) / strides) + 1
        for i in range(len(output_spatial_shape)):
            if i not in none_dims and output_spatial_shape[i] <= 0:
                raise KerasError("kernel-too-large", "Computed output size would be zero or negative. "
                                 f"Received: `inputs.shape={input_shape}`, `pool_size={pool_size}`, "
                                 f"`strides={strides}`, `padding={padding}`.")
    elif padding == "same":
        output_spatial_shape = np.floor((spatial_shape - 1) / strides) + 1
    else:
        raise KerasError("invalid-padding", f"Argument `padding` must be either 'valid' or 'same'. Received: padding={padding}")
    output_spatial_shape = [int(i) for i in output_spatial_shape]
    for i in none_dims:
        output_spatial_shape[i] = None
    output_spatial_shape = tuple(output_spatial_shape)
    if data_format == "channels_last":
        return (input_shape_origin[0],) + output_spatial_shape + (input_shape_origin[-1],)
    return (input_shape_origin[0], input_shape_origin[1]) + output_spatial_shape


# keras/src/backend/common/backend_utils.py: _get_output_shape_given_tf_padding
def _get_output_shape_given_tf_padding(input_size, kernel_size, strides, padding, output_padding, dilation_rate):
    if input_size is None:
        return None
    kernel_size = (kernel_size - 1) * dilation_rate + 1
    if padding.lower() == "valid":
        output_padding = max(kernel_size, strides) - kernel_size if output_padding is None else output_padding
        return (input_size - 1) * strides + kernel_size + output_padding
    if output_padding is None:
        return input_size * strides
    return (input_size - 1) * strides + kernel_size % 2 + output_padding


# keras/src/backend/common/backend_utils.py: compute_conv_transpose_output_shape
def compute_conv_transpose_output_shape(input_shape, kernel_size, filters, strides, padding, output_padding=None,
                                        data_format="channels_last", dilation_rate=1):
    num_spatial_dims = len(input_shape) - 2
    input_spatial_shape = input_shape[1:-1] if data_format == "channels_last" else input_shape[2:]
    output_shape = []
    for i in range(num_spatial_dims):
        current_output_padding = None if output_padding is None else output_padding[i]
        output_shape.append(_get_output_shape_given_tf_padding(
            input_spatial_shape[i], kernel_size[i], strides[i], padding, current_output_padding, dilation_rate[i]))
    if data_format == "channels_last":
        return [input_shape[0]] + output_shape + [filters]
    return [input_shape[0], filters] + output_shape


# keras/src/ops/operation_utils.py: compute_reshape_output_shape (+ validate_reshape_shape)
def compute_reshape_output_shape(input_shape, newshape, newshape_arg_name):
    newshape = tuple(newshape)
    for dim in newshape:
        if dim < -1:
            raise KerasError("reshape-mismatch", f"Each dimension in `{newshape_arg_name}` must be a non-negative "
                             "integer, or `-1` for a single unknown dimension. "
                             f"Received: {newshape_arg_name}={newshape}.")
    unknown_dim_count = newshape.count(-1)
    if None in input_shape:
        return tuple(dim if dim != -1 else None for dim in newshape)
    input_size = math.prod(input_shape)
    if unknown_dim_count == 0:
        if input_size != math.prod(newshape):
            raise KerasError("reshape-mismatch", "The total size of the tensor must be unchanged. Received: "
                             f"input_shape={input_shape}, {newshape_arg_name}={newshape}")
        return newshape
    known_output_size = 1
    unknown_dim_index = None
    for index, dim in enumerate(newshape):
        if dim == -1:
            unknown_dim_index = index
        else:
            known_output_size *= dim
    if known_output_size == 0 or input_size % known_output_size != 0:
        raise KerasError("reshape-mismatch", "The total size of the tensor must be unchanged, however, the "
                         "input size cannot by divided by the specified dimensions in "
                         f"{newshape_arg_name}. Received: input_shape={input_shape}, {newshape_arg_name}={newshape}")
    output_shape = list(newshape)
    output_shape[unknown_dim_index] = input_size // known_output_size
    return tuple(output_shape)


class Layer:
    """keras/src/layers/layer.py, reduced to what a symbolic call does with shapes."""

    axis_code = "channel-mismatch"

    def __init__(self, name=None, **_ignored):
        self.name = name or to_snake_case(type(self).__name__)
        self.input_spec = None
        self.built = False
        self.weights = []  # (shape, trainable)

    def build(self, input_shape):
        pass

    def compute_output_shape(self, input_shape):
        return input_shape

    def add_weight(self, shape, trainable=True):
        self.weights.append((tuple(shape), trainable))

    def __call__(self, input_shape):
        input_shape = input_shape if isinstance(input_shape, list) else tuple(input_shape)
        assert_input_compatibility(self.input_spec, input_shape, 0, self.name, self.axis_code)
        if not self.built:
            self.build(input_shape)
            self.built = True
        return self.compute_output_shape(input_shape)

    def trainable_params(self):
        return sum(math.prod(shape) for shape, trainable in self.weights if trainable)


# ---- convolutions: keras/src/layers/convolutional/ ----

class BaseConv(Layer):  # base_conv.py
    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 groups=1, activation=None, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.rank, self.filters, self.groups, self.use_bias = rank, filters, groups, use_bias
        self.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = standardize_tuple(strides, rank, "strides")
        self.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = standardize_padding(padding, allow_causal=rank == 1)
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=self.rank + 2)
        if self.filters is not None and self.filters <= 0:
            raise KerasError("invalid-argument", "Invalid value for argument `filters`. Expected a strictly "
                             f"positive value. Received filters={self.filters}.")
        if self.groups <= 0:
            raise KerasError("invalid-groups", f"The number of groups must be a positive integer. Received: groups={self.groups}.")
        if self.filters is not None and self.filters % self.groups != 0:
            raise KerasError("invalid-groups", "The number of filters must be evenly divisible by the "
                             f"number of groups. Received: groups={self.groups}, filters={self.filters}.")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise KerasError("invalid-argument", "`strides > 1` not supported in conjunction with "
                             f"`dilation_rate > 1`. Received: strides={self.strides} and dilation_rate={self.dilation_rate}")

    def build(self, input_shape):
        channel_axis, input_channel = (-1, input_shape[-1]) if self.data_format == "channels_last" else (1, input_shape[1])
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={channel_axis: input_channel})
        if input_channel % self.groups != 0:
            raise KerasError("invalid-groups", "The number of input channels must be evenly divisible by "
                             f"the number of groups. Received groups={self.groups}, but the "
                             f"input has {input_channel} channels (full input shape is {input_shape}).")
        self.compute_output_shape(input_shape)
        self.add_weight(self.kernel_size + (input_channel // self.groups, self.filters))
        if self.use_bias:
            self.add_weight((self.filters,))

    def compute_output_shape(self, input_shape):
        return compute_conv_output_shape(input_shape, self.filters, self.kernel_size, strides=self.strides,
                                         padding=self.padding, data_format=self.data_format, dilation_rate=self.dilation_rate)


def _conv(rank):
    def init(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1, groups=1,
             activation=None, use_bias=True, **kwargs):
        BaseConv.__init__(self, rank, filters, kernel_size, strides, padding, data_format, dilation_rate, groups,
                          activation, use_bias, **kwargs)
    return init


class Conv1D(BaseConv):
    __init__ = _conv(1)


class Conv2D(BaseConv):
    __init__ = _conv(2)


class Conv3D(BaseConv):
    __init__ = _conv(3)


class BaseConvTranspose(Layer):  # base_conv_transpose.py
    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid", output_padding=None, data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.rank, self.filters, self.use_bias = rank, filters, use_bias
        self.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = standardize_tuple(strides, rank, "strides")
        self.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = standardize_padding(padding)
        self.output_padding = None if output_padding is None else standardize_tuple(
            output_padding, rank, "output_padding", allow_zero=True)
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=self.rank + 2)
        if self.filters is not None and self.filters <= 0:
            raise KerasError("invalid-argument", "Invalid value for argument `filters`. Expected a strictly "
                             f"positive value. Received filters={self.filters}.")
        if self.output_padding is not None:
            for i in range(rank):
                if self.output_padding[i] >= self.strides[i]:
                    raise KerasError("invalid-output-padding", "`output_padding` must be < `strides`. "
                                     f"output_padding={self.output_padding}, strides={self.strides}")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise KerasError("invalid-argument", "`strides > 1` not supported in conjunction with "
                             f"`dilation_rate > 1`. Received: strides={self.strides} and dilation_rate={self.dilation_rate}")

    def build(self, input_shape):
        channel_axis, input_channel = (-1, input_shape[-1]) if self.data_format == "channels_last" else (1, input_shape[1])
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={channel_axis: input_channel})
        self.add_weight(self.kernel_size + (self.filters, input_channel))
        if self.use_bias:
            self.add_weight((self.filters,))

    def compute_output_shape(self, input_shape):
        return compute_conv_transpose_output_shape(input_shape, self.kernel_size, self.filters, strides=self.strides,
                                                   padding=self.padding, output_padding=self.output_padding,
                                                   data_format=self.data_format, dilation_rate=self.dilation_rate)


def _conv_transpose(rank):
    def init(self, filters, kernel_size, strides=1, padding="valid", output_padding=None, data_format=None,
             dilation_rate=1, activation=None, use_bias=True, **kwargs):
        BaseConvTranspose.__init__(self, rank, filters, kernel_size, strides, padding, output_padding, data_format,
                                   dilation_rate, activation, use_bias, **kwargs)
    return init


class Conv1DTranspose(BaseConvTranspose):
    __init__ = _conv_transpose(1)


class Conv2DTranspose(BaseConvTranspose):
    __init__ = _conv_transpose(2)


class Conv3DTranspose(BaseConvTranspose):
    __init__ = _conv_transpose(3)


class BaseDepthwiseConv(Layer):  # base_depthwise_conv.py
    def __init__(self, rank, depth_multiplier, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.rank, self.depth_multiplier, self.use_bias = rank, depth_multiplier, use_bias
        self.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = standardize_tuple(strides, rank, "strides")
        self.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = standardize_padding(padding)
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=self.rank + 2)
        if self.depth_multiplier is not None and self.depth_multiplier <= 0:
            raise KerasError("invalid-argument", "Invalid value for argument `depth_multiplier`. Expected a "
                             f"strictly positive value. Received depth_multiplier={self.depth_multiplier}.")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise KerasError("invalid-argument", "`strides > 1` not supported in conjunction with "
                             f"`dilation_rate > 1`. Received: strides={self.strides} and dilation_rate={self.dilation_rate}")

    def _input_channel(self, input_shape):
        return input_shape[-1] if self.data_format == "channels_last" else input_shape[1]

    def build(self, input_shape):
        channel_axis = -1 if self.data_format == "channels_last" else 1
        input_channel = self._input_channel(input_shape)
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={channel_axis: input_channel})
        self.add_weight(self.kernel_size + (input_channel, self.depth_multiplier))
        if self.use_bias:
            self.add_weight((self.depth_multiplier * input_channel,))

    def compute_output_shape(self, input_shape):
        return compute_conv_output_shape(input_shape, self.depth_multiplier * self._input_channel(input_shape),
                                         self.kernel_size, strides=self.strides, padding=self.padding,
                                         data_format=self.data_format, dilation_rate=self.dilation_rate)


def _depthwise(rank):
    def init(self, kernel_size, strides=1, padding="valid", depth_multiplier=1, data_format=None, dilation_rate=1,
             activation=None, use_bias=True, **kwargs):
        BaseDepthwiseConv.__init__(self, rank, depth_multiplier, kernel_size, strides, padding, data_format,
                                   dilation_rate, activation, use_bias, **kwargs)
    return init


class DepthwiseConv1D(BaseDepthwiseConv):
    __init__ = _depthwise(1)


class DepthwiseConv2D(BaseDepthwiseConv):
    __init__ = _depthwise(2)


class BaseSeparableConv(Layer):  # base_separable_conv.py
    def __init__(self, rank, depth_multiplier, filters, kernel_size, strides=1, padding="valid", data_format=None,
                 dilation_rate=1, activation=None, use_bias=True, **kwargs):
        super().__init__(**kwargs)
        self.rank, self.depth_multiplier, self.filters, self.use_bias = rank, depth_multiplier, filters, use_bias
        self.kernel_size = standardize_tuple(kernel_size, rank, "kernel_size")
        self.strides = standardize_tuple(strides, rank, "strides")
        self.dilation_rate = standardize_tuple(dilation_rate, rank, "dilation_rate")
        self.padding = standardize_padding(padding)
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=self.rank + 2)
        if self.depth_multiplier is not None and self.depth_multiplier <= 0:
            raise KerasError("invalid-argument", "Invalid value for argument `depth_multiplier`. Expected a "
                             f"strictly positive value. Received depth_multiplier={self.depth_multiplier}.")
        if self.filters is not None and self.filters <= 0:
            raise KerasError("invalid-argument", "Invalid value for argument `filters`. Expected a strictly "
                             f"positive value. Received filters={self.filters}.")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise KerasError("invalid-argument", "`strides > 1` not supported in conjunction with "
                             f"`dilation_rate > 1`. Received: strides={self.strides} and dilation_rate={self.dilation_rate}")

    def build(self, input_shape):
        channel_axis, input_channel = (-1, input_shape[-1]) if self.data_format == "channels_last" else (1, input_shape[1])
        self.input_spec = InputSpec(min_ndim=self.rank + 2, axes={channel_axis: input_channel})
        self.add_weight(self.kernel_size + (input_channel, self.depth_multiplier))
        self.add_weight((1,) * self.rank + (self.depth_multiplier * input_channel, self.filters))
        if self.use_bias:
            self.add_weight((self.filters,))

    def compute_output_shape(self, input_shape):
        return compute_conv_output_shape(input_shape, self.filters, self.kernel_size, strides=self.strides,
                                         padding=self.padding, data_format=self.data_format, dilation_rate=self.dilation_rate)


def _separable(rank):
    def init(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
             depth_multiplier=1, activation=None, use_bias=True, **kwargs):
        BaseSeparableConv.__init__(self, rank, depth_multiplier, filters, kernel_size, strides, padding, data_format,
                                   dilation_rate, activation, use_bias, **kwargs)
    return init


class SeparableConv1D(BaseSeparableConv):
    __init__ = _separable(1)


class SeparableConv2D(BaseSeparableConv):
    __init__ = _separable(2)


# ---- pooling: keras/src/layers/pooling/ ----

class BasePooling(Layer):  # base_pooling.py
    def __init__(self, pool_size, strides, pool_dimensions, padding="valid", data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.pool_size = standardize_tuple(pool_size, pool_dimensions, "pool_size")
        strides = pool_size if strides is None else strides
        self.strides = standardize_tuple(strides, pool_dimensions, "strides", allow_zero=True)
        self.padding = padding
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)

    def compute_output_shape(self, input_shape):
        return compute_pooling_output_shape(input_shape, self.pool_size, self.strides, self.padding, self.data_format)


def _pool(dims):
    default = 2 if dims == 1 else (2,) * dims

    def init(self, pool_size=default, strides=None, padding="valid", data_format=None, name=None, **kwargs):
        BasePooling.__init__(self, pool_size, strides, dims, padding, data_format, name=name, **kwargs)
    return init


class MaxPooling1D(BasePooling):
    __init__ = _pool(1)


class MaxPooling2D(BasePooling):
    __init__ = _pool(2)


class MaxPooling3D(BasePooling):
    __init__ = _pool(3)


class AveragePooling1D(BasePooling):
    __init__ = _pool(1)


class AveragePooling2D(BasePooling):
    __init__ = _pool(2)


class AveragePooling3D(BasePooling):
    __init__ = _pool(3)


class BaseGlobalPooling(Layer):  # base_global_pooling.py
    def __init__(self, pool_dimensions, data_format=None, keepdims=False, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.keepdims = keepdims
        self.input_spec = InputSpec(ndim=pool_dimensions + 2)

    def compute_output_shape(self, input_shape):
        num_spatial_dims = len(input_shape) - 2
        if self.data_format == "channels_last":
            if self.keepdims:
                return (input_shape[0],) + (1,) * num_spatial_dims + (input_shape[-1],)
            return (input_shape[0],) + (input_shape[-1],)
        if self.keepdims:
            return (input_shape[0], input_shape[1]) + (1,) * num_spatial_dims
        return (input_shape[0], input_shape[1])


def _global(dims):
    def init(self, data_format=None, keepdims=False, **kwargs):
        BaseGlobalPooling.__init__(self, dims, data_format, keepdims, **kwargs)
    return init


for _dims in (1, 2, 3):
    for _kind in ("GlobalAveragePooling", "GlobalMaxPooling"):
        globals()[f"{_kind}{_dims}D"] = type(f"{_kind}{_dims}D", (BaseGlobalPooling,), {"__init__": _global(_dims)})


# ---- core: keras/src/layers/core/dense.py, embedding.py ----

class Dense(Layer):
    axis_code = "features-mismatch"

    def __init__(self, units, activation=None, use_bias=True, **kwargs):
        if not isinstance(units, int) or units <= 0:
            raise KerasError("invalid-argument", "Received an invalid value for `units`, expected a positive "
                             f"integer. Received: units={units}")
        super().__init__(**kwargs)
        self.units, self.use_bias = units, use_bias
        self.input_spec = InputSpec(min_ndim=2)

    def build(self, input_shape):
        self.add_weight((input_shape[-1], self.units))
        if self.use_bias:
            self.add_weight((self.units,))
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_shape[-1]})

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape)
        output_shape[-1] = self.units
        return tuple(output_shape)


class Embedding(Layer):
    def __init__(self, input_dim, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.input_dim, self.output_dim = input_dim, output_dim

    def build(self, input_shape):
        self.add_weight((self.input_dim, self.output_dim))

    def compute_output_shape(self, input_shape):
        return (*input_shape, self.output_dim)


class _Dropout(Layer):  # core/dropout.py and the spatial/noise variants: rate checked in __init__
    ndim = None

    def __init__(self, rate, **kwargs):
        super().__init__(**kwargs)
        if not 0 <= rate <= 1:
            raise KerasError("invalid-argument", "Invalid value received for argument `rate`. Expected a float "
                             f"value between 0 and 1. Received: rate={rate}")
        if self.ndim:
            self.input_spec = InputSpec(ndim=self.ndim)


class Dropout(_Dropout):
    pass


class SpatialDropout1D(_Dropout):
    ndim = 3


class SpatialDropout2D(_Dropout):
    ndim = 4


class SpatialDropout3D(_Dropout):
    ndim = 5


class Activation(Layer):
    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)


class ReLU(Layer):
    pass


class LeakyReLU(Layer):
    pass


class Softmax(Layer):
    pass


class ELU(Layer):
    pass


# ---- normalization: keras/src/layers/normalization/ ----

class BatchNormalization(Layer):
    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True, **kwargs):
        super().__init__(**kwargs)
        self.axis, self.center, self.scale = int(axis), center, scale

    def build(self, input_shape):
        try:
            shape = (input_shape[self.axis],)
        except IndexError as e:
            raise KerasError("invalid-argument", str(e))
        if self.scale:
            self.add_weight(shape)
        if self.center:
            self.add_weight(shape)
        self.add_weight(shape, trainable=False)
        self.add_weight(shape, trainable=False)
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: input_shape[self.axis]})


class LayerNormalization(Layer):
    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True, rms_scaling=False, **kwargs):
        super().__init__(**kwargs)
        self.axis = list(axis) if isinstance(axis, (list, tuple)) else axis
        self.center, self.scale, self.rms_scaling = center, scale, rms_scaling

    def build(self, input_shape):
        try:
            if isinstance(self.axis, list):
                shape = tuple([input_shape[dim] for dim in self.axis])
            else:
                shape = (input_shape[self.axis],)
        except IndexError as e:
            raise KerasError("invalid-argument", str(e))
        if self.scale or self.rms_scaling:
            self.add_weight(shape)
        if self.center and not self.rms_scaling:
            self.add_weight(shape)


# ---- reshaping: keras/src/layers/reshaping/ ----

class Flatten(Layer):  # flatten.py
    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.input_spec = InputSpec(min_ndim=1)

    def compute_output_shape(self, input_shape):
        non_batch_dims = input_shape[1:]
        if len(non_batch_dims) == 0:
            flattened_dim = 1
        elif any(d is None for d in non_batch_dims):
            flattened_dim = None
        else:
            flattened_dim = math.prod(non_batch_dims)
        return (input_shape[0], flattened_dim)


class Reshape(Layer):  # reshape.py
    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        target_shape = tuple(target_shape)
        if target_shape.count(-1) > 1:
            raise KerasError("invalid-argument", "The `target_shape` argument must not contain more than one "
                             f"`-1` value. Received: target_shape={target_shape}")
        self.target_shape = target_shape

    def compute_output_shape(self, input_shape):
        return (input_shape[0], *compute_reshape_output_shape(input_shape[1:], self.target_shape, "target_shape"))


class Permute(Layer):  # permute.py
    def __init__(self, dims, **kwargs):
        super().__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(dims) != list(range(1, len(dims) + 1)):
            raise KerasError("invalid-argument", "Invalid permutation argument `dims` for Permute Layer. "
                             "The set of indices in `dims` must be consecutive and start "
                             f"from 1. Received dims={dims}")
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def compute_output_shape(self, input_shape):
        return tuple([input_shape[0]] + [input_shape[dim] for dim in self.dims])


class UpSampling1D(Layer):  # up_sampling1d.py
    def __init__(self, size=2, **kwargs):
        super().__init__(**kwargs)
        if not isinstance(size, int) or isinstance(size, bool) or size <= 0:
            raise KerasError("invalid-argument", f"Argument `size` should be a positive integer. Received: size={size}")
        self.size = size
        self.input_spec = InputSpec(ndim=3)

    def compute_output_shape(self, input_shape):
        size = self.size * input_shape[1] if input_shape[1] is not None else None
        return [input_shape[0], size, input_shape[2]]


class _UpSamplingND(Layer):  # up_sampling2d.py, up_sampling3d.py
    rank = 2

    def __init__(self, size=None, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        self.size = standardize_tuple((2,) * self.rank if size is None else size, self.rank, "size")
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def compute_output_shape(self, input_shape):
        offset = 2 if self.data_format == "channels_first" else 1
        out = list(input_shape)
        for i in range(self.rank):
            d = input_shape[offset + i]
            out[offset + i] = self.size[i] * d if d is not None else None
        return tuple(out)


class UpSampling2D(_UpSamplingND):
    rank = 2


class UpSampling3D(_UpSamplingND):
    rank = 3


class ZeroPadding1D(Layer):  # zero_padding1d.py
    def __init__(self, padding=1, **kwargs):
        super().__init__(**kwargs)
        self.padding = standardize_tuple(padding, 2, "padding", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape)
        if output_shape[1] is not None:
            output_shape[1] += self.padding[0] + self.padding[1]
        return tuple(output_shape)


ORDINALS = ("1st", "2nd", "3rd")


class _ZeroPaddingND(Layer):  # zero_padding2d.py, zero_padding3d.py
    rank = 2

    def __init__(self, padding=1, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        if isinstance(padding, int):
            self.padding = ((padding, padding),) * self.rank
        else:
            if len(padding) != self.rank:
                raise KerasError("invalid-argument", "`padding` should have two elements. "
                                 f"Received: padding={padding}." if self.rank == 2 else
                                 f"`padding` should have 3 elements. Received: {padding}.")
            self.padding = tuple(standardize_tuple(padding[i], 2, f"{ORDINALS[i]} entry of padding", allow_zero=True)
                                 for i in range(self.rank))
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape)
        offset = 2 if self.data_format == "channels_first" else 1
        for index in range(self.rank):
            if output_shape[index + offset] is not None:
                output_shape[index + offset] += self.padding[index][0] + self.padding[index][1]
        return tuple(output_shape)


class ZeroPadding2D(_ZeroPaddingND):
    rank = 2


class ZeroPadding3D(_ZeroPaddingND):
    rank = 3


class Cropping1D(Layer):  # cropping1d.py
    def __init__(self, cropping=(1, 1), **kwargs):
        super().__init__(**kwargs)
        self.cropping = standardize_tuple(cropping, 2, "cropping", allow_zero=True)
        self.input_spec = InputSpec(ndim=3)

    def compute_output_shape(self, input_shape):
        if input_shape[1] is not None:
            length = input_shape[1] - self.cropping[0] - self.cropping[1]
            if length <= 0:
                raise KerasError("invalid-argument", "`cropping` parameter of `Cropping1D` layer must be "
                                 "smaller than the input length. Received: input_shape="
                                 f"{input_shape}, cropping={self.cropping}")
        else:
            length = None
        return (input_shape[0], length, input_shape[2])


class _CroppingND(Layer):  # cropping2d.py, cropping3d.py
    rank = 2

    def __init__(self, cropping=0, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = standardize_data_format(data_format)
        if isinstance(cropping, int):
            if cropping < 0:
                raise KerasError("invalid-argument", f"`cropping` cannot be negative. Received: cropping={cropping}.")
            self.cropping = ((cropping, cropping),) * self.rank
        else:
            if len(cropping) != self.rank:
                raise KerasError("invalid-argument", "`cropping` should have two elements. "
                                 f"Received: cropping={cropping}." if self.rank == 2 else
                                 f"`cropping` should have 3 elements. Received: {cropping}.")
            self.cropping = tuple(standardize_tuple(cropping[i], 2, f"{ORDINALS[i]} entry of cropping", allow_zero=True)
                                  for i in range(self.rank))
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def compute_output_shape(self, input_shape):
        offset = 2 if self.data_format == "channels_first" else 1
        spatial = list(input_shape[offset:offset + self.rank])
        for index in range(self.rank):
            if spatial[index] is None:
                continue
            spatial[index] -= sum(self.cropping[index])
            if spatial[index] <= 0:
                raise KerasError("invalid-argument", "Values in `cropping` argument should be smaller than the "
                                 "corresponding spatial dimension of the input. Received: "
                                 f"input_shape={input_shape}, cropping={self.cropping}")
        out = list(input_shape)
        out[offset:offset + self.rank] = spatial
        return tuple(out)


class Cropping2D(_CroppingND):
    rank = 2


class Cropping3D(_CroppingND):
    rank = 3


# ---- merging: keras/src/layers/merging/ ----

class Merge(Layer):  # base_merge.py
    def _compute_elemwise_op_output_shape(self, shape1, shape2):
        if None in [shape1, shape2]:
            return None
        elif len(shape1) < len(shape2):
            return self._compute_elemwise_op_output_shape(shape2, shape1)
        elif not shape2:
            return shape1
        output_shape = list(shape1[: -len(shape2)])
        for i, j in zip(shape1[-len(shape2):], shape2):
            if i is None or j is None:
                output_shape.append(None)
            elif i == 1:
                output_shape.append(j)
            elif j == 1:
                output_shape.append(i)
            else:
                if i != j:
                    raise KerasError("broadcast-mismatch", f"Inputs have incompatible shapes. Received shapes {shape1} and {shape2}")
                output_shape.append(i)
        return tuple(output_shape)

    def build(self, input_shape):
        batch_sizes = {s[0] for s in input_shape if s} - {None}
        if len(batch_sizes) > 1:
            raise KerasError("broadcast-mismatch", "Cannot merge tensors with different batch sizes. "
                             f"Received tensors with shapes {input_shape}")
        output_shape = input_shape[0][1:]
        for i in range(1, len(input_shape)):
            output_shape = self._compute_elemwise_op_output_shape(output_shape, input_shape[i][1:])

    def compute_output_shape(self, input_shape):
        output_shape = input_shape[0][1:]
        for i in range(1, len(input_shape)):
            output_shape = self._compute_elemwise_op_output_shape(output_shape, input_shape[i][1:])
        batch_sizes = {s[0] for s in input_shape if s is not None} - {None}
        if len(batch_sizes) == 1:
            return (list(batch_sizes)[0],) + output_shape
        return (None,) + output_shape


class Add(Merge):
    pass


class Multiply(Merge):
    pass


class Average(Merge):
    pass


class Maximum(Merge):
    pass


class Minimum(Merge):
    pass


class Subtract(Merge):  # subtract.py
    def build(self, input_shape):
        super().build(input_shape)
        if len(input_shape) != 2:
            raise KerasError("invalid-argument", "A `Subtract` layer should be called on exactly 2 inputs. "
                             f"Received: input_shape={input_shape}")


class Concatenate(Merge):  # concatenate.py
    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def build(self, input_shape):
        reduced_inputs_shapes = [list(shape) for shape in input_shape]
        reduced_inputs_shapes_copy = copy.copy(reduced_inputs_shapes)
        shape_set = set()
        for i in range(len(reduced_inputs_shapes_copy)):
            concat_axis = self.axis % len(reduced_inputs_shapes_copy[i])
            for axis, axis_value in enumerate(reduced_inputs_shapes_copy, start=1):
                if axis != concat_axis and axis_value == 1:
                    del reduced_inputs_shapes[i][axis]
            if len(reduced_inputs_shapes[i]) > self.axis:
                del reduced_inputs_shapes[i][self.axis]
            shape_set.add(tuple(reduced_inputs_shapes[i]))
        if len(shape_set) != 1:
            err_msg = ("A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. "
                       f"Received: input_shape={input_shape}")
            ranks = set(len(shape) for shape in shape_set)
            if len(ranks) != 1:
                raise KerasError("cat-mismatch", err_msg)
            (rank,) = ranks
            for axis in range(rank):
                unique_dims = set(shape[axis] for shape in shape_set if shape[axis] is not None)
                if len(unique_dims) > 1:
                    raise KerasError("cat-mismatch", err_msg)

    def compute_output_shape(self, input_shape):
        output_shape = list(input_shape[0])
        try:
            for shape in input_shape[1:]:
                if output_shape[self.axis] is None or shape[self.axis] is None:
                    output_shape[self.axis] = None
                    break
                output_shape[self.axis] += shape[self.axis]
        except IndexError as e:
            raise KerasError("invalid-argument", str(e))
        return tuple(output_shape)
