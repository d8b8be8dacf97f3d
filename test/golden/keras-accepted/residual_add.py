"""Residual blocks with 'same' convs and a strided 1x1 shortcut: Add needs equal maps."""
import keras
from keras import layers

inputs = keras.Input(shape=(32, 32, 3))
x = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
y = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
y = layers.Conv2D(32, 3, padding="same")(y)
x = layers.Add()([x, y])
y = layers.Conv2D(64, 3, strides=2, padding="same", activation="relu")(x)
y = layers.Conv2D(64, 3, padding="same")(y)
shortcut = layers.Conv2D(64, 1, strides=2)(x)
x = layers.Add()([shortcut, y])
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
