"""The port of Keras 3's shape code, continued: recurrent layers, their wrappers, attention, group norm.

Same rules as keras-port.py (loaded first as `keras_port`, whose helpers this file uses): each
class ports the named Keras 3 source (keras-team/keras at commit
3422977a5e38fb2f7709aaa9a08e47f0c43d0f60), the constructor checks, the input spec, build's
weights and its errors, and compute_output_shape (or compute_output_spec where the layer has one).
A layer with several outputs returns a list of shapes, in the order Keras returns the tensors.
"""
import math
import sys

port = sys.modules["keras_port"]
KerasError, InputSpec, Layer = port.KerasError, port.InputSpec, port.Layer
standardize_tuple, standardize_padding = port.standardize_tuple, port.standardize_padding
standardize_data_format, compute_conv_output_shape = port.standardize_data_format, port.compute_conv_output_shape


# ---- keras/src/layers/rnn/: simple_rnn.py, lstm.py, gru.py, rnn.py ----

def _check_units(units):
    # SimpleRNNCell / LSTMCell / GRUCell __init__
    if units <= 0:
        raise KerasError("invalid-argument", "Received an invalid value for argument `units`, "
                         f"expected a positive integer, got {units}.")


class _RNN(Layer):
    gates = 1  # kernels (input_dim, units·gates), (units, units·gates)
    states = 1  # state_size: [units] or [units, units] (LSTM)

    def __init__(self, units, activation="tanh", use_bias=True, return_sequences=False, return_state=False,
                 go_backwards=False, stateful=False, **kwargs):
        _check_units(units)
        super().__init__(**kwargs)
        self.units, self.use_bias = units, use_bias
        self.return_sequences, self.return_state = return_sequences, return_state
        self.go_backwards, self.stateful = go_backwards, stateful
        self.input_spec = InputSpec(ndim=3)

    def bias_shape(self):
        return (self.units * self.gates,)

    def build(self, sequences_shape):
        # RNN.build → cell.build(step_input_shape = (batch,) + sequences_shape[2:])
        input_dim = sequences_shape[-1]
        self.add_weight((input_dim, self.units * self.gates))
        self.add_weight((self.units, self.units * self.gates))
        if self.use_bias:
            self.add_weight(self.bias_shape())

    def compute_output_shape(self, sequences_shape):
        # RNN.compute_output_shape: state_size ints → (batch, size); output_size = units
        batch_size, length = sequences_shape[0], sequences_shape[1]
        states_shape = [(batch_size, self.units)] * self.states
        if self.return_sequences:
            output_shape = (batch_size, length, self.units)
        else:
            output_shape = (batch_size, self.units)
        if self.return_state:
            return [output_shape, *states_shape]
        return output_shape


class SimpleRNN(_RNN):
    pass


class LSTM(_RNN):
    gates, states = 4, 2


class GRU(_RNN):
    gates = 3

    def __init__(self, units, reset_after=True, **kwargs):
        super().__init__(units, **kwargs)
        self.reset_after = reset_after

    def bias_shape(self):
        # GRUCell.build: separate input and recurrent biases when reset_after
        return (3 * self.units,) if not self.reset_after else (2, 3 * self.units)


# ---- keras/src/layers/rnn/bidirectional.py ----

MERGE_MODES = ["sum", "mul", "ave", "concat", None]


class Bidirectional(Layer):
    def __init__(self, layer, merge_mode="concat", **kwargs):
        if merge_mode not in MERGE_MODES:
            raise KerasError("invalid-argument", f"Invalid merge mode. Received: {merge_mode}. "
                             "Merge mode should be one of "
                             '{"sum", "mul", "ave", "concat", None}')
        super().__init__(**kwargs)
        # forward_layer and backward_layer are copies of `layer` (from its config): fresh, unbuilt
        self.forward_layer = layer
        self.backward_layer = layer.fresh_copy()
        self.merge_mode = merge_mode
        self.return_sequences, self.return_state = layer.return_sequences, layer.return_state
        self.input_spec = layer.input_spec

    def build(self, sequences_shape):
        self.forward_layer.build(sequences_shape)
        self.backward_layer.build(sequences_shape)
        self.weights = self.forward_layer.weights + self.backward_layer.weights

    def compute_output_shape(self, sequences_shape):
        output_shape = self.forward_layer.compute_output_shape(sequences_shape)
        if self.return_state:
            output_shape, state_shape = output_shape[0], tuple(output_shape[1:])
        if self.merge_mode == "concat":
            output_shape = list(output_shape)
            output_shape[-1] *= 2
            output_shape = tuple(output_shape)
        elif self.merge_mode is None:
            output_shape = [output_shape, output_shape]
        if self.return_state:
            if self.merge_mode is None:
                return list(tuple(output_shape) + state_shape + state_shape)
            return list(tuple([output_shape]) + state_shape + state_shape)
        return output_shape  # a list of two shapes when merge_mode is None


# ---- keras/src/layers/rnn/time_distributed.py (Wrapper.build builds the inner layer) ----

