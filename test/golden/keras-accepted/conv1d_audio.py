"""A 1-D Keras net on sequences: strided valid Conv1D and MaxPooling1D."""
import keras
from keras import layers

inputs = keras.Input(shape=(100, 1))
x = layers.Conv1D(16, 7, strides=3)(inputs)
x = layers.MaxPooling1D(4)(x)
x = layers.Conv1D(32, 5)(x)
x = layers.GlobalAveragePooling1D()(x)
outputs = layers.Dense(3)(x)
model = keras.Model(inputs, outputs)
