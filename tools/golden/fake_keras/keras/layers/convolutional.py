"""keras.layers.convolutional: Keras 2's module path, the same layers as keras.layers."""
from keras.layers import *  # noqa: F401,F403
