"""Valid pools with strides and a strided valid conv: a threshold and floors."""
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(48, 48, 3)),
    layers.Conv2D(16, 5, strides=2),
    layers.MaxPooling2D(3, strides=2),
    layers.Conv2D(32, 3),
    layers.AveragePooling2D(2),
    layers.Flatten(),
    layers.Dense(10),
])