class TimeDistributed(Layer):
    def __init__(self, layer, **kwargs):
        super().__init__(**kwargs)
        self.layer = layer

    def _get_child_input_shape(self, input_shape):
        if not isinstance(input_shape, (tuple, list)) or len(input_shape) < 3:
            raise KerasError("rank-mismatch", "`TimeDistributed` Layer should be passed an `input_shape` "
                             f"with at least 3 dimensions, received: {input_shape}")
        return (input_shape[0], *input_shape[2:])

    def build(self, input_shape):
        child_input_shape = self._get_child_input_shape(input_shape)
        if not self.layer.built:
            self.layer.build(child_input_shape)
            self.layer.built = True
        self.weights = self.layer.weights

    def compute_output_shape(self, input_shape):
        child_input_shape = self._get_child_input_shape(input_shape)
        child_output_shape = self.layer.compute_output_shape(child_input_shape)
        return (child_output_shape[0], input_shape[1], *child_output_shape[1:])


# ---- keras/src/layers/rnn/conv_lstm.py (ConvLSTMCell, ConvLSTM), conv_lstm{1,2,3}d.py ----

class _ConvLSTM(Layer):
    rank = 2

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format=None, dilation_rate=1,
                 use_bias=True, return_sequences=False, return_state=False, go_backwards=False, stateful=False,
                 **kwargs):
        super().__init__(**kwargs)
        # ConvLSTMCell.__init__
        self.filters, self.use_bias = filters, use_bias
        self.kernel_size = standardize_tuple(kernel_size, self.rank, "kernel_size")
        self.strides = standardize_tuple(strides, self.rank, "strides", allow_zero=True)
        self.padding = standardize_padding(padding)
        self.data_format = standardize_data_format(data_format)
        self.dilation_rate = standardize_tuple(dilation_rate, self.rank, "dilation_rate")
        if max(self.strides) > 1 and max(self.dilation_rate) > 1:
            raise KerasError("invalid-argument", "Specifying `strides > 1` is not compatible with "
                             "`dilation_rate > 1`. Please provide `strides=1` or `dilation_rate=1`. "
                             f"Received: strides={self.strides} and dilation_rate={self.dilation_rate}")
        self.return_sequences, self.return_state = return_sequences, return_state
        self.input_spec = InputSpec(ndim=self.rank + 3)

    def build(self, sequences_shape):
        # RNN.build → ConvLSTMCell.build on the step shape (batch,) + sequences_shape[2:]
        inputs_shape = (sequences_shape[0],) + tuple(sequences_shape[2:])
        if self.data_format == "channels_first":
            channel_axis, spatial_dims = 1, inputs_shape[2:]
        else:
            channel_axis, spatial_dims = -1, inputs_shape[1:-1]
        if None in spatial_dims:
            raise KerasError("invalid-argument", "ConvLSTM layers only support static input shapes for the "
                             f"spatial dimension. Received invalid input shape: input_shape={inputs_shape}")
        if inputs_shape[channel_axis] is None:
            raise KerasError("invalid-argument", "The channel dimension of the inputs (last axis) should be "
                             f"defined. Found None. Full input shape received: input_shape={inputs_shape}")
        input_dim = inputs_shape[channel_axis]
        self.add_weight(self.kernel_size + (input_dim, self.filters * 4))
        self.add_weight(self.kernel_size + (self.filters, self.filters * 4))
        if self.use_bias:
            self.add_weight((self.filters * 4,))

    def compute_output_shape(self, sequences_shape):
        batch_size, steps = sequences_shape[0], sequences_shape[1]
        step_shape = (batch_size,) + tuple(sequences_shape[2:])
        state_shape = compute_conv_output_shape(step_shape, self.filters, self.kernel_size, strides=self.strides,
                                                padding=self.padding, data_format=self.data_format,
                                                dilation_rate=self.dilation_rate)[1:]
        if self.return_sequences:
            output_shape = (batch_size, steps) + state_shape
        else:
            output_shape = (batch_size,) + state_shape
        if self.return_state:
            batched_state_shape = (batch_size,) + state_shape
            return [output_shape, batched_state_shape, batched_state_shape]
        return output_shape


class ConvLSTM1D(_ConvLSTM):
    rank = 1


class ConvLSTM2D(_ConvLSTM):
    rank = 2


class ConvLSTM3D(_ConvLSTM):
    rank = 3


# ---- keras/src/layers/normalization/group_normalization.py ----

class GroupNormalization(Layer):
    def __init__(self, groups=32, axis=-1, epsilon=1e-3, center=True, scale=True, **kwargs):
        if not isinstance(groups, int) or (groups <= 0 and groups != -1):
            raise KerasError("invalid-argument", "Received an invalid value for argument `groups`, expected "
                             "a positive integer (or `-1` for instance normalization). "
                             f"Received: groups={groups}")
        super().__init__(**kwargs)
        self.groups, self.axis, self.center, self.scale = groups, axis, center, scale

    def build(self, input_shape):
        try:
            dim = input_shape[self.axis]
        except IndexError as e:
            raise KerasError("invalid-argument", str(e))
        if dim is None:
            raise KerasError("invalid-argument", f"Axis {self.axis} of input tensor should have a defined "
                             f"dimension but the layer received an input with shape {input_shape}.")
        if self.groups == -1:
            self.groups = dim
        if dim < self.groups:
            raise KerasError("invalid-groups", f"Number of groups ({self.groups}) cannot be more than the "
                             f"number of channels ({dim}).")
        if dim % self.groups != 0:
            raise KerasError("invalid-groups", f"Number of groups ({self.groups}) must be a multiple "
                             f"of the number of channels ({dim}).")
        self.input_spec = InputSpec(ndim=len(input_shape), axes={self.axis: dim})
        if self.scale:
            self.add_weight((dim,))
        if self.center:
            self.add_weight((dim,))


