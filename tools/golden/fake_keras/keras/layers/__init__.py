"""keras.layers: the port's layers, Keras' aliases, lower-case merge functions, Input."""
from .._builtin import BUILTINS
from .._layer import Layer
from .._models import InputLayer
from .._tensor import Input

globals().update(BUILTINS)

# Aliases Keras exports for the same classes (so they share the class's automatic name).
ALIASES = {
    "Convolution1D": "Conv1D", "Convolution2D": "Conv2D", "Convolution3D": "Conv3D",
    "Convolution2DTranspose": "Conv2DTranspose", "Convolution3DTranspose": "Conv3DTranspose",
    "SeparableConvolution1D": "SeparableConv1D", "SeparableConvolution2D": "SeparableConv2D",
    "MaxPool1D": "MaxPooling1D", "MaxPool2D": "MaxPooling2D", "MaxPool3D": "MaxPooling3D",
    "AvgPool1D": "AveragePooling1D", "AvgPool2D": "AveragePooling2D", "AvgPool3D": "AveragePooling3D",
    "GlobalAvgPool1D": "GlobalAveragePooling1D", "GlobalAvgPool2D": "GlobalAveragePooling2D",
    "GlobalAvgPool3D": "GlobalAveragePooling3D", "GlobalMaxPool1D": "GlobalMaxPooling1D",
    "GlobalMaxPool2D": "GlobalMaxPooling2D", "GlobalMaxPool3D": "GlobalMaxPooling3D",
}
globals().update({alias: BUILTINS[target] for alias, target in ALIASES.items()})


def _merge_function(class_name):
    def merge(inputs, **kwargs):
        return BUILTINS[class_name](**kwargs)(inputs)
    merge.__name__ = class_name.lower()
    return merge


add = _merge_function("Add")
subtract = _merge_function("Subtract")
multiply = _merge_function("Multiply")
average = _merge_function("Average")
maximum = _merge_function("Maximum")
minimum = _merge_function("Minimum")
concatenate = _merge_function("Concatenate")
