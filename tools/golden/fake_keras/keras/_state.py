"""Global state of a (fake) Keras session: automatic name counters, image data format, hooks."""
import collections

from ._port import port


class KerasValueError(ValueError):
    """What Keras raises (a ValueError), carrying the ConvShape code the port attached."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


class Hooks:
    """No-op observer; tools/golden/keras_models.py installs a recorder in its place."""

    def on_construct(self, layer):
        pass

    def on_call_start(self, layer, inputs):
        return None

    def on_call_end(self, token, outputs):
        pass


_uids = collections.defaultdict(int)
_config = {"image_data_format": "channels_last"}
hooks = Hooks()


def reset():
    """A fresh session: name counters from zero, channels_last, no recorder."""
    global hooks
    _uids.clear()
    _config["image_data_format"] = "channels_last"
    hooks = Hooks()


def set_hooks(h):
    global hooks
    hooks = h


def auto_name(class_name):
    """keras/src/utils/naming.py auto_name + uniquify: `conv2d`, then `conv2d_1`, `conv2d_2`..."""
    prefix = port.to_snake_case(class_name)
    name = f"{prefix}_{_uids[prefix]}" if prefix in _uids else prefix
    _uids[prefix] += 1
    return name


def image_data_format():
    return _config["image_data_format"]


def set_image_data_format(data_format):
    fmt = str(data_format).lower()
    if fmt not in {"channels_first", "channels_last"}:
        raise ValueError("The `data_format` argument must be one of {'channels_first', 'channels_last'}. "
                         f"Received: data_format={data_format}")
    _config["image_data_format"] = fmt