# ---- keras/src/layers/attention/multi_head_attention.py ----

class MultiHeadAttention(Layer):
    def __init__(self, num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True, output_shape=None,
                 attention_axes=None, **kwargs):
        if not isinstance(num_heads, int) or num_heads <= 0:
            raise KerasError("invalid-argument", "Received an invalid value for argument `num_heads`, "
                             f"expected a positive integer. Received: num_heads={num_heads}")
        if not isinstance(key_dim, int) or key_dim <= 0:
            raise KerasError("invalid-argument", "Received an invalid value for argument `key_dim`, expected "
                             f"a positive integer. Received: key_dim={key_dim}")
        if value_dim is not None and (not isinstance(value_dim, int) or value_dim <= 0):
            raise KerasError("invalid-argument", "Received an invalid value for argument `value_dim`, "
                             f"expected a positive integer or `None`. Received: value_dim={value_dim}")
        super().__init__(**kwargs)
        self.num_heads, self.key_dim = num_heads, key_dim
        self.value_dim = value_dim if value_dim else key_dim
        self.use_bias = use_bias
        if output_shape:
            if isinstance(output_shape, int):
                output_shape = (output_shape,)
            output_shape = tuple(output_shape)
        self._output_shape = output_shape
        if isinstance(attention_axes, int):
            attention_axes = (attention_axes,)
        self.attention_axes = attention_axes

    def _einsum_dense(self, in_dims, out_dims):
        # EinsumDense(kernel = bound input dims + output dims, bias = output dims)
        self.add_weight(tuple(in_dims) + tuple(out_dims))
        if self.use_bias:
            self.add_weight(tuple(out_dims))

    def build(self, query_shape, value_shape, key_shape=None):
        key_shape = value_shape if key_shape is None else key_shape
        if value_shape[1:-1] != key_shape[1:-1]:
            raise KerasError("invalid-argument", "All dimensions of `value` and `key`, except the last one, "
                             f"must be equal. Received: value_shape={value_shape} and key_shape={key_shape}")
        self._einsum_dense([query_shape[-1]], [self.num_heads, self.key_dim])
        self._einsum_dense([key_shape[-1]], [self.num_heads, self.key_dim])
        self._einsum_dense([value_shape[-1]], [self.num_heads, self.value_dim])
        output_shape = self._output_shape if self._output_shape else [query_shape[-1]]
        self._einsum_dense([self.num_heads, self.value_dim], output_shape)

    def compute_output_shape(self, query_shape, value_shape, key_shape=None):
        query_shape, value_shape = tuple(query_shape), tuple(value_shape)
        key_shape = value_shape if key_shape is None else tuple(key_shape)
        if value_shape[1:-1] != key_shape[1:-1]:
            raise KerasError("invalid-argument", "All dimensions of `value` and `key`, except the last one, "
                             f"must be equal. Received: value_shape={value_shape} and key_shape={key_shape}")
        if self._output_shape:
            query_shape = query_shape[:-1] + self._output_shape
        return query_shape

    def compute_output_spec(self, query_shape, value_shape, key_shape=None, return_attention_scores=False):
        output_shape = self.compute_output_shape(query_shape, value_shape, key_shape)
        if return_attention_scores:
            length = query_shape[1]  # Keras' symbolic scores use the query length on both axes
            return [output_shape, (query_shape[0], self.num_heads, length, length)]
        return output_shape

    def __call__(self, shapes, return_attention_scores=False):
        # Layer.__call__: no input spec; build(query, value, key) once, then compute_output_spec
        shapes = [tuple(s) for s in shapes]
        if not self.built:
            self.build(*shapes)
            self.built = True
        return self.compute_output_spec(*shapes, return_attention_scores=return_attention_scores)


def fresh_copy(layer):
    """A new, unbuilt layer with the same configuration (Bidirectional's backward layer)."""
    clone = object.__new__(type(layer))
    clone.__dict__.update({k: v for k, v in layer.__dict__.items() if k not in ("weights", "built")})
    clone.weights, clone.built = [], False
    return clone


Layer.fresh_copy = fresh_copy
BLOCKS = [SimpleRNN, LSTM, GRU, Bidirectional, TimeDistributed, ConvLSTM1D, ConvLSTM2D, ConvLSTM3D,
          GroupNormalization, MultiHeadAttention]
for _cls in BLOCKS:
    setattr(port, _cls.__name__, _cls)
